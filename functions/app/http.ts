import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { CHANNEL_INTAKES } from '../channels/intake.js';
import type { ChannelIntake } from '../core/channel.js';
import type { Config } from '../core/config.js';
import { errorHandler } from '../core/http-errors.js';
import type { Logger } from '../core/logger.js';
import type { InboundQueue } from '../core/queue.js';
import type { Store } from '../store/client.js';
import { storeAnswers } from '../store/health.js';
import { devRoutes } from './dev-routes.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  config: Config;
  store: Store;
  /** The webhooks' intake; without it (the console function) the app serves no webhook. */
  queue?: InboundQueue;
  /** The channels' webhooks; the product's (channels/intake.ts) by default. */
  intakes?: readonly ChannelIntake[];
  logger: Logger;
  now?: () => number;
  /** Later capabilities (console, API) mount their routes here. */
  mount?: (app: Hono) => void;
}

/** The one Hono app: webhooks, health, and (in local mode only) the developer routes. */
export function createApp(deps: AppDeps): Hono {
  const { config } = deps;
  const app = new Hono();
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // The rest of an oversized (often chunked) body is never read: the socket cannot be reused,
        // so say so instead of promising keep-alive and then closing.
        c.header('Connection', 'close');
        throw new HTTPException(413, { message: 'Payload too large' });
      },
    }),
  );
  app.get('/health', async (c) =>
    c.json({
      status: 'ok',
      version: config.VERSION,
      store: (await storeAnswers(deps.store)) ? 'up' : 'down',
    }),
  );
  if (deps.queue) {
    for (const intake of deps.intakes ?? CHANNEL_INTAKES) {
      app.route(intake.path, intake.webhook({ config, queue: deps.queue, now: deps.now }));
    }
  }
  deps.mount?.(app);
  if (config.APP_ENV === 'local') app.route('/dev', devRoutes(deps.store));
  app.notFound((c) => c.json({ error: 'Not found' }, 404));
  app.onError(errorHandler(deps.logger));
  return app;
}
