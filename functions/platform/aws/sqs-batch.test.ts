import { describe, expect, it } from 'vitest';
import { sqsEvent } from '../../../scripts/lambda-events.js';
import { silentLogger } from '../../core/logger.js';
import type { InboundMessage } from '../../core/types.js';
import { processSqsBatch } from './sqs-batch.js';

const message = (userId: string, externalId: string): InboundMessage => ({
  channel: 'telegram',
  userId,
  address: userId,
  externalId,
  kind: 'text',
  text: `message ${externalId}`,
  receivedAtMs: 1_700_000_000_000,
});

describe('processSqsBatch', () => {
  it('handles each group in order and reports no failure when all succeed', async () => {
    // Prepare
    const event = sqsEvent([message('a', '1'), message('b', '2'), message('a', '3'), message('b', '4')]);
    const seen: string[] = [];

    // Act
    const result = await processSqsBatch(
      event,
      async (m) => seen.push(`${m.userId}:${m.externalId}`),
      silentLogger,
    );

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen.filter((s) => s.startsWith('a:'))).toEqual(['a:1', 'a:3']);
    expect(seen.filter((s) => s.startsWith('b:'))).toEqual(['b:2', 'b:4']);
  });

  it('fails the rest of a group after its first failure, unprocessed, and goes on with other groups', async () => {
    // Prepare
    const event = sqsEvent([message('a', '1'), message('a', '2'), message('b', '3'), message('a', '4')]);
    const ids = event.Records.map((r) => r.messageId);
    const seen: string[] = [];

    // Act
    const result = await processSqsBatch(
      event,
      async (m) => {
        seen.push(m.externalId);
        if (m.externalId === '2') throw new Error('store down');
      },
      silentLogger,
    );

    // Assess: message 4 of user a is never attempted before message 2 succeeds
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: ids[1] }, { itemIdentifier: ids[3] }]);
    expect(seen.sort()).toEqual(['1', '2', '3']);
  });

  it('returns a record whose body is not an inbound message to the queue (its DLQ keeps it)', async () => {
    const event = sqsEvent([message('a', '1')]);
    event.Records[0]!.body = JSON.stringify({ hello: 'world' });
    const result = await processSqsBatch(event, async () => undefined, silentLogger);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
  });
});
