import { Api, GrammyError } from 'grammy';
import type { ChannelBroadcast, SendResult } from '../../core/channel.js';

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

/**
 * Broadcasts through the Bot API, without auto-retry: the delivery loop handles 429 itself,
 * pausing every sender of the channel.
 */
export const telegramBroadcast: ChannelBroadcast = {
  ratePerSecond: (config) => config.BROADCAST_TELEGRAM_RATE,
  // Telegram allows about one message per second to one chat.
  perChatSpacingMs: 1000,
  createSender(config) {
    if (!config.TELEGRAM_BOT_TOKEN) return undefined;
    const api = new Api(
      config.TELEGRAM_BOT_TOKEN,
      config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined,
    );
    return {
      async text(chatId, text) {
        try {
          await api.sendMessage(chatId, text);
          return { kind: 'sent' };
        } catch (error) {
          return classifyTelegramError(error);
        }
      },
    };
  },
};
