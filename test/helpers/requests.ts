import type { Hono } from 'hono';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';

export const TEST_PUBLIC_URL = 'https://assistant.example.test';
export const TEST_TWILIO_TOKEN = 'test-twilio-auth-token';
export const TEST_TELEGRAM_SECRET = 'test-telegram-secret';

/** Posts a form to the WhatsApp webhook, signed as Twilio signs it (unless `signature` is given). */
export function postWhatsApp(
  app: Hono,
  params: Record<string, string>,
  options: { signature?: string; token?: string; url?: string } = {},
) {
  const url = options.url ?? `${TEST_PUBLIC_URL}/webhooks/whatsapp`;
  const signature =
    options.signature ?? getExpectedTwilioSignature(options.token ?? TEST_TWILIO_TOKEN, url, params);
  return app.request('/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
}

let sid = 0;
export function whatsappText(from: string, body: string, extra: Record<string, string> = {}) {
  sid++;
  return {
    From: from,
    To: 'whatsapp:+10000000000',
    MessageSid: `SM${Date.now()}${sid}`,
    Body: body,
    NumMedia: '0',
    ...extra,
  };
}

export function postTelegram(app: Hono, update: unknown, secret = TEST_TELEGRAM_SECRET) {
  return app.request('/webhooks/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  });
}

let updateId = 100_000;
export function telegramText(userId: number, text: string, languageCode = 'fr') {
  updateId++;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Ama' },
      from: { id: userId, is_bot: false, first_name: 'Ama', language_code: languageCode },
      text,
    },
  };
}

export function telegramChoice(userId: number, data: string) {
  updateId++;
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      chat_instance: '1',
      from: { id: userId, is_bot: false, first_name: 'Ama', language_code: 'fr' },
      message: { message_id: 1, date: 0, chat: { id: userId, type: 'private' } },
      data,
    },
  };
}
