import type { Logger } from '../../core/logger.js';
import type { InboundMessage } from '../../core/types.js';
import { decodeInbound } from './sqs-inbound-queue.js';

/** The parts of an SQS record the worker reads (the shape Lambda's SQS event source delivers). */
export interface SqsRecord {
  messageId: string;
  body: string;
  attributes: { MessageGroupId?: string; ApproximateReceiveCount?: string };
}

export interface SqsEvent {
  Records: SqsRecord[];
}

/** Lambda's partial batch response: the listed records return to the queue, the rest are deleted. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * Handles a batch from the FIFO queue. Groups (people) run side by side; within a group records
 * run in order, and after the first failure the group's later records are failed too, unprocessed,
 * so a person's messages are never answered out of order.
 */
export async function processSqsBatch(
  event: SqsEvent,
  handle: (message: InboundMessage) => Promise<unknown>,
  logger: Logger,
): Promise<SqsBatchResponse> {
  const groups = new Map<string, SqsRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    const records = groups.get(group);
    if (records) records.push(record);
    else groups.set(group, [record]);
  }
  const failures: string[][] = await Promise.all(
    [...groups.values()].map(async (records) => {
      for (const [i, record] of records.entries()) {
        try {
          await handle(decodeInbound(record.body));
        } catch (error) {
          logger.warn('queue record failed, returned to the queue', {
            messageId: record.messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
            error,
          });
          return records.slice(i).map((r) => r.messageId);
        }
      }
      return [];
    }),
  );
  return { batchItemFailures: failures.flat().map((itemIdentifier) => ({ itemIdentifier })) };
}
