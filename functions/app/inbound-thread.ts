/**
 * Local mode's worker thread: the same queue and handler as the in-process runtime
 * (`MemoryQueue` and `buildInboundHandler`), run beside the webhooks so a busy worker never
 * delays an acknowledgement. Started by `WorkerThreadQueue` (worker-thread-queue.ts).
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { CHANNEL_ADAPTERS } from '../channels/index.js';
import { channelDirectory } from '../core/channel.js';
import type { Config } from '../core/config.js';
import { inboundCodecFor } from '../core/inbound-codec.js';
import { createLogger } from '../core/logger.js';
import type { QueueCodec } from '../core/queue.js';
import type { InboundMessage } from '../core/types.js';
import { MemoryQueue } from '../platform/memory/queue.js';
import { createStore } from '../store/client.js';
import { buildInboundHandler } from './inbound-handler.js';
import { createSenders } from './senders.js';
import type { FromWorker, ToWorker, WorkerThreadData } from './worker-thread-queue.js';

const { config, logLevel, leaseMs, queue: queueOptions, niceness } = workerData as WorkerThreadData;
lowerPriority(niceness ?? 10);
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

const logger = createLogger(logLevel ?? config.LOG_LEVEL);
const store = createStore({
  tableName: config.TABLE_NAME,
  endpoint: config.DYNAMODB_ENDPOINT,
  region: config.AWS_REGION,
});
const adapters = CHANNEL_ADAPTERS;
const channels = channelDirectory(adapters);
const senders = createSenders(config as Config, store, adapters);
const { handleInbound } = buildInboundHandler({
  config,
  store,
  senders,
  channels,
  adapters,
  logger,
  worker: leaseMs === undefined ? undefined : { leaseMs },
});

interface Item {
  seq: number;
  message: InboundMessage;
}
const codec = inboundCodecFor(adapters.map((a) => a.id));
// Each person is a group, as in the main thread's queue: their messages one at a time, in order.
const itemCodec: QueueCodec<Item> = {
  encode: (item) => codec.encode(item.message),
  decode: () => {
    throw new Error('the worker thread queue carries messages, not bodies');
  },
  groupId: (item) => codec.groupId!(item.message),
  describe: (item) => codec.describe!(item.message),
};
/**
 * People answered at once. A turn spends most of its time waiting for the store (four requests in
 * a row), so with the in-process queue's 4 the thread answered at most 4 / (a turn's wall time) a
 * second whatever the CPU had left: at 100 messages a second a turn must take under 40 ms, and on
 * a busy machine it did not, so a backlog built with a core still idle. Here the turns do not share
 * the webhooks' event loop, so more of them at once costs the acknowledgements nothing.
 */
const THREAD_CONCURRENCY = 32;
const queue = new MemoryQueue<Item>(
  itemCodec,
  async (item) => {
    await handleInbound(item.message);
    post({ kind: 'done', seq: item.seq });
  },
  {
    logger,
    maxDelayMs: 5000,
    concurrency: THREAD_CONCURRENCY,
    ...Object.fromEntries(Object.entries(queueOptions ?? {}).filter(([, v]) => v !== undefined)),
    onDeadLetter: (item) => post({ kind: 'dead', seq: item.seq }),
  },
);

port.on('message', (message: ToWorker) => {
  if (message.kind === 'message') void queue.enqueue({ seq: message.seq, message: message.message });
});
post({ kind: 'ready' });

/**
 * Gives this thread a lower CPU priority than the webhooks' (Linux: a thread has its own nice
 * value, its id read from /proc/thread-self): when the CPU is short, an acknowledgement goes first
 * and the replies wait, as DynamoDB Local's JVM does (`lowPriority`). Elsewhere, nothing changes.
 */
function lowerPriority(niceness: number) {
  if (niceness <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    // Relative to the webhooks' thread (a process started with `nice` keeps the difference).
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + niceness));
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
