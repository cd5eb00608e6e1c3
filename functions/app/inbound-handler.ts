import type { ChannelAdapter, ChannelDirectory } from '../core/channel.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Senders } from '../core/types.js';
import type { Engine } from '../engine/engine.js';
import type { Store } from '../store/client.js';
import { createInboundHandler, type WorkerDeps } from '../worker/process-inbound.js';
import { buildEngine } from './engine.js';
import { buildVoice } from './voice.js';

export interface InboundHandlerDeps {
  config: Config;
  store: Store;
  senders: Senders;
  channels: ChannelDirectory;
  adapters: readonly ChannelAdapter[];
  logger: Logger;
  now?: (() => number) | undefined;
  engine?: Engine | undefined;
  worker?: Partial<WorkerDeps> | undefined;
}

/**
 * The local worker: the engine with every capability and the queue consumer around it, built
 * once per runtime (in the server's thread, or in the worker thread of `npm start`).
 */
export function buildInboundHandler(deps: InboundHandlerDeps) {
  const { config, store, senders, channels, adapters, logger, now } = deps;
  const engine = deps.engine ?? buildEngine({ config, store, logger, senders, channels, now });
  const handleInbound = createInboundHandler({
    store,
    engine,
    senders,
    logger,
    channels,
    now,
    voice: buildVoice(config, adapters, logger),
    ...deps.worker,
  });
  return { engine, handleInbound };
}
