import { Api, GrammyError } from 'grammy';
import type { Config } from '../core/config.js';
import type { Store } from '../store/client.js';
import { createOutboxSender } from './outbox/sender.js';
import { createWhatsAppSender } from './whatsapp/sender.js';

/** What one platform call came to, as the delivery loop needs it. */
export type SendResult =
  | { kind: 'sent' }
  | { kind: 'retry'; afterMs: number; throttled: boolean; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string };

export interface WhatsAppTemplateMessage {
  contentSid: string;
  variables: Record<string, string>;
  preview?: string | undefined;
}

/** The platform calls a broadcast makes; each classifies its own errors. */
export interface BroadcastTransport {
  telegram(chatId: string, text: string): Promise<SendResult>;
  whatsappText(address: string, text: string): Promise<SendResult>;
  whatsappTemplate(address: string, template: WhatsAppTemplateMessage): Promise<SendResult>;
}

/** Telegram errors: 429 waits `retry_after`, 403 means the person blocked the bot. */
export function classifyTelegramError(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { kind: 'retry', afterMs: seconds * 1000, throttled: true, reason: error.description };
    }
    if (error.error_code === 403) return { kind: 'blocked', reason: error.description };
    if (error.error_code >= 500)
      return { kind: 'retry', afterMs: 1000, throttled: false, reason: error.description };
    return { kind: 'failed', reason: `${error.error_code} ${error.description}` };
  }
  return {
    kind: 'retry',
    afterMs: 1000,
    throttled: false,
    reason: String((error as Error)?.message ?? error),
  };
}

/** Twilio errors: 429 backs off; 63016 is free text outside the 24 h window; 21610 an opted-out number. */
export function classifyTwilioError(error: unknown): SendResult {
  const e = error as { status?: number; code?: number; message?: string };
  if (e.status === 429) return { kind: 'retry', afterMs: 1000, throttled: true, reason: e.message ?? '429' };
  if (e.code === 21610) return { kind: 'blocked', reason: `${e.code} ${e.message ?? ''}`.trim() };
  if (e.status && e.status >= 400 && e.status < 500) {
    return { kind: 'failed', reason: `${e.code ?? e.status} ${e.message ?? ''}`.trim() };
  }
  return { kind: 'retry', afterMs: 1000, throttled: false, reason: e.message ?? String(error) };
}

const attempt = async (
  call: () => Promise<unknown>,
  classify: (e: unknown) => SendResult,
): Promise<SendResult> => {
  try {
    await call();
    return { kind: 'sent' };
  } catch (error) {
    return classify(error);
  }
};

/** Fills {{1}}-style placeholders for the outbox and the console preview. */
export const renderTemplatePreview = (t: WhatsAppTemplateMessage): string =>
  (t.preview ?? `[template ${t.contentSid}]`).replace(
    /\{\{(\w+)\}\}/g,
    (_, k: string) => t.variables[k] ?? '',
  );

/**
 * Real clients where credentials are configured (grammY without auto-retry: the broadcast loop
 * handles 429 itself, pausing every sender), the local outbox otherwise.
 */
export function createBroadcastTransport(
  config: Config,
  store: Store,
  options: { telegramApi?: Api } = {},
): BroadcastTransport {
  const print =
    config.LOG_LEVEL === 'silent' ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);
  const api =
    options.telegramApi ??
    (config.TELEGRAM_BOT_TOKEN
      ? new Api(
          config.TELEGRAM_BOT_TOKEN,
          config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined,
        )
      : undefined);
  const telegramOutbox = createOutboxSender('telegram', store, print);
  const twilio =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_WHATSAPP_FROM
      ? createWhatsAppSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_WHATSAPP_FROM,
          apiBaseUrl: config.TWILIO_API_BASE_URL,
        })
      : undefined;
  const whatsappOutbox = createOutboxSender('whatsapp', store, print);
  const from = config.TWILIO_WHATSAPP_FROM;

  return {
    telegram: (chatId, text) =>
      attempt(
        () => (api ? api.sendMessage(chatId, text) : telegramOutbox.send(chatId, { text })),
        classifyTelegramError,
      ),
    whatsappText: (address, text) =>
      attempt(
        async () =>
          twilio
            ? (await twilio.client()).messages.create({ from, to: address, body: text })
            : whatsappOutbox.send(address, { text }),
        classifyTwilioError,
      ),
    whatsappTemplate: (address, template) =>
      attempt(
        async () =>
          twilio
            ? (await twilio.client()).messages.create({
                from,
                to: address,
                contentSid: template.contentSid,
                contentVariables: JSON.stringify(template.variables),
              })
            : whatsappOutbox.send(address, { text: renderTemplatePreview(template) }),
        classifyTwilioError,
      ),
  };
}
