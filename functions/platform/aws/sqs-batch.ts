import { inboundCodec } from '../../core/inbound-codec.js';
import type { Logger } from '../../core/logger.js';
import type { QueueCodec } from '../../core/queue.js';
import type { InboundMessage } from '../../core/types.js';

/** The parts of an SQS record the consumers read (the shape Lambda's SQS event source delivers). */
export interface SqsRecord {
  messageId: string;
  body: string;
  attributes?: { MessageGroupId?: string; ApproximateReceiveCount?: string };
}

export interface SqsEvent {
  Records: SqsRecord[];
}

/** Lambda's partial batch response: the listed records return to the queue, the rest are deleted. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export interface SqsBatchOptions<T> {
  decode: (body: string) => T;
  handle: (message: T) => Promise<unknown>;
  logger: Logger;
  /** Groups run at once: unbounded by default; 1 runs the batch one record after the other. */
  groupsAtOnce?: number;
  /** What the logs call a record ("queue record", "broadcast job"). */
  label?: string;
}

/**
 * The one SQS partial-batch consumer, for the FIFO inbound queue and the standard broadcast queue.
 * Records are grouped by `MessageGroupId` (a record without one, from a standard queue, is its own
 * group). Groups run side by side (`groupsAtOnce`); within a group records run in order, and after
 * the first failure the group's later records are failed too, unprocessed, so a person's messages
 * are never answered out of order. Failed records are reported (`ReportBatchItemFailures`), so SQS
 * redelivers only those; a body that does not decode is reported failed and its DLQ keeps it.
 */
export async function consumeSqsBatch<T>(
  event: SqsEvent,
  options: SqsBatchOptions<T>,
): Promise<SqsBatchResponse> {
  const groups = new Map<string, SqsRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes?.MessageGroupId ?? `#${record.messageId}`;
    const records = groups.get(group);
    if (records) records.push(record);
    else groups.set(group, [record]);
  }
  const runGroup = async (records: SqsRecord[]): Promise<string[]> => {
    for (const [i, record] of records.entries()) {
      try {
        await options.handle(options.decode(record.body));
      } catch (error) {
        options.logger.warn(`${options.label ?? 'queue record'} failed, returned to the queue`, {
          messageId: record.messageId,
          receiveCount: record.attributes?.ApproximateReceiveCount,
          error,
        });
        return records.slice(i).map((r) => r.messageId);
      }
    }
    return [];
  };
  const pending = [...groups.values()];
  const failed: string[][] = [];
  const lane = async () => {
    for (let records = pending.shift(); records; records = pending.shift())
      failed.push(await runGroup(records));
  };
  const lanes = Math.min(options.groupsAtOnce ?? pending.length, pending.length);
  await Promise.all(Array.from({ length: lanes }, lane));
  const order = new Map(event.Records.map((r, i) => [r.messageId, i]));
  const ids = failed.flat().sort((a, b) => order.get(a)! - order.get(b)!);
  return { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** The inbound worker's batch (FIFO queue: each person a group, all groups at once). */
export function processSqsBatch(
  event: SqsEvent,
  handle: (message: InboundMessage) => Promise<unknown>,
  logger: Logger,
  codec: Pick<QueueCodec<InboundMessage>, 'decode'> = inboundCodec,
): Promise<SqsBatchResponse> {
  return consumeSqsBatch(event, { decode: codec.decode, handle, logger });
}
