import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';
import type { ChannelSender, Reply } from '../../core/types.js';
import { renderTelegram } from './render.js';

export interface TelegramSenderOptions {
  token: string;
  /** Bot API root; tests point it at a loopback fake. */
  apiRoot?: string | undefined;
  /** Upper bound for one 429 `retry_after` wait, within the function's time budget. */
  maxRetryDelaySeconds?: number;
}

export function createTelegramApi(options: TelegramSenderOptions): Api {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  // Honours 429 retry_after and retries 5xx with backoff, a bounded number of times. auto-retry
  // waits after every failure, the last one included: a persistent 5xx costs 3 + 6 + 12 = 21 s
  // and a persistent 429 at most 3 × 5 s, both inside the worker's 30 s timeout (a third retry
  // would add 24 s); past that the queue redelivers (test/reliability/outages.test.ts).
  api.config.use(
    autoRetry({
      maxRetryAttempts: 2,
      maxDelaySeconds: options.maxRetryDelaySeconds ?? 5,
      rethrowInternalServerErrors: false,
      // A network error would otherwise be retried without limit (auto-retry does not count
      // those attempts): let it fail the attempt so the queue redelivers, within the budget.
      rethrowHttpErrors: true,
    }),
  );
  return api;
}

export function createTelegramSender(options: TelegramSenderOptions): ChannelSender {
  const api = createTelegramApi(options);
  return {
    async send(address: string, reply: Reply) {
      const { text, reply_markup } = renderTelegram(reply);
      await api.sendMessage(address, text, reply_markup ? { reply_markup } : {});
    },
    async acknowledgeChoice(callbackQueryId: string) {
      await api.answerCallbackQuery(callbackQueryId);
    },
  };
}
