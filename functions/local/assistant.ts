import { createLocalRuntime } from '../app/local-runtime.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';

/** The assistant as `npm start` runs it (the bench starts it the same way). */
export async function startLocalAssistant(
  config: Config,
  options: { worker?: 'thread' | 'inline'; logger?: Logger } = {},
) {
  const runtime = createLocalRuntime(config, options.logger ? { logger: options.logger } : {});
  return { runtime, queue: runtime.queue, stop: async () => undefined };
}
