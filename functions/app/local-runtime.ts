import { CHANNEL_ADAPTERS } from '../channels/index.js';
import { CHANNEL_INTAKES } from '../channels/intake.js';
import { type ChannelAdapter, type ChannelIntake, channelDirectory } from '../core/channel.js';
import type { Config } from '../core/config.js';
import { inboundCodecFor } from '../core/inbound-codec.js';
import { createLogger, type Logger, type LogLevel } from '../core/logger.js';
import type { InboundMessage, Senders } from '../core/types.js';
import type { Engine } from '../engine/engine.js';
import { MemoryQueue, type MemoryQueueOptions } from '../platform/memory/queue.js';
import { createStore, type Store } from '../store/client.js';
import type { WorkerDeps } from '../worker/process-inbound.js';
import { type BroadcastingOptions, createBroadcasting } from './broadcasting.js';
import { mountOfficerRoutes } from './console-routes.js';
import { createApp } from './http.js';
import { buildInboundHandler } from './inbound-handler.js';
import { createSenders } from './senders.js';
import { WorkerThreadQueue } from './worker-thread-queue.js';

export interface RuntimeOverrides {
  /** The channels (channels/index.ts and channels/intake.ts by default); a test may add one. */
  adapters?: readonly ChannelAdapter[];
  intakes?: readonly ChannelIntake[];
  store?: Store;
  senders?: Senders;
  engine?: Engine;
  logger?: Logger;
  now?: () => number;
  queue?: MemoryQueueOptions<InboundMessage>;
  worker?: Partial<WorkerDeps>;
  broadcasting?: Partial<BroadcastingOptions>;
  /**
   * Run the worker in a worker thread beside the webhooks (`npm start`): a busy worker then never
   * delays an acknowledgement. The thread builds its own store, senders and engine from `config`
   * (the product's channels), so it does not combine with `adapters`, `store`, `senders`,
   * `engine`, `now` or `worker`; `logLevel` is the thread's (the config's by default), `niceness`
   * how much lower its CPU priority is than the webhooks' (10 by default).
   */
  workerThread?: { logLevel?: LogLevel; leaseMs?: number; niceness?: number } | undefined;
}

/** The inbound queue of a local runtime: in this thread (`MemoryQueue`) or a worker thread. */
export type LocalInboundQueue = Pick<
  MemoryQueue<InboundMessage>,
  'enqueue' | 'depth' | 'deadLetters' | 'idle'
> & { stop(): void | Promise<void> };

/**
 * Everything wired in one process: the Hono app, the in-memory FIFO queue, and the worker using
 * the same handler code the Lambda functions use. Local mode, `npm run chat` and tests build on it.
 */
export function createLocalRuntime(config: Config, overrides: RuntimeOverrides = {}) {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const store =
    overrides.store ??
    createStore({
      tableName: config.TABLE_NAME,
      endpoint: config.DYNAMODB_ENDPOINT,
      region: config.AWS_REGION,
    });
  const adapters = overrides.adapters ?? CHANNEL_ADAPTERS;
  const intakes = overrides.intakes ?? CHANNEL_INTAKES;
  const channels = channelDirectory(adapters);
  const senders = overrides.senders ?? createSenders(config, store, adapters);
  // Built once for the runtime; with a worker thread, only if this thread asks for them.
  let inbound: ReturnType<typeof buildInboundHandler> | undefined;
  const worker = () =>
    (inbound ??= buildInboundHandler({
      config,
      store,
      senders,
      channels,
      adapters,
      logger,
      now: overrides.now,
      engine: overrides.engine,
      worker: overrides.worker,
    }));
  const queue: LocalInboundQueue = overrides.workerThread
    ? new WorkerThreadQueue(config, {
        logger,
        logLevel: overrides.workerThread.logLevel,
        leaseMs: overrides.workerThread.leaseMs,
        niceness: overrides.workerThread.niceness,
        // Data only crosses to the thread: the numbers, not a logger.
        queue: {
          maxReceives: overrides.queue?.maxReceives,
          baseDelayMs: overrides.queue?.baseDelayMs,
          maxDelayMs: overrides.queue?.maxDelayMs,
          concurrency: overrides.queue?.concurrency,
        },
      })
    : new MemoryQueue(inboundCodecFor(adapters.map((a) => a.id)), worker().handleInbound, {
        logger,
        maxDelayMs: 5000,
        ...overrides.queue,
      });
  // Broadcasts have their own queue and workers: conversation replies never wait behind them.
  const broadcasting = createBroadcasting({
    config,
    store,
    logger,
    adapters,
    now: overrides.now,
    // In one process the conversation shares the CPU and DynamoDB Local: it goes first.
    delivery: { yieldTo: () => queue.depth > 0 },
    ...overrides.broadcasting,
  });
  const app = createApp({
    config,
    store,
    queue,
    intakes,
    logger,
    now: overrides.now,
    mount: mountOfficerRoutes(
      { config, store, senders, channels, logger, now: overrides.now },
      broadcasting.service,
    ),
  });
  /** Channels that can take messages without a public URL (Telegram long polling), when configured. */
  const startPolling = (onStart?: (line: string) => void) =>
    intakes.flatMap((i) => i.poll?.({ config, queue, now: overrides.now }, onStart) ?? []);
  return {
    config,
    logger,
    store,
    senders,
    channels,
    get engine(): Engine {
      return worker().engine;
    },
    queue,
    app,
    get handleInbound() {
      return worker().handleInbound;
    },
    broadcasting,
    startPolling,
  };
}

export type LocalRuntime = ReturnType<typeof createLocalRuntime>;
