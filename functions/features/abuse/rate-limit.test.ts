import { describe, expect, it, vi } from 'vitest';
import { postTelegram, telegramText } from '../../../test/helpers/requests.js';
import { testRuntime } from '../../../test/helpers/runtime.js';
import { freshStore } from '../../../test/helpers/store.js';
import type { Contact } from '../../core/contact.js';
import { createEngine, reply, type Turn } from '../../engine/engine.js';
import { countMessage, RATE_VERDICTS, rateLimitInterceptor } from './rate-limit.js';

const T0 = Date.parse('2026-11-22T10:00:05Z');

function turnFor(userId: string, text: string, nowMs: number): Omit<Turn, 'input'> {
  const at = new Date(nowMs).toISOString();
  const contact: Contact = {
    channel: 'telegram',
    userId,
    address: userId,
    lang: 'fr',
    langChosen: true,
    firstSeenAt: at,
    lastSeenAt: at,
  } as Contact;
  return {
    message: {
      channel: 'telegram',
      userId,
      address: userId,
      externalId: `${nowMs}`,
      kind: 'text',
      text,
      receivedAtMs: nowMs,
    },
    contact,
    state: { flow: 'idle', data: {}, options: [], updatedAtMs: 0 } as unknown as Turn['state'],
    nowMs,
  };
}

describe('countMessage', () => {
  it('allows up to the limit, warns once, then stays silent until the next minute', async () => {
    const store = await freshStore();
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await countMessage(store, 'telegram:1', T0 + i, 3));
    expect(verdicts).toEqual(['allowed', 'allowed', 'allowed', 'warn', 'silent', 'silent']);
    expect(await countMessage(store, 'telegram:1', T0 + 60_000, 3)).toBe(RATE_VERDICTS.allowed);
    expect(await countMessage(store, 'telegram:2', T0, 3)).toBe(RATE_VERDICTS.allowed);
  });

  it('loses no count when the same person writes concurrently', async () => {
    const store = await freshStore();
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, () => countMessage(store, 'whatsapp:x', T0, 10)),
    );
    expect(verdicts.filter((v) => v === 'allowed')).toHaveLength(10);
    expect(verdicts.filter((v) => v === 'warn')).toHaveLength(1);
    expect(verdicts.filter((v) => v === 'silent')).toHaveLength(19);
  });

  it('is off when the limit is 0', async () => {
    const store = await freshStore();
    for (let i = 0; i < 5; i++) expect(await countMessage(store, 'telegram:1', T0, 0)).toBe('allowed');
  });
});

describe('the rate-limit interceptor', () => {
  it('keeps messages over the limit away from the answerer (the knowledge base and its LLM)', async () => {
    const store = await freshStore();
    const answer = vi.fn((turn: Turn) => reply(turn, [{ text: 'réponse' }]));
    const engine = createEngine({ before: [rateLimitInterceptor({ store, limitPerMinute: 2 })], answer });
    const texts: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const result = await engine(turnFor('42', `question ${i} sur le passeport`, T0 + i));
      texts.push(result.replies.map((r) => r.text));
    }
    expect(answer).toHaveBeenCalledTimes(2);
    expect(texts[0]).toEqual(['réponse']);
    expect(texts[2]?.[0]).toMatch(/patienter une minute/);
    expect(texts[3]).toEqual([]);
    expect(texts[4]).toEqual([]);
    const later = await engine(turnFor('42', 'question sur le passeport', T0 + 61_000));
    expect(later.replies.map((r) => r.text)).toEqual(['réponse']);
  });

  it('is wired first in the assembled engine: a flood through the webhook gets one warning', async () => {
    const rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '3' }, { now: () => T0 });
    for (let i = 0; i < 8; i++) await postTelegram(rt.app, telegramText(5150, 'help', 'en'));
    const outbox = await rt.outbox();
    const mine = outbox.filter((m) => m.to === '5150').map((m) => m.text);
    expect(mine).toHaveLength(4);
    expect(mine.filter((t) => /wait a minute|patienter une minute/.test(t))).toHaveLength(1);
    expect(mine[3]).toMatch(/wait a minute/);
  });
});
