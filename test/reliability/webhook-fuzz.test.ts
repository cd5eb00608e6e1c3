import fc from 'fast-check';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app/http.js';
import { loadConfig } from '../../functions/core/config.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { InboundMessage } from '../../functions/core/types.js';
import { createStore } from '../../functions/store/client.js';
import { TEST_PUBLIC_URL, TEST_TELEGRAM_SECRET, TEST_TWILIO_TOKEN } from '../helpers/requests.js';

const RUNS = 10_000;

/**
 * Property-based fuzzing of both webhooks, in-process, with a queue that only records (no store
 * work): whatever the body, the content type, the fields or the signature, the answer is never a
 * 5xx and never carries a stack trace; and what does get queued is well formed.
 */
function fuzzApp() {
  const queued: InboundMessage[] = [];
  const enqueue = async (m: InboundMessage) => {
    queued.push(m);
  };
  const config = loadConfig({
    APP_ENV: 'local',
    PUBLIC_URL: TEST_PUBLIC_URL,
    TWILIO_AUTH_TOKEN: TEST_TWILIO_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TEST_TELEGRAM_SECRET,
    LOG_LEVEL: 'silent',
  });
  const app = createApp({
    config,
    // Never reached by the webhooks: the queue is the only thing they touch.
    store: createStore({ tableName: 'unused', endpoint: 'http://127.0.0.1:9' }),
    queue: { enqueue },
    logger: silentLogger,
  });
  return { app, queued };
}

const STACK = /\n\s+at |node_modules|\.ts:\d+|Error:/;

async function expectSafe(res: Response) {
  const body = await res.text();
  expect(res.status, body.slice(0, 200)).toBeLessThan(500);
  expect(body).not.toMatch(STACK);
  return res.status;
}

const edge = fc.constantFrom(
  '',
  '\u0000',
  '\uFEFF',
  '\u202Eسلام',
  '\uD800',
  '\uDFFF',
  '🇹🇬🇹🇬',
  '👨‍👩‍👧‍👦',
  'e\u0301',
  '\r\n',
  '%',
  '%ZZ',
  '&=&=',
  '+',
  'שלום עולם',
  '\u200B',
  '<script>alert(1)</script>',
  '*bold* _it_ `code` [x](http://e.x)',
  'null',
  '[]',
  '{}',
);
const huge = fc
  .tuple(fc.constantFrom('a', 'é', '🇹🇬', '%00', '&'), fc.integer({ min: 5_000, max: 40_000 }))
  .map(([c, n]) => c.repeat(n));
const anyText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: edge },
  { weight: 1, arbitrary: huge },
);
const fieldName = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'From',
      'MessageSid',
      'Body',
      'NumMedia',
      'ProfileName',
      'WaId',
      'ButtonPayload',
      'To',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const contentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
  undefined,
);

describe('WhatsApp webhook fuzzing', () => {
  it(`never answers 5xx or a stack trace (${RUNS} generated requests)`, async () => {
    const { app, queued } = fuzzApp();
    const statuses = new Map<number, number>();
    const complete = fc.record({
      From: anyText,
      MessageSid: anyText,
      Body: anyText,
      NumMedia: fc.oneof(fc.constantFrom('0', '1', '-1', '1e9', 'NaN', ''), anyText),
    });
    const pairs = fc.oneof(
      complete.map((f) => Object.entries(f)),
      fc.array(fc.tuple(fieldName, anyText), { maxLength: 8 }),
      fc
        .tuple(complete, fc.array(fc.tuple(fieldName, anyText), { minLength: 1, maxLength: 3 }))
        .map(([f, dup]) => [...Object.entries(f), ...dup]),
    );
    const request = fc.record({
      pairs,
      raw: fc.option(anyText, { freq: 8 }),
      contentType,
      signature: fc.constantFrom('valid', 'valid', 'valid', 'wrong', 'missing', 'other-token'),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ pairs, raw, contentType, signature }) => {
        const body = raw ?? new URLSearchParams(pairs).toString();
        // Signed over the form as the server will read it, duplicates included.
        const form: Record<string, string | string[]> = {};
        for (const [k, v] of new URLSearchParams(body)) {
          const e = form[k];
          form[k] = e === undefined ? v : Array.isArray(e) ? [...e, v] : [e, v];
        }
        const url = `${TEST_PUBLIC_URL}/webhooks/whatsapp`;
        const headers: Record<string, string> = {};
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (signature === 'valid')
          headers['x-twilio-signature'] = getExpectedTwilioSignature(TEST_TWILIO_TOKEN, url, form);
        if (signature === 'other-token')
          headers['x-twilio-signature'] = getExpectedTwilioSignature('nope', url, form);
        if (signature === 'wrong') headers['x-twilio-signature'] = 'AAAA';
        const res = await app.request('/webhooks/whatsapp', { method: 'POST', headers, body });
        const status = await expectSafe(res);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    // The generator reaches every outcome: accepted, invalid fields, bad type, bad signature, too large.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 403, 413]));
    for (const m of queued) {
      expect(m.channel).toBe('whatsapp');
      expect(m.userId.length).toBeGreaterThan(0);
      expect(m.externalId.length).toBeGreaterThan(0);
    }
  }, 300_000);
});

describe('Telegram webhook fuzzing', () => {
  it(`never answers 5xx or a stack trace (${RUNS} generated requests)`, async () => {
    const { app, queued } = fuzzApp();
    const statuses = new Map<number, number>();
    const int = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53, 1.5, Number.MAX_SAFE_INTEGER));
    const wild = fc.oneof(
      anyText,
      int,
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
    );
    const maybe = <T>(arb: fc.Arbitrary<T>) =>
      fc.option(fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: wild }), { freq: 5 });
    const user = fc.record(
      {
        id: fc.oneof(int, wild),
        is_bot: fc.boolean(),
        first_name: maybe(anyText),
        language_code: maybe(fc.constantFrom('fr', 'en', 'ee', '')),
      },
      { requiredKeys: ['id'] },
    );
    const chat = fc.record({
      id: fc.oneof({ weight: 4, arbitrary: int }, { weight: 1, arbitrary: wild }),
      type: fc.constantFrom('private', 'group', 'channel'),
    });
    const message = fc.record(
      {
        message_id: fc.oneof(int, wild),
        date: int,
        chat: fc.oneof({ weight: 5, arbitrary: chat }, { weight: 1, arbitrary: wild }),
        from: user,
        text: anyText,
        caption: anyText,
        photo: fc.constant([{ file_id: 'x' }]),
        sticker: fc.constant({ file_id: 'y' }),
      },
      { requiredKeys: ['message_id', 'chat'] },
    );
    const callback = fc.record(
      { id: fc.oneof(anyText, wild), from: user, data: maybe(anyText), message: fc.record({ chat }) },
      { requiredKeys: ['id', 'from'] },
    );
    const update = fc.record(
      {
        update_id: fc.oneof({ weight: 5, arbitrary: fc.nat() }, { weight: 1, arbitrary: wild }),
        message,
        callback_query: callback,
        edited_message: message,
        my_chat_member: fc.object({ maxDepth: 2 }),
      },
      { requiredKeys: ['update_id'] },
    );
    const body = fc.oneof(
      { weight: 6, arbitrary: update.map((u) => JSON.stringify(u)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: anyText },
      { weight: 1, arbitrary: update.map((u) => `${JSON.stringify(u).slice(0, -1)},"update_id":"dup"}`) },
    );
    const request = fc.record({
      body,
      contentType: fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        undefined,
      ),
      secret: fc.constantFrom(
        TEST_TELEGRAM_SECRET,
        TEST_TELEGRAM_SECRET,
        TEST_TELEGRAM_SECRET,
        'wrong',
        '',
        undefined,
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ body, contentType, secret }) => {
        const headers: Record<string, string> = {};
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
        const res = await app.request('/webhooks/telegram', { method: 'POST', headers, body });
        const status = await expectSafe(res);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 401]));
    for (const m of queued) {
      expect(m.channel).toBe('telegram');
      expect(m.userId).toMatch(/^-?\d+$/);
      expect(m.address).toMatch(/^-?\d+$/);
    }
  }, 300_000);
});
