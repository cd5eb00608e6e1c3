import { CHANNEL_ADAPTERS } from '../channels/index.js';
import {
  type BroadcastSender,
  type ChannelAdapter,
  channelDirectory,
  renderTemplatePreview,
} from '../core/channel.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Channel } from '../core/types.js';
import type { BroadcastChannel, DeliveryStats } from '../features/broadcasts/deliver.js';
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
import { createOutboxSender, printerFor } from './outbox-sender.js';

export interface BroadcastingOptions {
  config: Config;
  store: Store;
  logger: Logger;
  now?: (() => number) | undefined;
  /** The channels (channels/index.ts by default). */
  adapters?: readonly ChannelAdapter[];
  /** The queue; the in-process one by default (locally), SQS in AWS. */
  queue?: BroadcastQueue;
  /** Overrides of the configured rates, and the test/bench hooks of the delivery loop. */
  delivery?: Partial<Pick<JobDeps, 'concurrency' | 'maxAttempts' | 'afterSend' | 'yieldTo'>> & {
    /** Messages per second, by channel id (else the adapter's configured rate). */
    rates?: Partial<Record<Channel, number>>;
    /** Spacing per chat, by channel id (else the adapter's). */
    perChatMs?: Partial<Record<Channel, number>>;
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
  const { rates, perChatMs, ...jobOptions } = d;
  const adapters = options.adapters ?? CHANNEL_ADAPTERS;
  const print = printerFor(config.LOG_LEVEL);
  const channels = new Map<Channel, BroadcastChannel>(
    adapters.map((adapter) => {
      const rate = rates?.[adapter.id] ?? adapter.broadcast.ratePerSecond(config);
      const spacing = perChatMs?.[adapter.id] ?? adapter.broadcast.perChatSpacingMs;
      const sender = adapter.broadcast.createSender(config) ?? outboxBroadcastSender(adapter, store, print);
      return [
        adapter.id,
        {
          profile: adapter,
          sender,
          limits: {
            claims: new TokenBucket({ ratePerSecond: rate }),
            gate: new TokenBucket({ ratePerSecond: rate }),
            perChat: spacing === undefined ? undefined : new KeyedSpacing(spacing),
          },
        },
      ];
    }),
  );
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
    channels,
    stats,
    batchSize: config.BROADCAST_BATCH_SIZE,
    signal: shutdown.signal,
    ...jobOptions,
  });
  memoryQueue?.attach(handleJob);
  const service = createBroadcastService({
    store,
    queue,
    logger,
    channels: channelDirectory(adapters),
    now: options.now,
  });
  let timer: NodeJS.Timeout | undefined;

  return {
    service,
    queue,
    memoryQueue,
    stats,
    channels,
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

/** Without credentials, a channel's broadcasts go to the local outbox, rendered as it would show them. */
function outboxBroadcastSender(
  adapter: ChannelAdapter,
  store: Store,
  print: (line: string) => void,
): BroadcastSender {
  const outbox = createOutboxSender(adapter, store, print);
  const attempt = async (call: () => Promise<void>) => {
    try {
      await call();
      return { kind: 'sent' } as const;
    } catch (error) {
      return { kind: 'retry', afterMs: 1000, throttled: false, reason: String(error) } as const;
    }
  };
  return {
    text: (address, text) => attempt(() => outbox.send(address, { text })),
    template: (address, template) =>
      attempt(() => outbox.send(address, { text: renderTemplatePreview(template) })),
  };
}
