import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../core/config.js';
import type { Logger, LogLevel } from '../core/logger.js';
import type { InboundQueue } from '../core/queue.js';
import type { InboundMessage } from '../core/types.js';
import type { MemoryQueueOptions } from '../platform/memory/queue.js';

/** What the worker thread is started with (structured-cloned: data only). */
export interface WorkerThreadData {
  config: Config;
  logLevel?: LogLevel | undefined;
  /** How long a claim protects a message (the worker's 30 s by default). */
  leaseMs?: number | undefined;
  /** How much lower the thread's CPU priority is than the webhooks' (nice, Linux; 10 by default, 0: the same). */
  niceness?: number | undefined;
  queue?: Omit<MemoryQueueOptions, 'logger' | 'onDeadLetter'> | undefined;
}

export type ToWorker = { kind: 'message'; seq: number; message: InboundMessage };
export type FromWorker = { kind: 'ready' } | { kind: 'done'; seq: number } | { kind: 'dead'; seq: number };

export interface WorkerThreadQueueOptions {
  logger: Logger;
  /** The worker's log level (the config's by default). */
  logLevel?: LogLevel | undefined;
  leaseMs?: number | undefined;
  niceness?: number | undefined;
  queue?: WorkerThreadData['queue'];
}

/**
 * The inbound queue of `npm start`: webhooks enqueue on the main thread and are acknowledged at
 * once; the worker (the same `MemoryQueue` and handler as the in-process runtime) runs in a
 * worker thread beside them. Each message stays here until the worker reports it handled or
 * dead-lettered: messages wait in the thread's port while the worker is busy, and if the worker
 * thread dies, a new one is started and given the unfinished ones again, in their order (the
 * store's claim makes a second delivery of a message already answered a no-op).
 */
export class WorkerThreadQueue implements InboundQueue {
  readonly deadLetters: InboundMessage[] = [];
  private readonly pending = new Map<number, InboundMessage>();
  private seq = 0;
  private worker!: Worker;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private failStart!: (error: Error) => void;

  constructor(
    private readonly config: Config,
    private readonly options: WorkerThreadQueueOptions,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.failStart = reject;
    });
    // `started()` is optional for callers: an unobserved start failure is logged, not unhandled.
    this.ready.catch(() => undefined);
    this.start();
  }

  async enqueue(message: InboundMessage): Promise<void> {
    if (this.stopped) throw new Error('the worker thread queue is stopped');
    const seq = ++this.seq;
    this.pending.set(seq, message);
    this.post({ kind: 'message', seq, message });
  }

  /** Messages handed to the worker and not yet handled or dead-lettered. */
  get depth(): number {
    return this.pending.size;
  }

  /** Resolves when the worker thread has built its engine and takes messages. */
  started(): Promise<void> {
    return this.ready;
  }

  /** Resolves when every message has been handled or dead-lettered (or the queue stopped). */
  idle(): Promise<void> {
    if (this.pending.size === 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Ends the worker thread at once; messages not yet handled are dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.settle();
    await this.worker.terminate();
  }

  /** Ends the worker thread as a crash would (tests): a new one takes the unfinished messages. */
  async terminateWorker(): Promise<void> {
    await this.worker.terminate();
  }

  private post(message: ToWorker) {
    this.worker.postMessage(message);
  }

  private start() {
    const data: WorkerThreadData = {
      config: this.config,
      logLevel: this.options.logLevel,
      leaseMs: this.options.leaseMs,
      niceness: this.options.niceness,
      queue: this.options.queue,
    };
    const worker = new Worker(threadEntry(), { workerData: data });
    this.worker = worker;
    let ready = false;
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'ready') {
        ready = true;
        this.markReady();
      } else {
        const inbound = this.pending.get(message.seq);
        this.pending.delete(message.seq);
        if (message.kind === 'dead' && inbound) this.deadLetters.push(inbound);
        this.settle();
      }
    });
    worker.on('error', (error) => this.options.logger.error('the worker thread failed', { error }));
    worker.on('exit', (code) => {
      if (this.stopped || this.worker !== worker) return;
      // A thread that never started (a build or configuration error) would fail again.
      if (!ready) {
        this.stopped = true;
        this.failStart(new Error(`the worker thread could not start (exit code ${code})`));
        this.settle();
        return;
      }
      this.options.logger.error('the worker thread stopped; starting a new one', {
        code,
        unfinished: this.pending.size,
      });
      this.start();
      for (const [seq, message] of this.pending) this.post({ kind: 'message', seq, message });
    });
  }

  private settle(): void {
    if (this.pending.size === 0 || this.stopped) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

/**
 * The thread's entry: the built `.js` beside this file, or from the TypeScript sources (`npm
 * start`, tests) the `.ts` through tsx's loader, registered in the thread itself (Node 20 does not
 * carry a parent's `--import` loader into a worker).
 */
function threadEntry(): URL {
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./inbound-thread${ext}`, import.meta.url);
  if (ext !== '.ts') return entry;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
