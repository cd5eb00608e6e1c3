import { createLocalRuntime } from '../app/local-runtime.js';
import { WorkerThreadQueue } from '../app/worker-thread-queue.js';
import type { Config } from '../core/config.js';
import type { Logger, LogLevel } from '../core/logger.js';

/**
 * The assistant as `npm start` runs it (the load bench and the profile script start it the same
 * way): webhooks on this thread, the worker in a worker thread beside them (`worker: 'inline'`
 * puts it back on this thread's event loop). Resolves when the worker takes messages.
 */
export async function startLocalAssistant(
  config: Config,
  options: { worker?: 'thread' | 'inline'; logger?: Logger; workerLogLevel?: LogLevel } = {},
) {
  const runtime = createLocalRuntime(config, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.worker === 'inline' ? {} : { workerThread: { logLevel: options.workerLogLevel } }),
  });
  if (runtime.queue instanceof WorkerThreadQueue) await runtime.queue.started();
  return {
    runtime,
    queue: runtime.queue,
    /** Waits for the messages taken, then ends the worker. */
    async stop() {
      await runtime.queue.idle();
      await runtime.queue.stop();
    },
  };
}
