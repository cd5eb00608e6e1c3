import type { Update } from 'grammy/types';
import type { InboundMessage } from '../../core/types.js';

/** Translates the updates the bot handles; returns undefined for the ones it ignores (edits, joins...). */
export function normalizeTelegram(update: Update, receivedAtMs: number): InboundMessage | undefined {
  const externalId = String(update.update_id);
  const callback = update.callback_query;
  if (callback) {
    const chatId = callback.message?.chat.id ?? callback.from.id;
    return {
      channel: 'telegram',
      userId: String(callback.from.id),
      address: String(chatId),
      externalId,
      kind: 'choice',
      choice: callback.data ?? '',
      callbackQueryId: callback.id,
      displayName: callback.from.first_name,
      langHint: callback.from.language_code,
      receivedAtMs,
    };
  }
  const message = update.message;
  if (!message) return undefined;
  const base = {
    channel: 'telegram' as const,
    userId: String(message.from?.id ?? message.chat.id),
    address: String(message.chat.id),
    externalId,
    displayName: message.from?.first_name,
    langHint: message.from?.language_code,
    receivedAtMs,
    ...(message.forward_origin ? { forwarded: true } : {}),
  };
  if (typeof message.text === 'string') return { ...base, kind: 'text', text: message.text };
  // A voice note or an audio file: the worker downloads it through the Bot API and transcribes it.
  const audio = message.voice ?? message.audio;
  if (audio) {
    return {
      ...base,
      kind: 'media',
      text: message.caption,
      media: {
        kind: 'audio',
        fileId: audio.file_id,
        contentType: audio.mime_type ?? (message.voice ? 'audio/ogg' : undefined),
        durationSec: audio.duration,
        sizeBytes: audio.file_size,
      },
    };
  }
  if (message.photo || message.document || message.video || message.sticker) {
    return { ...base, kind: 'media', text: message.caption };
  }
  return { ...base, kind: 'unsupported' };
}
