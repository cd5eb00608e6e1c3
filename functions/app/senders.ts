import { createOutboxSender } from '../channels/outbox/sender.js';
import { createTelegramSender } from '../channels/telegram/sender.js';
import { createWhatsAppSender } from '../channels/whatsapp/sender.js';
import type { Config } from '../core/config.js';
import type { Senders } from '../core/types.js';
import type { Store } from '../store/client.js';

/** Real channel clients where credentials are configured; the local outbox for the others. */
export function createSenders(config: Config, store: Store): Senders {
  const print =
    config.LOG_LEVEL === 'silent' ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);
  const whatsapp =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_WHATSAPP_FROM
      ? createWhatsAppSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_WHATSAPP_FROM,
          apiBaseUrl: config.TWILIO_API_BASE_URL,
        })
      : createOutboxSender('whatsapp', store, print);
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT })
    : createOutboxSender('telegram', store, print);
  return { whatsapp, telegram };
}
