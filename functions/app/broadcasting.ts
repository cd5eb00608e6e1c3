import { type BroadcastTransport, createBroadcastTransport } from '../channels/broadcast-transport.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { DeliveryStats } from '../features/broadcasts/deliver.js';
import {
  type BroadcastJob,
  type BroadcastQueue,
  broadcastJobCodec,
  createBroadcastJobHandler,
  type JobDeps,
} from '../features/broadcasts/jobs.js';
import { KeyedSpacing, TokenBucket } from '../features/broadcasts/rate-limit.js';
import { createBroadcastService } from '../features/broadcasts/service.js';
import { MemoryQueue } from '../platform/memory/queue.js';
import type { Store } from '../store/client.js';

export interface BroadcastingOptions {
  config: Config;
  store: Store;
  logger: Logger;
  now?: (() => number) | undefined;
  transport?: BroadcastTransport;
  /** The queue; the in-process one by default (locally), SQS in AWS. */
  queue?: BroadcastQueue;
  /** Overrides of the configured rates, and the test/bench hooks of the delivery loop. */
  delivery?: Partial<Pick<JobDeps, 'concurrency' | 'maxAttempts' | 'afterSend' | 'yieldTo'>> & {
    telegramRate?: number;
    telegramPerChatMs?: number;
    whatsappRate?: number;
  };
  queueConcurrency?: number;
}

/**
 * Broadcasting wired from config: limiters, transport, job handler, queue and service. One
 * instance per process holds the rate limiters, so every job of the process shares them.
 */
export function createBroadcasting(options: BroadcastingOptions) {
  const { config, store, logger } = options;
  const d = options.delivery ?? {};
  const stats: DeliveryStats = { throttled: 0 };
  const shutdown = new AbortController();
  const telegramRate = d.telegramRate ?? config.BROADCAST_TELEGRAM_RATE;
  const whatsappRate = d.whatsappRate ?? config.BROADCAST_WHATSAPP_RATE;
  const limits = {
    telegram: new TokenBucket({ ratePerSecond: telegramRate }),
    telegramGate: new TokenBucket({ ratePerSecond: telegramRate }),
    telegramPerChat: new KeyedSpacing(d.telegramPerChatMs ?? 1000),
    whatsapp: new TokenBucket({ ratePerSecond: whatsappRate }),
    whatsappGate: new TokenBucket({ ratePerSecond: whatsappRate }),
  };
  const memoryQueue = options.queue
    ? undefined
    : new MemoryQueue<BroadcastJob>(broadcastJobCodec, undefined, {
        concurrency: options.queueConcurrency ?? 2,
        logger,
        baseDelayMs: 200,
        maxReceives: 5,
        label: 'broadcast job',
      });
  const queue = options.queue ?? memoryQueue!;
  const handleJob = createBroadcastJobHandler({
    store,
    queue,
    logger,
    now: options.now,
    transport: options.transport ?? createBroadcastTransport(config, store),
    limits,
    stats,
    batchSize: config.BROADCAST_BATCH_SIZE,
    signal: shutdown.signal,
    ...d,
  });
  memoryQueue?.attach(handleJob);
  const service = createBroadcastService({ store, queue, logger, now: options.now });
  let timer: NodeJS.Timeout | undefined;

  return {
    service,
    queue,
    memoryQueue,
    stats,
    limits,
    handleJob: handleJob as (job: BroadcastJob) => Promise<void>,
    /** Local stand-in for the AWS schedule: checks for due broadcasts every `intervalMs`. */
    startScheduler(intervalMs = 15_000) {
      timer ??= setInterval(() => {
        service
          .runDueBroadcasts()
          .catch((error) => logger.warn('scheduled broadcasts not started', { error }));
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      shutdown.abort();
      memoryQueue?.stop();
    },
  };
}

export type Broadcasting = ReturnType<typeof createBroadcasting>;
