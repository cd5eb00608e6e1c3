/**
 * `npm run bench:broadcast [-- --subscribers 10000 --rate 200 --blocked 0.02]`
 *
 * A broadcast to N Telegram subscribers through the real grammY client against the loopback fake
 * Bot API (global rate cap answering 429 with retry_after, a share of chats that blocked the bot),
 * on a fresh table of an embedded DynamoDB Local. Run 1: straight through. Run 2: a crash injected
 * half-way (after a send, before it is recorded: the worst moment for duplicates), then a resume.
 * The sender is configured at the fake's cap, as production is configured at Telegram's.
 * Telegram's real cap is ~30/s (10,000 messages ≈ 5.5 minutes); the default cap here is 200/s, about
 * seven times Telegram's, so the bench takes about two minutes. Above ~300/s the store is the limit
 * on a 2-core machine (every recipient costs a conditional claim in DynamoDB Local before its send):
 * `--rate 1000` then shows the store's throughput, not the sender's. Last line: one JSON object.
 */
import { parseArgs } from 'node:util';
import { createBroadcasting } from '../functions/app/broadcasting.js';
import { loadConfig } from '../functions/core/config.js';
import { silentLogger } from '../functions/core/logger.js';
import { listTopicSubscribers } from '../functions/features/subscriptions/repository.js';
import { seedSubscribers } from '../functions/features/subscriptions/seed.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { ensureTable } from '../functions/store/bootstrap.js';
import { createStore, type Store } from '../functions/store/client.js';
import { startFakeTelegram } from '../test/fakes/telegram-api.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    blocked: { type: 'string', default: '0.02' },
    // The sender's rate as a share of the fake's cap: timer jitter bunches sends, and a fixed
    // one-second window counts them; a little headroom avoids 429 pauses (production: 25 of ~30/s).
    sender: { type: 'string', default: '0.95' },
  },
});
const N = Number(values.subscribers);
const RATE = Number(values.rate);
const BLOCKED_SHARE = Number(values.blocked);
const SENDER_RATE = RATE * Number(values.sender);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const log = (line: string) => process.stdout.write(`${line}\n`);

const blocked = new Set<string>();
const people = Array.from({ length: N }, (_, i) => {
  const userId = String(10_000_000 + i);
  if (BLOCKED_SHARE > 0 && i % Math.round(1 / BLOCKED_SHARE) === 7) blocked.add(userId);
  return {
    channel: 'telegram' as const,
    userId,
    lang: i % 3 === 0 ? ('en' as const) : ('fr' as const),
    topics: ['events'],
  };
});

/** One broadcast to every subscriber; `crashAt` injects a crash after that many accepted sends. */
async function run(store: Store, runName: string, crashAt?: number) {
  const fake = await startFakeTelegram({ ratePerSecond: RATE, retryAfterSeconds: 1, blocked });
  const config = loadConfig({
    APP_ENV: 'local',
    TABLE_NAME: store.tableName,
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: '123456:BENCH',
    TELEGRAM_API_ROOT: fake.apiRoot,
    BROADCAST_TELEGRAM_RATE: String(SENDER_RATE),
  });
  const make = (afterSend?: () => void) =>
    createBroadcasting({
      config,
      store,
      logger: silentLogger,
      queueConcurrency: 4,
      delivery: { concurrency: 24, ...(afterSend ? { afterSend } : {}) },
    });

  const start = Date.now();
  let sends = 0;
  const first = make(
    crashAt === undefined
      ? undefined
      : () => {
          if (++sends === crashAt) first.stop();
          if (sends >= crashAt) throw new Error('injected crash');
        },
  );
  const broadcast = await first.service.create(
    { id: 'bench', role: 'supervisor' },
    {
      topic: 'events',
      texts: { fr: 'Atelier à Kpalimé samedi.', en: 'Workshop in Kpalimé on Saturday.' },
    },
  );
  await first.memoryQueue!.idle();
  let crashed: Record<string, number> | undefined;
  let throttled = first.stats.throttled;
  if (crashAt !== undefined) {
    crashed = { sentBeforeCrash: fake.sent().length, crashedAfterMs: Date.now() - start };
    log(`[${runName}] crashed after ${crashed.sentBeforeCrash} messages; resuming`);
    const second = make();
    await second.service.resumeInterrupted();
    await second.memoryQueue!.idle();
    throttled += second.stats.throttled;
    second.stop();
  }
  const wallMs = Date.now() - start;
  first.stop();

  const perChat = new Map<string, number>();
  for (const call of fake.sent()) {
    const chat = String(call.params.chat_id);
    perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
  }
  const duplicates = [...perChat.values()].reduce((n, c) => n + (c - 1), 0);
  const lost = people.filter((p) => !blocked.has(p.userId) && !perChat.has(p.userId)).length;
  const report = await first.service.report(broadcast.id);
  const stillSubscribed = new Set<string>();
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await listTopicSubscribers(store, 'events', { limit: 1000, cursor });
    for (const s of page.subscribers) stillSubscribed.add(s.userId);
    cursor = page.cursor;
  } while (cursor);
  const blockedHandled = [...blocked].filter((id) => !stillSubscribed.has(id)).length;
  const firstAt = fake.sent()[0]?.at ?? start;
  const lastAt = fake.sent().at(-1)?.at ?? start;
  const sendingSeconds = (lastAt - firstAt) / 1000;
  const achievedRate = (fake.sent().length + fake.blockedCalls) / Math.max(sendingSeconds, 0.001);
  await fake.close();
  const result = {
    run: runName,
    subscribers: N,
    sent: perChat.size,
    duplicates,
    lost,
    blocked: blocked.size,
    blockedHandled,
    blockedRecorded: report.byStatus.blocked,
    unknownAfterCrash: report.byStatus.unknown,
    status: report.broadcast.status,
    throttled429: fake.throttled,
    throttled429SeenBySender: throttled,
    capPerSecond: RATE,
    senderRatePerSecond: SENDER_RATE,
    achievedPerSecond: Math.round(achievedRate),
    achievedShareOfCap: Number((achievedRate / RATE).toFixed(3)),
    wallSeconds: Number((wallMs / 1000).toFixed(2)),
    ...(crashed ? crashed : {}),
  };
  log(`[${runName}] ${JSON.stringify(result)}`);
  return result;
}

async function main() {
  const dynamo = await startDynamoDbLocal();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void dynamo.stop().finally(() => process.exit(130)));
  }
  try {
    const store = createStore({ tableName: `bench-${Date.now()}`, endpoint: dynamo.endpoint });
    await ensureTable(store);
    const seedStart = Date.now();
    await seedSubscribers(store, people);
    log(`seeded ${N} subscribers (${blocked.size} blocked the bot) in ${Date.now() - seedStart} ms`);
    const straight = await run(store, 'straight');
    // The first run unsubscribed those who blocked the bot: they subscribe again for the second.
    await seedSubscribers(
      store,
      people.filter((p) => blocked.has(p.userId)),
    );
    const crashResume = await run(store, 'crash-resume', Math.floor(N / 2));
    clearInterval(sampler);
    const ok = (r: typeof straight) => r.duplicates === 0 && r.lost === 0 && r.blockedHandled === r.blocked;
    const summary = {
      bench: 'broadcast',
      subscribers: N,
      capPerSecond: RATE,
      straight,
      crashResume,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      targets: {
        duplicatesZero: straight.duplicates === 0 && crashResume.duplicates === 0,
        lostZero: straight.lost === 0 && crashResume.lost === 0,
        rateShareAtLeast09: straight.achievedShareOfCap >= 0.9,
        met: ok(straight) && ok(crashResume) && straight.achievedShareOfCap >= 0.9,
      },
    };
    log(JSON.stringify(summary));
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
