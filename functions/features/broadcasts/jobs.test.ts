import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { processBroadcastBatch } from '../../app/lambda/broadcast-functions.js';
import { silentLogger } from '../../core/logger.js';
import { SqsQueue } from '../../platform/aws/sqs-queue.js';
import { broadcastJobCodec, decodeBroadcastJob, MalformedBroadcastJobError } from './jobs.js';

describe('broadcast jobs on SQS', () => {
  it('round-trips a batch job through the queue body', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: '1' });
    const queue = new SqsQueue({
      codec: broadcastJobCodec,
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

describe('processBroadcastBatch', () => {
  it('reports only the failed records, so SQS redelivers just those', async () => {
    const handled: string[] = [];
    const result = await processBroadcastBatch(
      {
        Records: [
          { messageId: 'm1', body: JSON.stringify({ kind: 'fanout', broadcastId: 'b1' }) },
          { messageId: 'm2', body: 'not json' },
          { messageId: 'm3', body: JSON.stringify({ kind: 'fanout', broadcastId: 'fails' }) },
        ],
      },
      async (job) => {
        if (job.broadcastId === 'fails') throw new Error('store down');
        handled.push(job.broadcastId);
      },
      silentLogger,
    );
    expect(handled).toEqual(['b1']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }]);
  });
});
