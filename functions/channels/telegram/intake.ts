import type { ChannelIntake } from '../../core/channel.js';
import { ALLOWED_UPDATES, createIntakeBot } from './bot.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhook } from './webhook.js';

/** Telegram's webhook (secret token header), and long polling for a bot run from a laptop. */
export const telegramIntake: ChannelIntake = {
  id: 'telegram',
  path: TELEGRAM_WEBHOOK_PATH,
  webhook: ({ config, queue, now }) =>
    telegramWebhook({
      secret: config.TELEGRAM_WEBHOOK_SECRET,
      bot: createIntakeBot({
        token: config.TELEGRAM_BOT_TOKEN,
        username: config.TELEGRAM_BOT_USERNAME,
        apiRoot: config.TELEGRAM_API_ROOT,
        enqueue: (m) => queue.enqueue(m),
        now,
      }),
    }),
  poll({ config, queue, now }, onStart) {
    if (!config.TELEGRAM_BOT_TOKEN) return undefined;
    const bot = createIntakeBot({
      token: config.TELEGRAM_BOT_TOKEN,
      username: config.TELEGRAM_BOT_USERNAME,
      apiRoot: config.TELEGRAM_API_ROOT,
      enqueue: (m) => queue.enqueue(m),
      now,
    });
    // Long polling deletes any webhook first.
    const running = bot.start({
      allowed_updates: [...ALLOWED_UPDATES],
      onStart: (me) => onStart?.(`polling as @${me.username}`),
    });
    return { running, stop: () => bot.stop() };
  },
};
