import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Queue, QueueCodec } from '../../core/queue.js';
import type { Store } from '../../store/client.js';
import { listTopicSubscribers, type TopicSubscriber } from '../subscriptions/repository.js';
import { type DeliverDeps, deliverBatch } from './deliver.js';
import { BROADCAST_STATUS } from './model.js';
import { addCounts, createQueuedMany, getBroadcast, isComplete, markDone } from './repository.js';

const recipientSchema = z.object({
  // A channel adapter's id: the adapters decide which exist (an unknown one fails its delivery).
  channel: z.string().min(1).max(64),
  userId: z.string().min(1),
  address: z.string().min(1),
});

/**
 * The broadcast queue's messages: a fan-out step reads one page of a topic's subscribers, records
 * them as queued and enqueues them as one batch, then enqueues the next page; a batch job delivers.
 */
export const broadcastJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fanout'),
    broadcastId: z.string().min(1),
    cursor: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({
    kind: z.literal('batch'),
    broadcastId: z.string().min(1),
    recipients: z.array(recipientSchema).max(100),
  }),
]);
export type BroadcastJob = z.infer<typeof broadcastJobSchema>;

/**
 * The broadcast queue: a standard SQS queue apart from the inbound FIFO queue, so replies never
 * wait behind a broadcast. Duplicated deliveries are harmless: every recipient is claimed with a
 * conditional write before the send. Its consumer should run with reserved concurrency 1, so one
 * process holds the rate limiters; a schedule (every minute) calls `service.runDueBroadcasts()`.
 */
export type BroadcastQueue = Queue<BroadcastJob>;

export class MalformedBroadcastJobError extends AppError {}
/** Some recipients of a batch could not be processed (store outage): the batch is retried. */
export class BatchIncompleteError extends AppError {}

export function decodeBroadcastJob(body: string): BroadcastJob {
  try {
    return broadcastJobSchema.parse(JSON.parse(body));
  } catch (error) {
    throw new MalformedBroadcastJobError('Not a broadcast job', { cause: error });
  }
}

/** Broadcast jobs on their queue: JSON bodies, no group (a standard queue), logged by broadcast id. */
export const broadcastJobCodec: QueueCodec<BroadcastJob> = {
  encode: (job) => JSON.stringify(job),
  decode: decodeBroadcastJob,
  describe: (job) => ({ kind: job.kind, broadcastId: job.broadcastId }),
};

export interface JobDeps extends DeliverDeps {
  store: Store;
  queue: BroadcastQueue;
  logger: Logger;
  batchSize?: number;
}

async function finishIfComplete(
  deps: JobDeps,
  broadcastId: string,
  counts: Parameters<typeof addCounts>[2],
  fannedOut = false,
) {
  const now = deps.now ?? Date.now;
  const updated = await addCounts(deps.store, broadcastId, counts, fannedOut);
  if (isComplete(updated) && (await markDone(deps.store, broadcastId, new Date(now()).toISOString()))) {
    deps.logger.info('broadcast finished', {
      broadcastId,
      total: updated.total,
      sent: updated.sent ?? 0,
      failed: updated.failed ?? 0,
      blocked: updated.blocked ?? 0,
    });
  }
}

/** Handles one broadcast job; safe to run again after a failure or a redelivery. */
export function createBroadcastJobHandler(deps: JobDeps) {
  return async function handleBroadcastJob(job: BroadcastJob): Promise<void> {
    const broadcast = await getBroadcast(deps.store, job.broadcastId);
    if (!broadcast || broadcast.status !== BROADCAST_STATUS.sending) return;
    const now = deps.now ?? Date.now;

    if (job.kind === 'fanout') {
      const page = await listTopicSubscribers(deps.store, broadcast.topic, {
        limit: deps.batchSize ?? 100,
        cursor: job.cursor,
      });
      const queuedAt = new Date(now()).toISOString();
      const fresh = await createQueuedMany(
        deps.store,
        page.subscribers.map((s) => ({ broadcastId: broadcast.id, ...s, status: 'queued', queuedAt })),
      );
      if (fresh) await addCounts(deps.store, broadcast.id, { total: fresh });
      if (page.subscribers.length > 0) {
        await deps.queue.enqueue({ kind: 'batch', broadcastId: broadcast.id, recipients: page.subscribers });
      }
      if (page.cursor) {
        await deps.queue.enqueue({ kind: 'fanout', broadcastId: broadcast.id, cursor: page.cursor });
      } else {
        await finishIfComplete(deps, broadcast.id, {}, true);
      }
      return;
    }

    const { counts, errors } = await deliverBatch(broadcast, job.recipients as TopicSubscriber[], deps);
    await finishIfComplete(deps, broadcast.id, counts);
    if (errors > 0)
      throw new BatchIncompleteError(`${errors} recipients of broadcast ${broadcast.id} not processed`);
  };
}
