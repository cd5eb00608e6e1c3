const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface TokenBucketOptions {
  /** Sustained rate, tokens per second. */
  ratePerSecond: number;
  /** Tokens that may be taken at once after a quiet period; 1 spaces every send evenly. */
  burst?: number;
  now?: () => number;
}

/**
 * A token bucket (as GCRA: each taker reserves the next free slot) with two guards the platforms
 * need: a sliding one-second window that never admits more than `ratePerSecond` takes, counted
 * when they really happen (a stalled event loop wakes many takers at once, and Telegram counts
 * per second), and a shared pause, so a 429's `retry_after` holds back every sender.
 */
export class TokenBucket {
  private nextAt = 0;
  private pausedUntil = 0;
  private readonly intervalMs: number;
  private readonly burst: number;
  private readonly now: () => number;
  /** Times of the last `perWindow` takes, oldest at `head`. */
  private readonly recent: number[];
  private head = 0;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    this.intervalMs = 1000 / options.ratePerSecond;
    this.burst = Math.max(1, options.burst ?? 1);
    this.now = options.now ?? Date.now;
    this.recent = new Array(Math.max(1, Math.floor(options.ratePerSecond))).fill(Number.NEGATIVE_INFINITY);
  }

  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now - (this.burst - 1) * this.intervalMs, this.nextAt, this.pausedUntil);
    this.nextAt = slot + this.intervalMs;
    if (slot > now) await sleep(slot - now);
    for (;;) {
      const at = this.now();
      if (at < this.pausedUntil) {
        await sleep(this.pausedUntil - at);
        continue;
      }
      const oldest = this.recent[this.head]!;
      if (at - oldest < 1000) {
        await sleep(1000 - (at - oldest));
        continue;
      }
      this.recent[this.head] = at;
      this.head = (this.head + 1) % this.recent.length;
      return;
    }
  }

  /** Nobody takes a token for `ms` (a platform's `retry_after`). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}

/** At most one send per key per `intervalMs` (Telegram: one message per second to the same chat). */
export class KeyedSpacing {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.next.get(key) ?? 0);
    this.next.set(key, slot + this.intervalMs);
    if (this.next.size > 10_000) this.prune(now);
    if (slot > now) await sleep(slot - now);
  }

  /** Keys whose spacing has passed no longer need remembering; keeps memory flat over a long broadcast. */
  private prune(now: number): void {
    for (const [key, at] of this.next) if (at <= now) this.next.delete(key);
  }

  get size(): number {
    return this.next.size;
  }
}
