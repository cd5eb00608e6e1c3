import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../functions/app/engine.js';
import { loadConfig } from '../../functions/core/config.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { InboundMessage } from '../../functions/core/types.js';
import type { Engine } from '../../functions/engine/engine.js';
import { postTelegram, postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { freshStore } from '../helpers/store.js';

// 30 people (15 per channel) × 5 messages × 10 copies: 1,500 deliveries, kept so for the suite's time.
const USERS_PER_CHANNEL = 15;
const MESSAGES_PER_USER = 5;
const COPIES = 10;
const IN_FLIGHT = 64;
const TEXTS = ['bonjour', 'aide', 'menu', 'help', 'salut'];

/** Deterministic shuffle (so a failure can be replayed). */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

/**
 * Every update delivered 10 times, concurrently and shuffled, on both webhooks. "Order" for a
 * redelivered update means the order in which its FIRST copy reached the webhook: the platforms
 * give no other (Telegram's update ids are not a sequence to trust, Twilio's MessageSids are
 * random), and the FIFO queue per person keeps that order; later copies are dropped as seen.
 */
describe('a redelivery storm', () => {
  it('answers every update exactly once, each person in first-arrival order', async () => {
    const store = await freshStore();
    const config = loadConfig({ TABLE_NAME: store.tableName, LOG_LEVEL: 'silent' });
    const real = buildEngine({ config, store, logger: silentLogger });
    const handled: InboundMessage[] = [];
    let replies = 0;
    const engine: Engine = async (turn) => {
      handled.push(turn.message);
      const result = await real(turn);
      replies += result.replies.length;
      return result;
    };
    const rt = await testRuntime({}, { store, engine });
    const firstArrival = new Map<string, string[]>();
    const seen = new Set<string>();
    const enqueue = rt.queue.enqueue.bind(rt.queue);
    rt.queue.enqueue = async (message) => {
      const key = `${message.channel}:${message.externalId}`;
      if (!seen.has(key)) {
        seen.add(key);
        const user = `${message.channel}:${message.userId}`;
        firstArrival.set(user, [...(firstArrival.get(user) ?? []), message.externalId]);
      }
      return enqueue(message);
    };

    const deliveries: (() => Promise<Response> | Response)[] = [];
    for (let u = 0; u < USERS_PER_CHANNEL; u++) {
      for (let m = 0; m < MESSAGES_PER_USER; m++) {
        const text = TEXTS[m]!;
        const wa = whatsappText(`whatsapp:+2289${String(u).padStart(7, '0')}`, text, {
          MessageSid: `SMstorm${u}x${m}`,
        });
        const tg = {
          update_id: 700_000 + u * 10 + m,
          message: {
            message_id: m + 1,
            date: 1_700_000_000,
            chat: { id: 60_000 + u, type: 'private' },
            from: { id: 60_000 + u, is_bot: false, first_name: 'Ama', language_code: 'fr' },
            text,
          },
        };
        for (let c = 0; c < COPIES; c++) {
          deliveries.push(() => postWhatsApp(rt.app, wa));
          deliveries.push(() => postTelegram(rt.app, tg));
        }
      }
    }
    const statuses: number[] = [];
    await pool(shuffle(deliveries, 7), IN_FLIGHT, async (deliver) => statuses.push((await deliver()).status));
    const outbox = await rt.outbox();

    expect(statuses).toHaveLength(2 * USERS_PER_CHANNEL * MESSAGES_PER_USER * COPIES);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const total = 2 * USERS_PER_CHANNEL * MESSAGES_PER_USER;
    const handledIds = handled.map((m) => `${m.channel}:${m.externalId}`);
    expect(new Set(handledIds).size).toBe(total);
    expect(handledIds).toHaveLength(total);
    expect(outbox).toHaveLength(replies);
    expect(replies).toBeGreaterThanOrEqual(total);
    expect(rt.queue.deadLetters).toHaveLength(0);
    for (const [user, expected] of firstArrival) {
      const order = handled.filter((m) => `${m.channel}:${m.userId}` === user).map((m) => m.externalId);
      expect(order, user).toEqual(expected);
    }
  }, 120_000);
});
