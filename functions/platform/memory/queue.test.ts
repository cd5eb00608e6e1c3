import { describe, expect, it } from 'vitest';
import { inboundCodec } from '../../core/inbound-codec.js';
import type { InboundMessage } from '../../core/types.js';
import { MemoryQueue } from './queue.js';

const message = (userId: string, n: number): InboundMessage => ({
  channel: 'telegram',
  userId,
  address: userId,
  externalId: `${userId}-${n}`,
  kind: 'text',
  text: String(n),
  receivedAtMs: n,
});

describe('MemoryQueue', () => {
  it('handles each user in order while users run concurrently', async () => {
    const seen: string[] = [];
    const queue = new MemoryQueue(inboundCodec, async (m) => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      seen.push(m.externalId);
    });
    for (let n = 0; n < 20; n++) for (const user of ['a', 'b', 'c']) await queue.enqueue(message(user, n));
    await queue.idle();
    for (const user of ['a', 'b', 'c']) {
      expect(seen.filter((id) => id.startsWith(user))).toEqual(
        Array.from({ length: 20 }, (_, n) => `${user}-${n}`),
      );
    }
  });

  it('redelivers a failed message before the next one of the same user', async () => {
    const seen: string[] = [];
    let failures = 2;
    const queue = new MemoryQueue(
      inboundCodec,
      async (m) => {
        if (m.externalId === 'a-0' && failures-- > 0) throw new Error('boom');
        seen.push(m.externalId);
      },
      { baseDelayMs: 1 },
    );
    await queue.enqueue(message('a', 0));
    await queue.enqueue(message('a', 1));
    await queue.idle();
    expect(seen).toEqual(['a-0', 'a-1']);
  });

  it('moves a message that keeps failing to the dead letters after maxReceives', async () => {
    let calls = 0;
    const told: string[] = [];
    const queue = new MemoryQueue(
      inboundCodec,
      async () => {
        calls++;
        throw new Error('always');
      },
      { baseDelayMs: 1, maxReceives: 3, onDeadLetter: (m) => told.push(m.externalId) },
    );
    await queue.enqueue(message('a', 0));
    await queue.idle();
    expect(calls).toBe(3);
    expect(queue.deadLetters.map((m) => m.externalId)).toEqual(['a-0']);
    // The worker thread reports it to the main thread through this hook: once.
    expect(told).toEqual(['a-0']);
  });

  it('waits out a back-off off the worker slot: other users are served meanwhile', async () => {
    const served: Record<string, number> = {};
    const start = Date.now();
    const queue = new MemoryQueue(
      inboundCodec,
      async (m) => {
        if (m.userId.startsWith('bad')) throw new Error('engine bug');
        served[m.userId] = Date.now() - start;
      },
      { concurrency: 2, baseDelayMs: 400, maxDelayMs: 400, maxReceives: 3 },
    );
    await queue.enqueue(message('bad-1', 0));
    await queue.enqueue(message('bad-2', 0));
    await queue.enqueue(message('good', 0));
    await queue.idle();
    // With the back-off held inside the slot, both slots sleep 800 ms before "good" gets one.
    expect(served.good).toBeLessThan(200);
    expect(queue.deadLetters).toHaveLength(2);
  });
});
