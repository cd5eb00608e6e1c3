import type { InlineKeyboardMarkup } from 'grammy/types';
import { CHANNEL_LIMITS, cutAtSentence } from '../../core/text-cut.js';
import type { Reply } from '../../core/types.js';

/** Telegram callback data is limited to 64 bytes; option ids are short by design. */
const MAX_CALLBACK_BYTES = 64;

export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** Plain text (no parse mode), so nothing a user or curator wrote can be read as markup. */
export function renderTelegram(reply: Reply): TelegramMessage {
  const { head } = cutAtSentence(reply.text, CHANNEL_LIMITS.telegram);
  const options = (reply.options ?? []).filter((o) => Buffer.byteLength(o.id) <= MAX_CALLBACK_BYTES);
  if (options.length === 0) return { text: head };
  return {
    text: head,
    reply_markup: {
      inline_keyboard: options.map((o) => [{ text: o.label.slice(0, 64), callback_data: o.id }]),
    },
  };
}
