import { CHANNEL_ADAPTERS } from '../channels/index.js';
import { CHANNEL_INTAKES } from '../channels/intake.js';
import { type ChannelAdapter, type ChannelIntake, channelDirectory } from '../core/channel.js';
import type { Config } from '../core/config.js';
import { inboundCodecFor } from '../core/inbound-codec.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Senders } from '../core/types.js';
import type { Engine } from '../engine/engine.js';
import { MemoryQueue, type MemoryQueueOptions } from '../platform/memory/queue.js';
import { createStore, type Store } from '../store/client.js';
import { createInboundHandler, type WorkerDeps } from '../worker/process-inbound.js';
import { type BroadcastingOptions, createBroadcasting } from './broadcasting.js';
import { mountOfficerRoutes } from './console-routes.js';
import { buildEngine } from './engine.js';
import { createApp } from './http.js';
import { createSenders } from './senders.js';
import { buildVoice } from './voice.js';

export interface RuntimeOverrides {
  /** The channels (channels/index.ts and channels/intake.ts by default); a test may add one. */
  adapters?: readonly ChannelAdapter[];
  intakes?: readonly ChannelIntake[];
  store?: Store;
  senders?: Senders;
  engine?: Engine;
  logger?: Logger;
  now?: () => number;
  queue?: MemoryQueueOptions;
  worker?: Partial<WorkerDeps>;
  broadcasting?: Partial<BroadcastingOptions>;
}

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
  const engine =
    overrides.engine ?? buildEngine({ config, store, logger, senders, channels, now: overrides.now });
  const handleInbound = createInboundHandler({
    store,
    engine,
    senders,
    logger,
    channels,
    now: overrides.now,
    voice: buildVoice(config, adapters, logger),
    ...overrides.worker,
  });
  const queue = new MemoryQueue(inboundCodecFor(adapters.map((a) => a.id)), handleInbound, {
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
    engine,
    queue,
    app,
    handleInbound,
    broadcasting,
    startPolling,
  };
}

export type LocalRuntime = ReturnType<typeof createLocalRuntime>;
