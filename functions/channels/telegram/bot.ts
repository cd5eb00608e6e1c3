import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { InboundMessage } from '../../core/types.js';
import { normalizeTelegram } from './inbound.js';

export interface IntakeBotOptions {
  token?: string | undefined;
  username: string;
  apiRoot?: string | undefined;
  enqueue: (message: InboundMessage) => Promise<void>;
  now?: () => number;
}

/**
 * The bot's identity, known from configuration: grammY would otherwise call getMe on every
 * cold start. The numeric id is the part of the token before the colon.
 */
export function botInfoFrom(token: string | undefined, username: string): UserFromGetMe {
  const id = Number(token?.split(':')[0]) || 1;
  return {
    id,
    is_bot: true,
    first_name: username,
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}

/**
 * The grammY bot that takes updates in, from the webhook (`handleUpdate`) or from long polling
 * (`start`) alike: it only normalizes the update and queues it; the worker does the conversation.
 */
export function createIntakeBot(options: IntakeBotOptions): Bot {
  const now = options.now ?? Date.now;
  const bot = new Bot(options.token ?? '1:local-without-token', {
    botInfo: botInfoFrom(options.token, options.username),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  bot.use(async (ctx) => {
    const message = normalizeTelegram(ctx.update, now());
    if (message) await options.enqueue(message);
  });
  return bot;
}

/** The update kinds the bot handles; given to setWebhook and getUpdates so Telegram sends nothing else. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
