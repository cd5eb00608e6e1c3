import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { decodeBroadcastJob, MalformedBroadcastJobError } from './jobs.js';
import { SqsBroadcastQueue } from './sqs-queue.js';

describe('broadcast jobs on SQS', () => {
  it('round-trips a batch job through the queue body', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: '1' });
    const queue = new SqsBroadcastQueue({
      client: new SQSClient({ region: 'eu-west-1' }),
      queueUrl: 'https://sqs/q',
    });
    const job = {
      kind: 'batch' as const,
      broadcastId: 'b1',
      recipients: [{ channel: 'telegram' as const, userId: '1', address: '1' }],
    };
    await queue.enqueue(job);
    const body = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!;
    expect(decodeBroadcastJob(body)).toEqual(job);
    sqs.restore();
  });

  it.each(['not json', '{"kind":"batch"}', '{"kind":"other","broadcastId":"b"}', '[]'])(
    'refuses a body that is not a broadcast job: %s',
    (body) => {
      expect(() => decodeBroadcastJob(body)).toThrow(MalformedBroadcastJobError);
    },
  );
});
