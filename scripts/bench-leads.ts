/**
 * `npm run bench:leads [-- --references 500 --registrations 20 --open 1000]`
 *
 * On a fresh table of an embedded DynamoDB Local:
 * 1. `references` leads created 20 at a time (atomic counter + conditional put): all references
 *    distinct? latency per createLead;
 * 2. `registrations` people registering at once on WhatsApp through the signed webhook, queue and
 *    worker (11 turns each, answers typed as people type them): turn latency from post to reply;
 * 3. `runEscalation` over `open` overdue leads spread over the desks (GSI queries, conditional
 *    writes), then a second run that must escalate nothing.
 * Last line: one JSON object.
 */
import { parseArgs } from 'node:util';
import { createLocalRuntime } from '../functions/app/local-runtime.js';
import { loadConfig } from '../functions/core/config.js';
import { silentLogger } from '../functions/core/logger.js';
import type { Senders } from '../functions/core/types.js';
import { createLead, type NewLead } from '../functions/features/leads/repository.js';
import { loadRoutingTable } from '../functions/features/leads/routing/routing.js';
import { runEscalation } from '../functions/features/leads/sla.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { ensureTable } from '../functions/store/bootstrap.js';
import { createStore, type Store } from '../functions/store/client.js';
import { postWhatsApp, TEST_PUBLIC_URL, TEST_TWILIO_TOKEN, whatsappText } from '../test/helpers/requests.js';

const { values } = parseArgs({
  options: {
    references: { type: 'string', default: '500' },
    registrations: { type: 'string', default: '20' },
    open: { type: 'string', default: '1000' },
  },
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function freshTable(endpoint: string, name: string): Promise<Store> {
  const store = createStore({ tableName: `bench-leads-${name}-${Date.now()}`, endpoint });
  await ensureTable(store);
  return store;
}

const base: NewLead = {
  kind: 'registration',
  programme: 'investment',
  sector: 'agriculture',
  country: 'FR',
  city: 'Paris',
  fullName: 'Bench Person',
  contactPreference: 'chat',
  channel: 'telegram',
  userId: '1',
  address: '1',
  lang: 'fr',
  desk: 'investment-promotion',
};

/** Runs `task` for 0..n-1 with at most `limit` in flight, as a busy intake would. */
async function pool(n: number, limit: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

async function benchReferences(endpoint: string, n: number, concurrency: number) {
  const store = await freshTable(endpoint, 'refs');
  const latencies: number[] = [];
  const references: string[] = [];
  const started = performance.now();
  await pool(n, concurrency, async (i) => {
    const t0 = performance.now();
    references.push((await createLead(store, { ...base, userId: `u${i}` })).reference);
    latencies.push(performance.now() - t0);
  });
  const totalMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    created: n,
    concurrency,
    distinct: new Set(references).size,
    totalMs: Math.round(totalMs),
    perSecond: round((n / totalMs) * 1000),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
  };
}

const ANSWERS = [
  'Je veux investir',
  'agriculture',
  'France',
  'Lyon',
  'Ama Kouassi',
  'Agronome',
  '10 000 - 50 000 €',
  'ici',
  'oui',
  'oui',
];

async function benchRegistrations(endpoint: string, people: number) {
  const store = await freshTable(endpoint, 'chat');
  const config = loadConfig({
    APP_ENV: 'local',
    PUBLIC_URL: TEST_PUBLIC_URL,
    TWILIO_AUTH_TOKEN: TEST_TWILIO_TOKEN,
    TABLE_NAME: store.tableName,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    DESK_TELEGRAM_CHAT_IDS: 'investment-promotion=-1001',
  });
  // Replies are caught at the sender (where Twilio would be called): a turn ends when this
  // person's reply is handed to it.
  const waiting = new Map<string, () => void>();
  let deskNotices = 0;
  const last = new Map<string, string>();
  const senders: Senders = {
    whatsapp: {
      send: async (address, reply) => {
        last.set(address, reply.text);
        waiting.get(address)?.();
      },
    },
    telegram: {
      send: async () => {
        deskNotices++;
      },
    },
  };
  const rt = createLocalRuntime(config, { store, logger: silentLogger, senders });
  const turnMs: number[] = [];
  const started = performance.now();
  const references = await Promise.all(
    Array.from({ length: people }, async (_, i) => {
      const from = `whatsapp:+3360000${String(i).padStart(4, '0')}`;
      for (const answer of ANSWERS) {
        const replied = new Promise<void>((resolve) => waiting.set(from, resolve));
        const t0 = performance.now();
        await postWhatsApp(rt.app, whatsappText(from, answer));
        await replied;
        turnMs.push(performance.now() - t0);
      }
      return /TG-\d{4}-\d{5}/.exec(last.get(from) ?? '')?.[0];
    }),
  );
  const totalMs = performance.now() - started;
  await rt.queue.idle();
  turnMs.sort((a, b) => a - b);
  return {
    people,
    turns: turnMs.length,
    registered: new Set(references.filter(Boolean)).size,
    deskNotices,
    totalMs: Math.round(totalMs),
    turnP50Ms: round(percentile(turnMs, 50)),
    turnP95Ms: round(percentile(turnMs, 95)),
  };
}

async function benchEscalation(endpoint: string, open: number) {
  const store = await freshTable(endpoint, 'sla');
  const routing = loadRoutingTable();
  const t0 = Date.now() - 7 * 24 * 3600_000;
  const desks = routing.desks.map((d) => d.id);
  for (let i = 0; i < open; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, open - i) }, (_, j) =>
        createLead(store, { ...base, desk: desks[(i + j) % desks.length]!, userId: `s${i + j}` }, t0 + i + j),
      ),
    );
  }
  const start = performance.now();
  const first = await runEscalation({ store, routing, nowMs: Date.now() });
  const firstMs = performance.now() - start;
  const again = performance.now();
  const second = await runEscalation({ store, routing, nowMs: Date.now() });
  const secondMs = performance.now() - again;
  return {
    openLeads: open,
    // Each overdue `new` lead misses both SLAs: one claim and one contact escalation.
    escalations: first.length,
    firstRunMs: Math.round(firstMs),
    secondRunEscalations: second.length,
    secondRunMs: Math.round(secondMs),
  };
}

async function main() {
  const dynamo = await startDynamoDbLocal();
  try {
    const references = await benchReferences(dynamo.endpoint, Number(values.references), 20);
    log(`references: ${JSON.stringify(references)}`);
    const registrations = await benchRegistrations(dynamo.endpoint, Number(values.registrations));
    log(`registrations: ${JSON.stringify(registrations)}`);
    const escalation = await benchEscalation(dynamo.endpoint, Number(values.open));
    log(`escalation: ${JSON.stringify(escalation)}`);
    const ok =
      references.distinct === references.created &&
      registrations.registered === registrations.people &&
      registrations.deskNotices === registrations.people &&
      escalation.escalations === 2 * escalation.openLeads &&
      escalation.secondRunEscalations === 0;
    log(JSON.stringify({ bench: 'leads', ok, references, registrations, escalation }));
    if (!ok) process.exitCode = 1;
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
