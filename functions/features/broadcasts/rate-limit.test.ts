import { describe, expect, it } from 'vitest';
import { KeyedSpacing, TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('spaces takes evenly at the configured rate', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 100 });
    const start = Date.now();
    await Promise.all(Array.from({ length: 31 }, () => bucket.take()));
    const elapsed = Date.now() - start;
    // 31 tokens at 100/s: the first is immediate, the last 300 ms later.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(600);
  });

  it('allows a burst after a quiet period, then the sustained rate', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 5 });
    await new Promise((r) => setTimeout(r, 10));
    const start = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
    expect(Date.now() - start).toBeLessThan(50);
    await bucket.take();
    expect(Date.now() - start).toBeGreaterThanOrEqual(90);
  });

  it('a pause holds back every taker, including those already waiting', async () => {
    // 10/s: each waiter's slot is ≥ 100 ms away, so all five are still waiting when the pause comes
    // (at 1,000/s a slow machine lets the first one through before the pause, a race of the test).
    const bucket = new TokenBucket({ ratePerSecond: 10 });
    await bucket.take();
    const start = Date.now();
    const waiting = Array.from({ length: 5 }, () => bucket.take().then(() => Date.now() - start));
    bucket.pauseFor(200);
    for (const at of await Promise.all(waiting)) expect(at).toBeGreaterThanOrEqual(195);
  });

  it('never admits more than the rate in any one-second window, even after a burst', async () => {
    // A burst allowance (or takers waking late together) must not push a second over the rate.
    const bucket = new TokenBucket({ ratePerSecond: 20, burst: 20 });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 30 }, () => bucket.take().then(() => times.push(Date.now()))));
    // The bucket admits on its own clock; a caller sees its admission a little later when the
    // machine is busy, so a late first observation may share a window with the 21st: allow 50 ms.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 950).length).toBeLessThanOrEqual(20);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(990);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});

describe('KeyedSpacing', () => {
  it('spaces sends to the same key but not to different keys', async () => {
    const spacing = new KeyedSpacing(150);
    const start = Date.now();
    await Promise.all([spacing.take('a'), spacing.take('b'), spacing.take('c')]);
    expect(Date.now() - start).toBeLessThan(50);
    await spacing.take('a');
    expect(Date.now() - start).toBeGreaterThanOrEqual(145);
  });

  it('forgets keys whose spacing has passed once many are remembered', async () => {
    let now = 0;
    const spacing = new KeyedSpacing(10, () => now);
    for (let i = 0; i < 10_001; i++) await spacing.take(`k${i}`);
    now = 1000;
    await spacing.take('fresh');
    expect(spacing.size).toBeLessThan(10);
  });
});
