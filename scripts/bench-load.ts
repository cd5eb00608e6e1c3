/**
 * `npm run bench:load`: the assistant's webhooks and replies under open-loop load, side by side
 * with what people would build instead, in one run:
 *
 * - `floor`: a bare Hono endpoint (what the HTTP stack costs);
 * - `grammy`: grammY's own webhook setup on Hono (`webhookCallback(bot, 'hono')`) replying with
 *   `ctx.reply` to a loopback Bot API;
 * - `twilio`: Twilio's Express quickstart: `express.urlencoded`, the library's validating
 *   middleware (`twilio.webhook()`) and a TwiML reply in the response;
 * - `whatsapp`, `telegram`: the assistant in `npm start` mode (DynamoDB Local, local queue and
 *   worker, outbox), on signed WhatsApp webhooks and Telegram updates from distinct users.
 *
 * Open loop: each request is sent at its scheduled time whatever the answers (no connection
 * limit, so a slow server cannot slow the arrivals down, and there is no coordinated-omission
 * correction to inflate the floor); the acknowledgement is timed from the moment it was sent, and
 * the generator's own lateness is reported beside it (`sendLagP99Ms`). A reply is timed from its
 * webhook's send to the moment the channel got it: the loopback Bot API's `sendMessage` for the
 * grammY bot, the outbox write acknowledged by the store for the assistant (in AWS that write is
 * the channel's API call). Replies are matched to messages per address, in order, and counted:
 * each message must get exactly one.
 *
 * Each target runs in its own process; a sink process holds the loopback Bot API and a counting
 * proxy in front of DynamoDB Local (store requests per message, by operation; the outbox write
 * apart). CPU per message is the CPU time of the assistant's process (all its threads) from the
 * start of a phase until its last reply, over the phase's messages; DynamoDB Local's is given
 * apart (`storeCpuMsPerMessage`).
 *
 * Then the sustained reply capacity: the highest rate whose reply p99 stays under 1 s with
 * every reply exactly once, by a short step search (rates ×1.5 until one fails, then halving the
 * gap), each step its own fresh users, waiting for its replies before the next.
 *
 * Flags: --duration S (30: seconds per phase), --rates "100,200", --targets
 * "floor,grammy,twilio,whatsapp,telegram", --users N (1000; raised so nobody passes the rate
 * limit), --capacity on|off (on), --capacity-start R (50), --capacity-max R (600),
 * --capacity-refine N (2), --step-duration S (10), --drain-timeout S (120), --worker thread|inline
 * (how the assistant runs its worker: `thread` is what `npm start` does), --warmup S (60: the
 * assistant at --warmup-rate R req/s (90) first, so the JITs and the store are warm), --rounds N (2:
 * the phases in A B C D, D C B A order; `medians` gives each figure's median over the rounds),
 * --store-nice N (10: DynamoDB Local's niceness, as `npm start` runs it), --store-gc-log FILE (the
 * JVM's collections with their pauses), --timeline (each phase's slowest reply by second sent). The
 * last line printed is one JSON object with every figure.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import express from 'express';
import { Bot, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { Hono } from 'hono';
import twilio from 'twilio';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { startStoreTap } from './lib/store-tap.js';

// Locally Node 20 is fine (the functions run on Node 22 in AWS); keep the SDK's notice out of the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PUBLIC_URL = 'http://bench.local';
const TWILIO_TOKEN = 'bench-twilio-auth-token';
const TELEGRAM_SECRET = 'bench-telegram-secret';
const BOT_TOKEN = '123456:bench-token';
const REPLY_P99_LIMIT_MS = 1000;

const wallNow = () => performance.timeOrigin + performance.now();
const round = (x: number) => Math.round(x * 100) / 100;
const percentile = (sorted: ArrayLike<number>, p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
    : 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function listenHttp(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function onRequest(handler: (msg: { kind: string; [k: string]: unknown }) => unknown) {
  process.on('message', (msg: { kind: string; id: number }) => {
    void Promise.resolve(handler(msg)).then((answer) =>
      process.send?.({ ...(answer as object), id: msg.id }),
    );
  });
}

// ---------------------------------------------------------------- sink: Bot API and store proxy

/** Replies seen per address (wall-clock ms), and store requests by operation, since the last `take`. */
async function sinkMode() {
  const replies = new Map<string, number[]>();
  let replyCount = 0;
  const counts = new Map<string, number>();
  const reply = (to: string) => {
    const list = replies.get(to);
    if (list) list.push(wallNow());
    else replies.set(to, [wallNow()]);
    replyCount++;
  };
  let upstream: URL | undefined;
  // The store proxy reads only the framing of what it passes on: as an HTTP server and client it
  // took about 1 ms of CPU per store request, on the same two cores as what it measures.
  const proxyPort = await startStoreTap(
    () => ({ host: upstream!.hostname, port: Number(upstream!.port) }),
    (op) => op === 'PutItem',
    ({ op, body, status }) => {
      let name = op;
      if (op === 'PutItem' && body?.includes('"OUTBOX"')) {
        name = 'PutItem:outbox';
        const to = (JSON.parse(body.toString()) as { Item?: { to?: { S?: string } } }).Item?.to?.S;
        if (to !== undefined && status === 200) reply(to);
      }
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
  );
  let messageId = 0;
  const botApiPort = await listenHttp((req, res) => {
    void readBody(req).then((body) => {
      const method = req.url?.split('/').at(-1);
      const params = body.length ? (JSON.parse(body.toString()) as { chat_id?: number; text?: string }) : {};
      if (method === 'sendMessage') reply(String(params.chat_id));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          result: {
            message_id: ++messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: params.chat_id, type: 'private' },
            text: params.text,
          },
        }),
      );
    });
  });
  onRequest((msg) => {
    if (msg.kind === 'upstream') upstream = new URL(String(msg.endpoint));
    if (msg.kind === 'count') return { replies: replyCount };
    if (msg.kind === 'take') {
      const out = { replies: Object.fromEntries(replies), requests: Object.fromEntries(counts) };
      replies.clear();
      counts.clear();
      replyCount = 0;
      return out;
    }
    return {};
  });
  process.send?.({ kind: 'ready', proxyPort, botApiPort });
}

// ---------------------------------------------------------------- peers: floor, grammY, twilio

async function peersMode() {
  const botApiRoot = String(process.env.BENCH_BOT_API_ROOT);
  const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
    new Promise<number>((resolve) => {
      serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
  const floorPort = await listen(new Hono().post('/', (c) => c.text('ok')).fetch);

  // grammY's webhook quickstart on Hono; botInfo given, so no getMe.
  const bot = new Bot(BOT_TOKEN, {
    botInfo: {
      id: 123456,
      is_bot: true,
      first_name: 'Bench',
      username: 'bench_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as UserFromGetMe,
    client: { apiRoot: botApiRoot },
  });
  bot.on('message', (ctx) => ctx.reply('Bonjour ! Que puis-je faire pour vous ?'));
  const grammyApp = new Hono().post(
    '/webhooks/telegram',
    webhookCallback(bot, 'hono', { secretToken: TELEGRAM_SECRET }),
  );
  const grammyPort = await listen(grammyApp.fetch);

  // Twilio's Express quickstart: urlencoded body, the library's validating middleware, a TwiML reply.
  const publicUrl = new URL(PUBLIC_URL);
  const quickstart = express();
  quickstart.use(express.urlencoded({ extended: false }));
  quickstart.post(
    '/twilio',
    // The token as its own argument: inside the options object the middleware replaces it with the
    // TWILIO_AUTH_TOKEN environment variable.
    twilio.webhook(TWILIO_TOKEN, { host: publicUrl.host, protocol: publicUrl.protocol.slice(0, -1) }),
    (_req, res) => {
      const twiml = new twilio.twiml.MessagingResponse();
      twiml.message('Bonjour ! Que puis-je faire pour vous ?');
      res.type('text/xml').send(twiml.toString());
    },
  );
  const twilioPort = await listenHttp(quickstart);
  onRequest(() => ({}));
  process.send?.({ kind: 'ready', floorPort, grammyPort, twilioPort });
}

// ---------------------------------------------------------------- the assistant

async function assistantMode() {
  const [{ loadConfig }, { createLogger }, { startEmbeddedStore }, { startLocalAssistant }] =
    await Promise.all([
      import('../functions/core/config.js'),
      import('../functions/core/logger.js'),
      import('../functions/local/embedded-store.js'),
      import('../functions/local/assistant.js'),
    ]);
  const base = loadConfig({
    APP_ENV: 'local',
    PUBLIC_URL,
    TABLE_NAME: String(process.env.BENCH_TABLE),
    DYNAMODB_ENDPOINT: String(process.env.BENCH_STORE),
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    // Silent keeps the outbox from printing every reply; warnings still go to stderr.
    LOG_LEVEL: 'silent',
  });
  const { config } = await startEmbeddedStore(base, { persist: false });
  const assistant = await startLocalAssistant(config, {
    worker: process.env.BENCH_WORKER === 'inline' ? 'inline' : 'thread',
    workerLogLevel: 'warn',
    logger: createLogger('warn', (line) => process.stderr.write(`${line}\n`)),
  });
  const port = await new Promise<number>((resolve) => {
    serve({ fetch: assistant.runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    );
  });
  onRequest((msg) => {
    if (msg.kind === 'stats')
      return { depth: assistant.queue.depth, deadLetters: assistant.queue.deadLetters.length };
    return {};
  });
  process.send?.({ kind: 'ready', port });
}

// ---------------------------------------------------------------- parent: load and measurement

interface Child {
  process: ChildProcess;
  ask<T>(kind: string, extra?: Record<string, unknown>): Promise<T>;
}

async function spawnChild<T>(
  role: string,
  env: Record<string, string> = {},
): Promise<{ child: Child; ready: T }> {
  const proc = fork(new URL(import.meta.url).pathname, [`--role=${role}`], {
    // The children's stdout goes to this one's stderr: warnings show, the figures stay on stdout.
    stdio: ['ignore', 2, 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  let next = 0;
  const waiting = new Map<number, (m: unknown) => void>();
  const ready = await new Promise<T>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${role} exited (${code})`)));
    proc.on('message', (m: { kind?: string; id?: number }) => {
      if (m.kind === 'ready') resolve(m as T);
      else if (m.id !== undefined) {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      }
    });
  });
  const child: Child = {
    process: proc,
    ask: (kind, extra = {}) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (m: unknown) => void);
        proc.send({ kind, id, ...extra });
      }),
  };
  return { child, ready };
}

/** CPU time (user + system, all threads) of a process, in ms, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

interface Planned {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The address the reply goes to; absent when the reply is the response itself. */
  address?: string;
}

interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  acks: number[];
  sendLagP99Ms: number;
  /** Wall-clock send time of each request, per reply address, in order. */
  sentAt: Map<string, number[]>;
  /** From the first send to the last: the rate delivered is `sent` over it. */
  sendSeconds: number;
}

/** Sends `planned[i]` at start + i / rate, whatever the answers; waits for every response. */
async function openLoop(port: number, rate: number, planned: Planned[]): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 2048 });
  const acks: number[] = [];
  const lags: number[] = [];
  const sentAt = new Map<string, number[]>();
  let ok = 0;
  let errors = 0;
  let done = 0;
  const n = planned.length;
  const start = performance.now() + 50;
  let firstSend = 0;
  let lastSend = 0;
  await new Promise<void>((resolve) => {
    if (n === 0) return resolve();
    const finish = () => {
      if (++done === n) resolve();
    };
    const send = (i: number) => {
      const p = planned[i]!;
      const at = performance.now();
      if (i === 0) firstSend = at;
      lastSend = at;
      lags.push(at - (start + (i * 1000) / rate));
      if (p.address !== undefined) {
        const list = sentAt.get(p.address);
        if (list) list.push(performance.timeOrigin + at);
        else sentAt.set(p.address, [performance.timeOrigin + at]);
      }
      const req = httpRequest(
        { agent, host: '127.0.0.1', port, method: 'POST', path: p.path, headers: p.headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            acks.push(performance.now() - at);
            if (res.statusCode !== undefined && res.statusCode < 300) ok++;
            else errors++;
            finish();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        finish();
      });
      req.end(p.body);
    };
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < n && start + (next * 1000) / rate <= now) send(next++);
      if (next < n) setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now() - 0.5));
    };
    setTimeout(tick, 50);
  });
  agent.destroy();
  lags.sort((a, b) => a - b);
  return {
    sent: n,
    ok,
    errors,
    acks,
    sendLagP99Ms: round(percentile(lags, 99)),
    sentAt,
    // n sends span n - 1 intervals of 1/rate.
    sendSeconds: n > 1 ? ((lastSend - firstSend) / 1000) * (n / (n - 1)) : 0,
  };
}

/** Requests of one phase: `kind` says which webhook; `tag` keeps message ids unique across phases. */
function plan(
  kind: 'floor' | 'whatsapp' | 'telegram' | 'mixed',
  count: number,
  users: number,
  userBase: number,
  tag: string,
  path?: string,
): Planned[] {
  const out: Planned[] = [];
  for (let n = 0; n < count; n++) {
    const user = userBase + (n % users);
    const channel = kind === 'mixed' ? (n % 2 === 0 ? 'whatsapp' : 'telegram') : kind;
    if (channel === 'floor') {
      out.push({ path: '/', headers: { 'content-type': 'text/plain' }, body: 'x' });
    } else if (channel === 'whatsapp') {
      const target = path ?? '/webhooks/whatsapp';
      const from = `whatsapp:+2289${String(user).padStart(7, '0')}`;
      const params = {
        From: from,
        To: 'whatsapp:+10000000000',
        MessageSid: `SMbench${tag}x${n}`,
        Body: 'bonjour',
        NumMedia: '0',
      };
      const signature = getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}${target}`, params);
      out.push({
        path: target,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
        address: from,
      });
    } else {
      const chatId = 100_000_000 + user;
      const update = {
        update_id: Number.parseInt(tag, 36) * 1_000_000 + n,
        message: {
          message_id: n + 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'fr' },
          text: '/start',
        },
      };
      out.push({
        path: path ?? '/webhooks/telegram',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
        body: JSON.stringify(update),
        address: String(chatId),
      });
    }
  }
  return out;
}

interface PhaseFigures {
  target: string;
  rate: number;
  achievedRate: number;
  messages: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  sendLagP99Ms: number;
  errors: number;
  replyP50Ms?: number;
  replyP99Ms?: number;
  replyMaxMs?: number;
  replies?: number;
  exactlyOnce?: boolean;
  missing?: number;
  doubled?: number;
  lateFromEarlierPhases?: number;
  drainMs?: number;
  cpuMsPerMessage?: number;
  storeCpuMsPerMessage?: number;
  benchCpuMsPerMessage?: number;
  /** With `--timeline`: the slowest reply to the messages sent in each second of the phase. */
  replyMaxMsBySecond?: number[];
  storeRequestsPerMessage?: number;
  storeRequestsPerMessageWithOutbox?: number;
  storeRequests?: Record<string, number>;
  loadAverage: number[];
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      duration: { type: 'string', default: '30' },
      rates: { type: 'string', default: '100,200' },
      targets: { type: 'string', default: 'floor,grammy,twilio,whatsapp,telegram' },
      users: { type: 'string', default: '1000' },
      capacity: { type: 'string', default: 'on' },
      'capacity-start': { type: 'string', default: '50' },
      'capacity-max': { type: 'string', default: '600' },
      'capacity-refine': { type: 'string', default: '2' },
      'step-duration': { type: 'string', default: '10' },
      'drain-timeout': { type: 'string', default: '120' },
      worker: { type: 'string', default: 'thread' },
      warmup: { type: 'string', default: '60' },
      'warmup-rate': { type: 'string', default: '90' },
      rounds: { type: 'string', default: '2' },
      'store-nice': { type: 'string', default: '10' },
      'store-gc-log': { type: 'string' },
      timeline: { type: 'boolean', default: false },
    },
  });
  const duration = Number(values.duration);
  const rounds = Math.max(1, Number(values.rounds));
  const rates = values.rates.split(',').filter(Boolean).map(Number);
  const targets = values.targets.split(',').filter(Boolean);
  const stepDuration = Number(values['step-duration']);
  const drainTimeoutMs = Number(values['drain-timeout']) * 1000;
  const capacityOn = values.capacity !== 'off';
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const needAssistant = capacityOn || targets.some((t) => t === 'whatsapp' || t === 'telegram');
  // The rate limit (20 a minute per person) must not be what is measured: enough users that
  // nobody sends more than 15 messages in a phase.
  const usersFor = (rate: number, seconds: number) =>
    Math.max(Number(values.users), Math.ceil((rate * seconds) / 15));

  say(`uptime at the start: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const { child: sink, ready: sinkReady } = await spawnChild<{ proxyPort: number; botApiPort: number }>(
    'sink',
  );
  const { child: peers, ready: peerPorts } = await spawnChild<{
    floorPort: number;
    grammyPort: number;
    twilioPort: number;
  }>('peers', { BENCH_BOT_API_ROOT: `http://127.0.0.1:${sinkReady.botApiPort}` });
  let assistant: Child | undefined;
  let assistantPort = 0;
  let dynamo: { stop(): Promise<void>; process: ChildProcess } | undefined;
  if (needAssistant) {
    const { startDynamoDbLocal } = await import('../functions/local/dynamodb-local.js');
    const gcLog = values['store-gc-log'];
    dynamo = await startDynamoDbLocal({
      lowPriority: true,
      niceness: Number(values['store-nice']),
      // Every collection with its pause, to tell a store stall from a slow worker.
      ...(gcLog ? { jvmArgs: [`-Xlog:gc:file=${gcLog}:uptime`] } : {}),
    });
    await sink.ask('upstream', { endpoint: (dynamo as unknown as { endpoint: string }).endpoint });
    const started = await spawnChild<{ port: number }>('assistant', {
      BENCH_TABLE: `bench-${randomUUID()}`,
      BENCH_STORE: `http://127.0.0.1:${sinkReady.proxyPort}`,
      BENCH_WORKER: values.worker,
    });
    assistant = started.child;
    assistantPort = started.ready.port;
  }
  const assistantPid = assistant?.process.pid;
  const storePid = dynamo?.process.pid;
  const sinkPid = sink.process.pid;

  let phaseNo = 0;
  /** One phase against one target; for the assistant, waits for every reply. */
  const phase = async (target: string, rate: number, seconds: number): Promise<PhaseFigures> => {
    phaseNo++;
    const tag = `p${phaseNo}`;
    const count = Math.round(rate * seconds);
    const users = usersFor(rate, seconds);
    const userBase = phaseNo * 100_000;
    const isAssistant = target === 'whatsapp' || target === 'telegram' || target === 'mixed';
    const port =
      target === 'floor'
        ? peerPorts.floorPort
        : target === 'grammy'
          ? peerPorts.grammyPort
          : target === 'twilio'
            ? peerPorts.twilioPort
            : assistantPort;
    const kind =
      target === 'floor'
        ? 'floor'
        : target === 'grammy'
          ? 'telegram'
          : target === 'twilio'
            ? 'whatsapp'
            : (target as 'whatsapp' | 'telegram' | 'mixed');
    const planned = plan(kind, count, users, userBase, tag, target === 'twilio' ? '/twilio' : undefined);
    if (target === 'twilio') for (const p of planned) delete p.address;
    await sink.ask('take'); // counts start here
    const cpu0 = cpuMs(assistantPid);
    const storeCpu0 = cpuMs(storePid);
    const benchCpu0 = cpuMs(sinkPid) + cpuMs(process.pid);
    const phaseStartWall = Date.now();
    const load = await openLoop(port, rate, planned);
    const loadEnd = Date.now();
    const acks = [...load.acks].sort((a, b) => a - b);
    const figures: PhaseFigures = {
      target,
      rate,
      achievedRate: load.sendSeconds > 0 ? round(load.sent / load.sendSeconds) : 0,
      messages: load.sent,
      ackP50Ms: round(percentile(acks, 50)),
      ackP99Ms: round(percentile(acks, 99)),
      ackMaxMs: round(acks.at(-1) ?? 0),
      sendLagP99Ms: load.sendLagP99Ms,
      errors: load.errors,
      loadAverage: loadavg().map(round),
    };
    if (target === 'floor' || target === 'twilio') return figures;
    // Replies: wait until every message has one (and the assistant's queue is empty), then a moment for doubles.
    const expected = load.sent;
    for (;;) {
      const { replies } = await sink.ask<{ replies: number }>('count');
      const depth = isAssistant ? (await assistant!.ask<{ depth: number }>('stats')).depth : 0;
      if ((replies >= expected && depth === 0) || Date.now() - loadEnd > drainTimeoutMs) break;
      await sleep(100);
    }
    const drainMs = Date.now() - loadEnd;
    await sleep(300);
    const cpu = cpuMs(assistantPid) - cpu0;
    const storeCpu = cpuMs(storePid) - storeCpu0;
    const benchCpu = cpuMs(sinkPid) + cpuMs(process.pid) - benchCpu0;
    const taken = await sink.ask<{ replies: Record<string, number[]>; requests: Record<string, number> }>(
      'take',
    );
    const latencies: number[] = [];
    // By the second it was sent in: the slowest reply (a backlog that builds steadily, or a stall).
    const bySecond: number[] = [];
    let missing = 0;
    let doubled = 0;
    let replies = 0;
    for (const [address, sends] of load.sentAt) {
      const got = taken.replies[address] ?? [];
      replies += got.length;
      if (got.length < sends.length) missing += sends.length - got.length;
      if (got.length > sends.length) doubled += got.length - sends.length;
      for (let i = 0; i < Math.min(got.length, sends.length); i++) {
        const latency = got[i]! - sends[i]!;
        latencies.push(latency);
        const second = Math.floor((sends[i]! - phaseStartWall) / 1000);
        bySecond[second] = Math.max(bySecond[second] ?? 0, latency);
      }
    }
    // Replies to people of an earlier phase (one whose replies outlasted --drain-timeout): theirs, not doubles.
    let late = 0;
    for (const [address, got] of Object.entries(taken.replies))
      if (!load.sentAt.has(address)) late += got.length;
    latencies.sort((a, b) => a - b);
    Object.assign(figures, {
      replyP50Ms: round(percentile(latencies, 50)),
      replyP99Ms: round(percentile(latencies, 99)),
      replyMaxMs: round(latencies.at(-1) ?? 0),
      replies,
      exactlyOnce: missing === 0 && doubled === 0,
      missing,
      doubled,
      lateFromEarlierPhases: late,
      drainMs,
    });
    if (values.timeline) figures.replyMaxMsBySecond = Array.from(bySecond, (x) => round(x ?? 0));
    if (isAssistant) {
      const all = Object.values(taken.requests).reduce((a, b) => a + b, 0);
      const outbox = taken.requests['PutItem:outbox'] ?? 0;
      Object.assign(figures, {
        cpuMsPerMessage: round(cpu / Math.max(1, load.sent)),
        storeCpuMsPerMessage: round(storeCpu / Math.max(1, load.sent)),
        // The load generator and the store proxy share the 2 cores: what they take, the assistant cannot.
        benchCpuMsPerMessage: round(benchCpu / Math.max(1, load.sent)),
        storeRequestsPerMessage: round((all - outbox) / Math.max(1, load.sent)),
        storeRequestsPerMessageWithOutbox: round(all / Math.max(1, load.sent)),
        storeRequests: taken.requests,
      });
    }
    return figures;
  };

  const phases: (PhaseFigures & { round?: number })[] = [];
  // Warm-up: the JIT and the store's first writes are not what is measured. The JITs (Node's and
  // DynamoDB Local's JVM) need thousands of messages near the measured rate: after 300 (10 s at
  // 30/s) or 1,800 (30 s at 60/s) the first phase at 100/s still cost 1.2–1.5× the CPU per message
  // of the same phase run later, and its replies queued; after 5,400 (60 s at 90/s) it did not.
  if (assistant && Number(values.warmup) > 0) {
    const rate = Number(values['warmup-rate']);
    say(`warm-up: the assistant, ${rate} req/s for ${values.warmup} s...`);
    await phase('mixed', rate, Number(values.warmup));
  }
  // Rounds in A B C D, D C B A order, so a drift of the machine's load weighs on every target alike.
  const order = rates.flatMap((rate) => targets.map((target) => ({ target, rate })));
  for (let round = 0; round < rounds; round++) {
    for (const { target, rate } of round % 2 === 0 ? order : [...order].reverse()) {
      say(`round ${round + 1}, ${target}: ${rate} req/s for ${duration} s...`);
      const f = await phase(target, rate, duration);
      phases.push({ ...f, round: round + 1 });
      say(JSON.stringify(f));
    }
  }

  const steps: PhaseFigures[] = [];
  let capacity: number | undefined;
  if (capacityOn && assistant) {
    const passes = (f: PhaseFigures) =>
      f.errors === 0 &&
      f.exactlyOnce === true &&
      (f.replyP99Ms ?? Infinity) < REPLY_P99_LIMIT_MS &&
      f.achievedRate >= f.rate * 0.95;
    const step = async (rate: number) => {
      say(`capacity step: ${rate} req/s for ${stepDuration} s (both channels)...`);
      const f = await phase('mixed', rate, stepDuration);
      steps.push(f);
      say(JSON.stringify(f));
      return passes(f);
    };
    let pass = 0;
    let fail: number | undefined;
    for (
      let rate = Number(values['capacity-start']);
      rate <= Number(values['capacity-max']);
      rate = Math.round(rate * 1.5)
    ) {
      if (await step(rate)) pass = rate;
      else {
        fail = rate;
        break;
      }
    }
    for (let i = 0; fail !== undefined && i < Number(values['capacity-refine']); i++) {
      const mid = Math.round((pass + fail) / 2 / 5) * 5;
      if (mid <= pass || mid >= fail) break;
      if (await step(mid)) pass = mid;
      else fail = mid;
    }
    capacity = pass;
  }

  const stats = assistant ? await assistant.ask<{ depth: number; deadLetters: number }>('stats') : undefined;
  for (const c of [sink, peers, assistant]) c?.process.kill('SIGTERM');
  await dynamo?.stop();

  const assistantPhases = [...phases, ...steps].filter((p) => p.cpuMsPerMessage !== undefined);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    if (!s.length) return undefined;
    const mid = Math.floor(s.length / 2);
    return round(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
  };
  // Each target and rate: the median of its rounds, figure by figure.
  const FIGURES = [
    'ackP50Ms',
    'ackP99Ms',
    'replyP50Ms',
    'replyP99Ms',
    'cpuMsPerMessage',
    'storeCpuMsPerMessage',
    'benchCpuMsPerMessage',
  ] as const;
  const medians = order.map(({ target, rate }) => {
    const runs = phases.filter((p) => p.target === target && p.rate === rate);
    const out: Record<string, unknown> = {
      target,
      rate,
      rounds: runs.length,
      errors: runs.reduce((a, p) => a + p.errors, 0),
      exactlyOnce: runs.every((p) => p.exactlyOnce !== false),
    };
    for (const key of FIGURES) {
      const xs = runs.map((p) => p[key]).filter((x): x is number => x !== undefined);
      if (xs.length) out[key] = median(xs);
    }
    return out as Pick<PhaseFigures, 'target' | 'rate' | 'errors'> & Partial<PhaseFigures>;
  });
  const at = (target: string, rate: number) => medians.find((p) => p.target === target && p.rate === rate);
  const twilio200 = at('twilio', 200);
  const wa100 = at('whatsapp', 100);
  const wa200 = at('whatsapp', 200);
  const summary = {
    bench: 'load',
    worker: values.worker,
    durationS: duration,
    rates,
    targets,
    uptime: readFileSync('/proc/loadavg', 'utf8').trim(),
    medians,
    phases,
    capacity: capacityOn
      ? { replyCapacityPerS: capacity ?? 0, replyP99LimitMs: REPLY_P99_LIMIT_MS, steps }
      : undefined,
    // Medians over the assistant's phases (both channels, every rate).
    cpuMsPerMessage: median(assistantPhases.map((p) => p.cpuMsPerMessage!)),
    storeCpuMsPerMessage: median(assistantPhases.map((p) => p.storeCpuMsPerMessage!)),
    benchCpuMsPerMessage: median(assistantPhases.map((p) => p.benchCpuMsPerMessage!)),
    storeRequestsPerMessage: median(assistantPhases.map((p) => p.storeRequestsPerMessage!)),
    storeRequestsPerMessageWithOutbox: median(
      assistantPhases.map((p) => p.storeRequestsPerMessageWithOutbox!),
    ),
    deadLetters: stats?.deadLetters,
    targetsMet: {
      replyCapacityGe150: capacity === undefined ? undefined : capacity >= 150,
      replyP99Le300msAt100: wa100?.replyP99Ms === undefined ? undefined : wa100.replyP99Ms <= 300,
      ackP99Le2xTwilioAt200:
        wa200?.ackP99Ms !== undefined && twilio200?.ackP99Ms !== undefined
          ? wa200.ackP99Ms <= 2 * Math.max(twilio200.ackP99Ms, 0.01)
          : undefined,
      noErrors: phases.every((p) => p.errors === 0),
      exactlyOnce: phases.every((p) => p.exactlyOnce !== false),
    },
  };
  say(JSON.stringify(summary));
  process.exit(0);
}

const role = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
const entry =
  role === 'sink' ? sinkMode : role === 'peers' ? peersMode : role === 'assistant' ? assistantMode : main;
entry().catch((error) => {
  process.stderr.write(`bench:load failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
