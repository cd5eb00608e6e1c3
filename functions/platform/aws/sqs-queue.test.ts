import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws } from '../../../test/bundles/aws-fakes.js';
import { decodeInbound, inboundCodec, MalformedQueueMessageError } from '../../core/inbound-codec.js';
import type { InboundMessage } from '../../core/types.js';
import { SqsQueue, sqsId } from './sqs-queue.js';

let aws: Awaited<ReturnType<typeof startFakeAws>>;
beforeAll(async () => {
  aws = await startFakeAws({});
});
afterAll(() => aws.close());

const message: InboundMessage = {
  channel: 'whatsapp',
  userId: 'whatsapp:+33600000009',
  address: 'whatsapp:+33600000009',
  externalId: 'SM0123456789abcdef0123456789abcdef',
  kind: 'text',
  text: 'Bonjour',
  receivedAtMs: 1_700_000_000_000,
};

describe('SqsQueue (the inbound FIFO queue)', () => {
  it('sends one message per inbound with the person as group and the delivery id as deduplication id', async () => {
    // Prepare: the real SQS client; it sends to the queue URL's host
    const queueUrl = `${aws.url}/000000000000/inbound.fifo`;
    const client = new SQSClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const queue = new SqsQueue({ client, queueUrl, codec: inboundCodec });

    // Act
    await queue.enqueue(message);

    // Assess
    expect(aws.sent.at(-1)).toMatchObject({
      QueueUrl: queueUrl,
      MessageGroupId: 'whatsapp:whatsapp:+33600000009',
      MessageDeduplicationId: `whatsapp:${message.externalId}`,
    });
    expect(decodeInbound(aws.sent.at(-1)!.MessageBody)).toEqual(message);
  });

  it('keeps ids within the 128 characters SQS allows, stably', () => {
    const long = `telegram:${'9'.repeat(200)}`;
    expect(sqsId('telegram:42')).toBe('telegram:42');
    expect(sqsId(long)).toHaveLength(64);
    expect(sqsId(long)).toBe(sqsId(long));
  });

  it.each(['{not json', JSON.stringify({ ...message, channel: 'sms' }), JSON.stringify({ text: 'hi' })])(
    'refuses a body that is not an inbound message: %s',
    (body) => {
      expect(() => decodeInbound(body)).toThrow(MalformedQueueMessageError);
    },
  );
});
