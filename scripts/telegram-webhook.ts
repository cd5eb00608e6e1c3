import { Api } from 'grammy';
import { ALLOWED_UPDATES } from '../functions/channels/telegram/bot.js';
import { TELEGRAM_WEBHOOK_PATH } from '../functions/channels/telegram/webhook.js';
import { DEV_DEFAULTS } from '../functions/core/config.js';
import { envWithSecrets } from '../functions/platform/aws/secrets.js';

export interface WebhookSettings {
  token: string;
  publicUrl: string;
  secret: string;
  /** Bot API root; tests point it at a loopback fake. */
  apiRoot?: string | undefined;
}

export class WebhookSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSetupError';
  }
}

/** Reads and checks what setWebhook needs: Telegram only calls https URLs, and a dev secret must never go live. */
export function webhookSettings(env: Record<string, string | undefined>): WebhookSettings {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  const publicUrl = env.PUBLIC_URL?.trim();
  const secret = env.TELEGRAM_WEBHOOK_SECRET?.trim();
  const missing = Object.entries({
    TELEGRAM_BOT_TOKEN: token,
    PUBLIC_URL: publicUrl,
    TELEGRAM_WEBHOOK_SECRET: secret,
  })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0)
    throw new WebhookSetupError(`Missing ${missing.join(', ')} (environment or SECRETS_ARN)`);
  if (!publicUrl!.startsWith('https://')) {
    throw new WebhookSetupError(`PUBLIC_URL must be https (Telegram only calls https): ${publicUrl}`);
  }
  if (secret === DEV_DEFAULTS.TELEGRAM_WEBHOOK_SECRET) {
    throw new WebhookSetupError('TELEGRAM_WEBHOOK_SECRET is the development default; set the real one');
  }
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret!)) {
    throw new WebhookSetupError(
      'TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)',
    );
  }
  return {
    token: token!,
    publicUrl: publicUrl!,
    secret: secret!,
    apiRoot: env.TELEGRAM_API_ROOT?.trim() || undefined,
  };
}

/**
 * Points the bot at the deployed webhook with the secret token Telegram will echo in
 * X-Telegram-Bot-Api-Secret-Token, and only the update kinds the bot handles.
 */
export async function setTelegramWebhook(settings: WebhookSettings): Promise<string> {
  const api = new Api(settings.token, settings.apiRoot ? { apiRoot: settings.apiRoot } : undefined);
  const url = `${settings.publicUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
  await api.setWebhook(url, { secret_token: settings.secret, allowed_updates: [...ALLOWED_UPDATES] });
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const url = await setTelegramWebhook(webhookSettings(await envWithSecrets(process.env)));
    console.log(`Telegram webhook set: ${url} (updates: ${ALLOWED_UPDATES.join(', ')})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
