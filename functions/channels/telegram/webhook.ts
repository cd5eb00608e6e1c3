import { createHash, timingSafeEqual } from 'node:crypto';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

/** Constant-time equality; hashing first makes the lengths equal so nothing leaks through timing. */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const user = z.looseObject({
  id: z.number().int(),
  first_name: z.string().max(256).optional(),
  language_code: z.string().max(35).optional(),
});
const chat = z.looseObject({ id: z.number().int() });
/** A voice note or audio file: what the worker needs to fetch it and check its limits up front. */
const audio = z.looseObject({
  file_id: z.string().min(1).max(512),
  duration: z.number().nonnegative(),
  mime_type: z.string().max(128).optional(),
  file_size: z.number().int().nonnegative().optional(),
});
/** The parts of an update the bot reads, checked before grammY sees it: the rest passes through. */
const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: z
    .looseObject({
      message_id: z.number().int(),
      chat,
      from: user.optional(),
      text: z.string().max(8192).optional(),
      caption: z.string().max(8192).optional(),
      voice: audio.optional(),
      audio: audio.optional(),
    })
    .optional(),
  callback_query: z
    .looseObject({
      id: z.string().max(256),
      from: user,
      data: z.string().max(256).optional(),
      message: z.looseObject({ chat }).optional(),
    })
    .optional(),
});

export function telegramWebhook(deps: { secret: string; bot: Bot }) {
  return new Hono().post('/', async (c) => {
    if (!secretsEqual(c.req.header('x-telegram-bot-api-secret-token'), deps.secret)) {
      throw new HTTPException(401, { message: 'Invalid or missing X-Telegram-Bot-Api-Secret-Token.' });
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new HTTPException(400, { message: 'Body is not valid JSON.' });
    }
    const parsed = updateSchema.safeParse(body);
    if (!parsed.success) {
      throw new HTTPException(400, {
        message:
          'Body is not a Telegram update (update_id and well-formed message or callback_query expected).',
      });
    }
    await deps.bot.handleUpdate(parsed.data as unknown as Update);
    return c.json({ ok: true });
  });
}
