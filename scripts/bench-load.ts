/**
 * `npm run bench:load`: the acknowledgement latency, sustained rate, errors and reply drain time
 * of the local server (`npm start` mode: embedded DynamoDB Local, in-memory queue, outbox sender)
 * under signed WhatsApp and Telegram webhooks from many distinct users, next to a bare Hono
 * endpoint measured in the same run. Flags: --duration S (60), --rate R (200), --users N (1000),
 * --steps "300,400,600" (the step-up rates; "" for none), --step-duration S (10), --connections N (10),
 * --drain-timeout S (600: how long to wait for the replies after the load).
 *
 * The server runs in a child process (this file with --serve) so the load generator does not share
 * its event loop; the parent drives autocannon on loopback and counts the outbox in the store.
 * The server reaches DynamoDB Local through a counting proxy (the parent's own outbox reads go
 * around it), so each phase reports the store requests per message, by operation; and each reply
 * handed to the channel (the local outbox sender) is timed from its webhook's arrival: the reply
 * latency p50 and p99. The last line printed is one JSON object with every figure.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { createLocalRuntime } from '../functions/app/local-runtime.js';
import { createSenders } from '../functions/app/senders.js';
import { CHANNEL_ADAPTERS } from '../functions/channels/index.js';
import { DEV_DEFAULTS, loadConfig } from '../functions/core/config.js';
import { createLogger } from '../functions/core/logger.js';
import type { ChannelSender, Senders } from '../functions/core/types.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';
import { createStore, type Store } from '../functions/store/client.js';

// Locally Node 20 is fine (the functions run on Node 22 in AWS); keep the SDK's notice out of the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PUBLIC_URL = 'http://bench.local';
const ACK_P99_TARGET_MS = 25;
let DRAIN_TIMEOUT_MS = 600_000;

// ---------------------------------------------------------------- child: the server under test

interface Ready {
  kind: 'ready';
  appPort: number;
  barePort: number;
  endpoint: string;
  table: string;
}

/** What the server did during one phase: store requests by operation, replies and their latency. */
interface ServerPhase {
  kind: 'phase';
  requests: Record<string, number>;
  replies: number;
  replyP50Ms: number;
  replyP99Ms: number;
  replyMaxMs: number;
}

/**
 * A plain HTTP proxy in front of DynamoDB Local that counts each request by its operation
 * (`X-Amz-Target`); a PutItem into the local outbox is counted apart (`PutItem:outbox`): in AWS
 * that is the channel's API, not the store.
 */
function countingProxy(target: string, counts: Map<string, number>) {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let op = String(req.headers['x-amz-target'] ?? 'unknown').replace(/^DynamoDB_\d+\./, '');
      if (op === 'PutItem' && body.includes('"OUTBOX"')) op = 'PutItem:outbox';
      counts.set(op, (counts.get(op) ?? 0) + 1);
      const forward = httpRequest(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}

/** The address a webhook is from, as the sender will be given it (WhatsApp `From`, Telegram chat id). */
async function addressOf(request: Request): Promise<string | undefined> {
  const url = new URL(request.url);
  const text = await request.clone().text();
  if (url.pathname === '/webhooks/whatsapp') return new URLSearchParams(text).get('From') ?? undefined;
  if (url.pathname === '/webhooks/telegram') {
    try {
      const id = (JSON.parse(text) as { message?: { chat?: { id?: number } } }).message?.chat?.id;
      return id === undefined ? undefined : String(id);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;

async function serveMode() {
  const table = `bench-${randomUUID()}`;
  // LOG_LEVEL silent keeps the outbox from printing every reply; warnings still go to stderr.
  const base = loadConfig({ APP_ENV: 'local', PUBLIC_URL, TABLE_NAME: table, LOG_LEVEL: 'silent' });
  const { config, dynamo } = await startEmbeddedStore(base, { persist: false });
  const counts = new Map<string, number>();
  const proxied = { ...config, DYNAMODB_ENDPOINT: await countingProxy(config.DYNAMODB_ENDPOINT!, counts) };
  // Webhook arrival times per address, oldest first: each message gets one reply, in order.
  const arrivals = new Map<string, number[]>();
  let latencies: number[] = [];
  const store = createStore({ tableName: table, endpoint: proxied.DYNAMODB_ENDPOINT });
  const timed = (sender: ChannelSender): ChannelSender => ({
    ...sender,
    async send(to, reply) {
      await sender.send(to, reply);
      const at = arrivals.get(to)?.shift();
      if (at !== undefined) latencies.push(performance.now() - at);
    },
  });
  const senders = Object.fromEntries(
    Object.entries(createSenders(proxied, store, CHANNEL_ADAPTERS)).map(([id, s]) => [id, timed(s)]),
  ) as Senders;
  const runtime = createLocalRuntime(proxied, {
    store,
    senders,
    logger: createLogger('warn', (line) => process.stderr.write(`${line}\n`)),
  });
  const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
    new Promise<number>((resolve) => {
      serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
  const appPort = await listen(async (request) => {
    const at = performance.now();
    const address = await addressOf(request);
    if (address) arrivals.set(address, [...(arrivals.get(address) ?? []), at]);
    return runtime.app.fetch(request);
  });
  const bare = new Hono().post('/', (c) => c.text('ok'));
  const barePort = await listen(bare.fetch);
  process.on('message', (msg: { kind: string }) => {
    if (msg.kind === 'stats') {
      process.send?.({
        kind: 'stats',
        depth: runtime.queue.depth,
        deadLetters: runtime.queue.deadLetters.length,
      });
    }
    if (msg.kind === 'phase') {
      const sorted = [...latencies].sort((a, b) => a - b);
      const phase: ServerPhase = {
        kind: 'phase',
        requests: Object.fromEntries(counts),
        replies: sorted.length,
        replyP50Ms: Math.round(percentile(sorted, 50)),
        replyP99Ms: Math.round(percentile(sorted, 99)),
        replyMaxMs: Math.round(sorted.at(-1) ?? 0),
      };
      counts.clear();
      latencies = [];
      process.send?.(phase);
    }
    if (msg.kind === 'stop') {
      void (async () => {
        await dynamo?.stop();
        process.exit(0);
      })();
    }
  });
  const ready: Ready = { kind: 'ready', appPort, barePort, endpoint: config.DYNAMODB_ENDPOINT!, table };
  process.send?.(ready);
}

// ---------------------------------------------------------------- parent: load and measurement

interface Result {
  latency: { p50: number; p99: number; max: number };
  requests: { average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = ((options: Record<string, unknown>) => Promise<Result>) & {
  aggregateResult(results: Result[], options: Record<string, unknown>): Result;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Phase {
  label: string;
  target: number;
  rate: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  ok: number;
  errors: number;
  drainMs?: number | undefined;
  exactlyOnce?: boolean | undefined;
  /** Store requests per acknowledged message, the local outbox's write (the channel, in AWS) apart. */
  storeRequestsPerMessage?: number | undefined;
  storeRequestsPerMessageWithOutbox?: number | undefined;
  storeRequests?: Record<string, number> | undefined;
  /** Webhook received → reply handed to the channel. */
  replyP50Ms?: number | undefined;
  replyP99Ms?: number | undefined;
  replyMaxMs?: number | undefined;
}

/** The server's counts since the last call, as figures per message of the phase. */
async function serverFigures(child: ChildProcess, messages: number) {
  const s = await ask<ServerPhase>(child, 'phase');
  const all = Object.values(s.requests).reduce((a, b) => a + b, 0);
  const outbox = s.requests['PutItem:outbox'] ?? 0;
  const per = (n: number) => (messages > 0 ? round(n / messages) : 0);
  return {
    storeRequestsPerMessage: per(all - outbox),
    storeRequestsPerMessageWithOutbox: per(all),
    storeRequests: s.requests,
    replyP50Ms: s.replyP50Ms,
    replyP99Ms: s.replyP99Ms,
    replyMaxMs: s.replyMaxMs,
  };
}

function phaseOf(label: string, target: number, r: Result): Phase {
  return {
    label,
    target,
    rate: Math.round(((r['2xx'] + r.non2xx) / r.duration) * 10) / 10,
    ackP50Ms: r.latency.p50,
    ackP99Ms: r.latency.p99,
    ackMaxMs: r.latency.max,
    ok: r['2xx'],
    errors: r.non2xx + r.errors,
  };
}

/**
 * Request generator: alternates WhatsApp and Telegram, each body unique and validly signed, and
 * counts what each address was sent (runs use `amount`, so every request sent gets its response).
 */
function webhookRequests(userBase: number, users: number, sent: Map<string, number>) {
  let n = 0;
  const setupRequest = (req: Record<string, unknown>) => {
    n++;
    const user = userBase + (n % users);
    if (n % 2 === 0) {
      const from = `whatsapp:+2289${String(user).padStart(7, '0')}`;
      const params = {
        From: from,
        To: 'whatsapp:+10000000000',
        MessageSid: `SMbench${userBase}x${n}`,
        Body: 'bonjour',
        NumMedia: '0',
      };
      const signature = getExpectedTwilioSignature(
        DEV_DEFAULTS.TWILIO_AUTH_TOKEN,
        `${PUBLIC_URL}/webhooks/whatsapp`,
        params,
      );
      sent.set(from, (sent.get(from) ?? 0) + 1);
      return {
        ...req,
        method: 'POST',
        path: '/webhooks/whatsapp',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      };
    }
    const chatId = 100_000_000 + user;
    sent.set(String(chatId), (sent.get(String(chatId)) ?? 0) + 1);
    const update = {
      update_id: userBase * 1000 + n,
      message: {
        message_id: n,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
        from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'fr' },
        text: '/start',
      },
    };
    return {
      ...req,
      method: 'POST',
      path: '/webhooks/telegram',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': DEV_DEFAULTS.TELEGRAM_WEBHOOK_SECRET,
      },
      body: JSON.stringify(update),
    };
  };
  return [{ setupRequest }];
}

/** Replies in the outbox, per address (each acknowledged "bonjour" or "/start" gets one menu). */
async function outboxCounts(store: Store): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX' },
        ExpressionAttributeNames: { '#to': 'to' },
        ProjectionExpression: '#to',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) counts.set(String(item.to), (counts.get(String(item.to)) ?? 0) + 1);
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/**
 * Waits until the queue is empty and every message has its reply; then checks that each address
 * got exactly as many replies as messages it sent (one menu per "bonjour" or "/start").
 */
async function drain(store: Store, child: ChildProcess, acked: Map<string, number>, loadEndMs: number) {
  const expected = total(acked);
  let counts = await outboxCounts(store);
  const queueDepth = async () => (await ask<{ depth: number }>(child, 'stats')).depth;
  while (
    (total(counts) < expected || (await queueDepth()) > 0) &&
    Date.now() - loadEndMs < DRAIN_TIMEOUT_MS
  ) {
    await new Promise((r) => setTimeout(r, 250));
    counts = await outboxCounts(store);
  }
  const drainMs = Date.now() - loadEndMs;
  const missing = [...acked].filter(([a, n]) => (counts.get(a) ?? 0) < n).length;
  // A double would show as more replies than acknowledged messages for an address.
  const doubled = [...counts].filter(([a, n]) => n > (acked.get(a) ?? 0)).length;
  return { drainMs, missing, doubled, replies: total(counts), expected };
}

function ask<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (msg: { kind: string }) => {
      if (msg.kind !== kind) return;
      child.off('message', onMessage);
      resolve(msg as T);
    };
    child.on('message', onMessage);
    child.send({ kind });
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      rate: { type: 'string', default: '200' },
      users: { type: 'string', default: '1000' },
      steps: { type: 'string' },
      'step-duration': { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      'drain-timeout': { type: 'string', default: '600' },
    },
  });
  const duration = Number(values.duration);
  const rate = Number(values.rate);
  const users = Number(values.users);
  const stepDuration = Number(values['step-duration']);
  const connections = Number(values.connections);
  DRAIN_TIMEOUT_MS = Number(values['drain-timeout']) * 1000;
  const steps = (values.steps ?? `${rate * 1.5},${rate * 2},${rate * 3},${rate * 4}`)
    .split(',')
    .filter(Boolean)
    .map(Number);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  const child = fork(new URL(import.meta.url).pathname, ['--serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  const store = createStore({ tableName: ready.table, endpoint: ready.endpoint });
  // `amount` rather than `duration`: autocannon then waits for every response, so each message
  // sent is accounted for. autocannon paces `overallRate` per connection and per second: every
  // connection sends its share at the start of each second, so one instance makes arrivals come in
  // bursts, and its coordinated-omission correction counts the queueing of a burst as latency (a
  // bare endpoint then shows a p99 near 30 ms at 200 req/s). Lanes: LANES instances, each with a
  // share of the rate, started 1/LANES of a second apart, so arrivals are spread over the second
  // as real webhooks arrive. Their histograms are merged by autocannon's own aggregateResult.
  const LANES = 10;
  const run = async (url: string, target: number, seconds: number, requests?: unknown): Promise<Result> => {
    const lanes = Math.max(1, Math.min(LANES, target));
    const shares = Array.from(
      { length: lanes },
      (_, i) => Math.floor(target / lanes) + (i < target % lanes ? 1 : 0),
    );
    const results = await Promise.all(
      shares.map(async (share, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / lanes));
        return autocannon({
          url,
          method: 'POST',
          body: 'x',
          connections: Math.max(1, Math.min(Math.ceil(connections / lanes), share)),
          overallRate: share,
          amount: Math.round(share * seconds),
          timeout: 10,
          skipAggregateResult: true,
          ...(requests ? { requests } : {}),
        });
      }),
    );
    const merged = autocannon.aggregateResult(results, { url, connections });
    // Lanes run side by side: the phase lasts as long as the longest lane.
    return { ...merged, duration: Math.max(...results.map((r) => r.duration)) };
  };

  say(`load average at the start: ${loadavg().map(round).join(', ')}`);
  say(`bare Hono: ${rate} req/s for ${duration}s...`);
  const bare = phaseOf('bare-hono', rate, await run(`http://127.0.0.1:${ready.barePort}/`, rate, duration));
  say(JSON.stringify(bare));

  say(`webhooks: ${rate} req/s for ${duration}s from ${users} users...`);
  await ask<ServerPhase>(child, 'phase'); // start counting from here (table creation excluded)
  const acked = new Map<string, number>();
  const mainRun = await run(
    `http://127.0.0.1:${ready.appPort}`,
    rate,
    duration,
    webhookRequests(0, users, acked),
  );
  const main = phaseOf('webhooks', rate, mainRun);
  const mainDrain = await drain(store, child, acked, Date.now());
  main.drainMs = mainDrain.drainMs;
  main.exactlyOnce = mainDrain.missing === 0 && mainDrain.doubled === 0;
  Object.assign(main, await serverFigures(child, main.ok));
  say(JSON.stringify({ ...main, ...mainDrain }));

  // Step-up: fresh users each step (so the per-minute rate limit is not what is measured), each
  // step waits for its backlog to drain before the next one starts.
  const stepResults: Phase[] = [];
  for (const [i, target] of steps.entries()) {
    say(`step: ${target} req/s for ${stepDuration}s...`);
    const stepAcked = new Map<string, number>();
    const before = await outboxCounts(store);
    const r = await run(
      `http://127.0.0.1:${ready.appPort}`,
      target,
      stepDuration,
      webhookRequests((i + 1) * 10 * users, users, stepAcked),
    );
    const phase = phaseOf(`step-${target}`, target, r);
    const expected = new Map(stepAcked);
    for (const [a, n] of before) if (!expected.has(a)) expected.set(a, n);
    const d = await drain(store, child, expected, Date.now());
    phase.drainMs = d.drainMs;
    phase.exactlyOnce = d.missing === 0 && d.doubled === 0;
    Object.assign(phase, await serverFigures(child, phase.ok));
    stepResults.push(phase);
    say(JSON.stringify(phase));
    if (!sustained(phase)) break;
  }
  const stats = await ask<{ depth: number; deadLetters: number }>(child, 'stats');
  child.send({ kind: 'stop' });
  await new Promise((r) => child.once('exit', r));

  const all = [main, ...stepResults];
  const best = all.filter(sustained).sort((a, b) => b.target - a.target)[0];
  const bestAck = all
    .filter((p) => sustained(p) && p.ackP99Ms <= ACK_P99_TARGET_MS)
    .sort((a, b) => b.target - a.target)[0];
  const summary = {
    bench: 'load',
    durationS: duration,
    users,
    // The machine is shared: its load average (1, 5, 15 min) at the end of the run, beside the figures.
    loadAverage: loadavg().map((x) => round(x)),
    storeRequestsPerMessage: main.storeRequestsPerMessage,
    replyP50Ms: main.replyP50Ms,
    replyP99Ms: main.replyP99Ms,
    webhooks: main,
    bare,
    ratio: {
      ackP50: round(main.ackP50Ms / Math.max(bare.ackP50Ms, 1)),
      ackP99: round(main.ackP99Ms / Math.max(bare.ackP99Ms, 1)),
    },
    steps: stepResults,
    maxSustainedRate: best?.rate ?? 0,
    maxSustainedRateWithinAckTarget: bestAck?.rate ?? 0,
    deadLetters: stats.deadLetters,
    targets: {
      ackP99Le25ms: main.ackP99Ms <= ACK_P99_TARGET_MS,
      zeroErrors: main.errors === 0,
      exactlyOnce: Boolean(main.exactlyOnce),
      storeRequestsPerMessageLe5: (main.storeRequestsPerMessageWithOutbox ?? Infinity) <= 5,
    },
  };
  say(JSON.stringify(summary));
}

/** Kept up: the rate was delivered (5% slack), nothing failed, every reply went out exactly once. */
const sustained = (p: Phase) =>
  p.rate >= p.target * 0.95 &&
  p.errors === 0 &&
  p.exactlyOnce === true &&
  (p.drainMs ?? 0) < DRAIN_TIMEOUT_MS;

const round = (x: number) => Math.round(x * 100) / 100;

const isServer = process.argv.includes('--serve');
(isServer ? serveMode() : main()).catch((error) => {
  process.stderr.write(`bench:load failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
