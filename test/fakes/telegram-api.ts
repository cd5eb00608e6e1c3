import { Hono } from 'hono';
import { listen } from './http-fake.js';

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export interface FakeTelegramOptions {
  /** Global messages per second above which sendMessage answers 429 with retry_after. */
  ratePerSecond?: number;
  retryAfterSeconds?: number;
  /** Chat ids that blocked the bot: 403 "Forbidden: bot was blocked by the user". */
  blocked?: Set<string>;
}

/**
 * A loopback Telegram Bot API speaking the real wire format, for the real grammY client
 * (`apiRoot`). It records successful calls and can throttle, block, or fail on demand.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}) {
  const calls: TelegramCall[] = [];
  const state = {
    failNext: 0,
    failStatus: 500,
    throttled: 0,
    blockedCalls: 0,
    windowStart: 0,
    windowCount: 0,
    ...options,
  };
  /** Files the bot can download (`getFile`, then GET /file/bot<token>/<path>), by file id. */
  const files = new Map<string, Uint8Array>();
  const downloads: string[] = [];
  const app = new Hono();
  app.get('/file/:bot/voice/:name', (c) => {
    const fileId = c.req.param('name').replace(/\.oga$/, '');
    const bytes = files.get(fileId);
    downloads.push(`${c.req.param('bot')}/voice/${c.req.param('name')}`);
    if (!bytes) return c.json({ ok: false, error_code: 404, description: 'Not Found' }, 404);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream' });
  });
  app.post('/:bot/:method', async (c) => {
    const method = c.req.param('method');
    const type = c.req.header('content-type') ?? '';
    const params = type.includes('json')
      ? ((await c.req.json()) as Record<string, unknown>)
      : (Object.fromEntries(Object.entries(await c.req.parseBody())) as Record<string, unknown>);
    if (state.failNext > 0) {
      state.failNext--;
      const body =
        state.failStatus === 429
          ? {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 1',
              parameters: { retry_after: 1 },
            }
          : { ok: false, error_code: state.failStatus, description: 'Internal Server Error' };
      return c.json(body, state.failStatus as 500);
    }
    if (method === 'sendMessage') {
      if (options.blocked?.has(String(params.chat_id))) {
        state.blockedCalls++;
        return c.json(
          { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
          403,
        );
      }
      if (options.ratePerSecond) {
        const now = Date.now();
        if (now - state.windowStart >= 1000) {
          state.windowStart = now;
          state.windowCount = 0;
        }
        if (state.windowCount >= options.ratePerSecond) {
          state.throttled++;
          const retryAfter = options.retryAfterSeconds ?? 1;
          return c.json(
            {
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${retryAfter}`,
              parameters: { retry_after: retryAfter },
            },
            429,
          );
        }
        state.windowCount++;
      }
    }
    calls.push({ method, params, at: Date.now() });
    const result =
      method === 'sendMessage'
        ? {
            message_id: calls.length,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(params.chat_id), type: 'private' },
            text: params.text,
          }
        : method === 'getMe'
          ? { id: 1, is_bot: true, first_name: 'Fake', username: 'fake_bot' }
          : true;
    if (method === 'getFile') {
      const fileId = String(params.file_id);
      const bytes = files.get(fileId);
      if (!bytes) {
        return c.json({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' }, 400);
      }
      return c.json({
        ok: true,
        result: {
          file_id: fileId,
          file_unique_id: `u${fileId}`,
          file_size: bytes.byteLength,
          file_path: `voice/${fileId}.oga`,
        },
      });
    }
    return c.json({ ok: true, result });
  });
  const server = await listen(app);
  return {
    apiRoot: server.url,
    calls,
    sent: () => calls.filter((c) => c.method === 'sendMessage'),
    /** Makes a file downloadable under `fileId`. */
    addFile(fileId: string, bytes: Uint8Array) {
      files.set(fileId, bytes);
    },
    /** File downloads asked for (`bot<token>/<path>`). */
    downloads,
    /** The next `n` calls answer `status` (500 by default). */
    failNext(n: number, status = 500) {
      state.failNext = n;
      state.failStatus = status;
    },
    get throttled() {
      return state.throttled;
    },
    /** sendMessage calls refused with 403 because the chat blocked the bot. */
    get blockedCalls() {
      return state.blockedCalls;
    },
    close: server.close,
  };
}
export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
