import type { Logger } from '../../core/logger.js';
import type { BroadcastJob, BroadcastQueue } from '../../features/broadcasts/jobs.js';

export interface MemoryBroadcastQueueOptions {
  /** Jobs handled at once; they share the same rate limiters. */
  concurrency?: number;
  maxReceives?: number;
  baseDelayMs?: number;
  logger?: Logger | undefined;
}

/**
 * The local stand-in for the broadcast SQS queue: its own jobs and workers, apart from the
 * conversation queue, so a reply never waits behind a broadcast.
 */
export class MemoryBroadcastQueue implements BroadcastQueue {
  readonly deadLetters: BroadcastJob[] = [];
  private readonly waiting: { job: BroadcastJob; receives: number }[] = [];
  private active = 0;
  private delayed = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private handler: ((job: BroadcastJob) => Promise<void>) | undefined;

  constructor(private readonly options: MemoryBroadcastQueueOptions = {}) {}

  /** The handler is attached after construction: it needs the queue itself to enqueue follow-ups. */
  attach(handler: (job: BroadcastJob) => Promise<void>): void {
    this.handler = handler;
    this.pump();
  }

  async enqueue(job: BroadcastJob): Promise<void> {
    this.waiting.push({ job, receives: 0 });
    this.pump();
  }

  get depth(): number {
    return this.waiting.length + this.active + this.delayed;
  }

  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking jobs (what a crash looks like to the queue); waiting jobs are dropped. */
  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    if (!this.handler || this.stopped) {
      this.settle();
      return;
    }
    while (this.active < (this.options.concurrency ?? 4) && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.active++;
      entry.receives++;
      void this.handler(entry.job)
        .catch((error) => {
          if (this.stopped) return;
          if (entry.receives >= (this.options.maxReceives ?? 5)) {
            this.deadLetters.push(entry.job);
            this.options.logger?.error('broadcast job moved to the dead-letter list', { error });
            return;
          }
          this.delayed++;
          setTimeout(
            () => {
              this.delayed--;
              this.waiting.push(entry);
              this.pump();
            },
            (this.options.baseDelayMs ?? 500) * 2 ** (entry.receives - 1),
          );
        })
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
    this.settle();
  }

  private settle(): void {
    if (this.depth === 0 || (this.stopped && this.active === 0)) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
