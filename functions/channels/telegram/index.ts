import type { ChannelAdapter } from '../../core/channel.js';
import { CHANNEL_LIMITS } from '../../core/text-cut.js';
import { telegramBroadcast } from './broadcast.js';
import { fetchTelegramMedia } from './media.js';
import { renderTelegram } from './render.js';
import { createTelegramSender } from './sender.js';

/** Telegram through grammY: buttons, deep links, desks' groups (negative chat ids). */
export const telegram: ChannelAdapter = {
  id: 'telegram',
  displayName: 'Telegram',
  limits: { maxText: CHANNEL_LIMITS.telegram, answerRoom: CHANNEL_LIMITS.telegram },
  capabilities: { buttons: true, templates: false, deepLinks: true, groups: true },
  isGroupAddress: (address) => address.startsWith('-'),
  preview(reply) {
    const rendered = renderTelegram(reply);
    return { text: rendered.text, buttons: rendered.reply_markup?.inline_keyboard.flat().map((b) => b.text) };
  },
  createSender: (config) =>
    config.TELEGRAM_BOT_TOKEN
      ? createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT })
      : undefined,
  broadcast: telegramBroadcast,
  fetchMedia: fetchTelegramMedia,
};
