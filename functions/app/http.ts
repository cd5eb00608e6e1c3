import type { Bot } from 'grammy';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhook } from '../channels/telegram/webhook.js';
import { WHATSAPP_WEBHOOK_PATH, whatsappWebhook } from '../channels/whatsapp/webhook.js';
import type { Config } from '../core/config.js';
import { errorHandler } from '../core/http-errors.js';
import type { Logger } from '../core/logger.js';
import type { InboundQueue } from '../core/queue.js';
import { storeAnswers } from '../store/bootstrap.js';
import type { Store } from '../store/client.js';
import { devRoutes } from './dev-routes.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  config: Config;
  store: Store;
  /** The webhooks' intake; without it (the console function) the app serves no webhook. */
  queue?: InboundQueue;
  telegramBot?: Bot;
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
      onError: () => {
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
  if (deps.queue && deps.telegramBot) {
    app.route(
      WHATSAPP_WEBHOOK_PATH,
      whatsappWebhook({
        authToken: config.TWILIO_AUTH_TOKEN,
        publicUrl: config.PUBLIC_URL,
        queue: deps.queue,
        now: deps.now,
      }),
    );
    app.route(
      TELEGRAM_WEBHOOK_PATH,
      telegramWebhook({ secret: config.TELEGRAM_WEBHOOK_SECRET, bot: deps.telegramBot }),
    );
  }
  deps.mount?.(app);
  if (config.APP_ENV === 'local') app.route('/dev', devRoutes(deps.store));
  app.notFound((c) => c.json({ error: 'Not found' }, 404));
  app.onError(errorHandler(deps.logger));
  return app;
}
