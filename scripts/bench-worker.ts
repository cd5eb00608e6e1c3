/**
 * `npx tsx scripts/bench-worker.ts [--per-kind N] [--runs R]`: the worker Lambda bundle's time per
 * message, by kind of message, with the bundle tests' harness (the bundle as deployed, in a fresh
 * Node process, on SQS events of one record, against DynamoDB Local and the loopback Telegram Bot
 * API). Each person sends, in order: "bonjour" (a menu), "je veux m'inscrire" (the registration's
 * first question), a tap on a programme (a registration step) and a question for the knowledge
 * base (an extractive answer; no model is configured). The first few messages warm the process
 * up (a cold start is `bench:coldstart`'s); the knowledge question comes from people not in a
 * registration. The figures are the warm ones: median and p90 of the
 * handler's wall time and CPU time per message, over R child processes of N people each. The last
 * line printed is one JSON object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { InboundMessage } from '../functions/core/types.js';
import { PROGRAMMES } from '../functions/features/leads/catalog.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { ensureTable } from '../functions/store/bootstrap.js';
import { createStore } from '../functions/store/client.js';
import { PROJECT_ROOT } from '../infra/bundling.js';
import { startFakeAws } from '../test/bundles/aws-fakes.js';
import { startFakeTelegram } from '../test/fakes/telegram-api.js';
import { bundleFunctions, invokeInChild } from './bundle.js';
import { sqsEvent } from './lambda-events.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: { 'per-kind': { type: 'string', default: '10' }, runs: { type: 'string', default: '3' } },
});
const perKind = Number(values['per-kind']);
const runs = Number(values.runs);

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:bench-worker-AbCdEf';
const SECRETS = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000003',
  TWILIO_AUTH_TOKEN: 'bench-twilio-auth-token',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
  TELEGRAM_BOT_TOKEN: '123456:bench-telegram-token',
  TELEGRAM_WEBHOOK_SECRET: 'bench-telegram-webhook-secret',
  SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
};
const KINDS = ['menu', 'registration start', 'registration step', 'knowledge answer'] as const;
type Kind = (typeof KINDS)[number];
const WARM_UP_PEOPLE = 3;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};
const round = (x: number) => Math.round(x * 10) / 10;

const dynamo = await startDynamoDbLocal({ lowPriority: true });
const aws = await startFakeAws({ [SECRET_ARN]: SECRETS });
const telegram = await startFakeTelegram();
try {
  const store = createStore({ tableName: `bench-worker-${Date.now()}`, endpoint: dynamo.endpoint });
  await ensureTable(store);
  const env = {
    APP_ENV: 'production',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://bench.example.test',
    TABLE_NAME: store.tableName,
    INBOUND_QUEUE_URL: `${aws.url}/000000000000/inbound.fifo`,
    BROADCAST_QUEUE_URL: `${aws.url}/000000000000/broadcasts`,
    SECRETS_ARN: SECRET_ARN,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  };
  const [worker] = await bundleFunctions(join(PROJECT_ROOT, 'dist', 'bench-bundles'), ['worker']);
  const programme = `prog:${Object.keys(PROGRAMMES)[0]}`;
  const message = (run: number, person: number, kind: Kind): InboundMessage => {
    // The knowledge question comes from people of its own: the others are in the middle of a registration.
    const id = String(800_000 + run * 10_000 + (kind === 'knowledge answer' ? 5_000 : 0) + person);
    const base = {
      channel: 'telegram',
      userId: id,
      address: id,
      langHint: 'fr',
      receivedAtMs: Date.now(),
    } as const;
    const externalId = `${run}${person}${KINDS.indexOf(kind)}${Date.now()}`;
    if (kind === 'registration step')
      return { ...base, externalId, kind: 'choice', choice: programme, callbackQueryId: `cq${externalId}` };
    const text = {
      menu: 'bonjour',
      'registration start': "je veux m'inscrire",
      'knowledge answer': 'Comment renouveler mon passeport ?',
    }[kind];
    return { ...base, externalId, kind: 'text', text };
  };

  const samples = new Map<Kind, { ms: number[]; cpuMs: number[] }>(
    KINDS.map((k) => [k, { ms: [], cpuMs: [] }]),
  );
  let replies = 0;
  // What each kind was answered (the first measured person's reply): the step is the one meant.
  const sample = new Map<Kind, string>();
  for (let run = 0; run < runs; run++) {
    // Each person's messages in order, people interleaved: warm-up people first, measured after.
    const plan: { kind: Kind; measured: boolean }[] = [];
    const events: unknown[] = [];
    for (const kind of KINDS) {
      for (let person = 0; person < WARM_UP_PEOPLE + perKind; person++) {
        plan.push({ kind, measured: person >= WARM_UP_PEOPLE });
        events.push(sqsEvent([message(run, person, kind)]));
      }
    }
    const sentBefore = telegram.sent().length;
    const out = await invokeInChild<{ batchItemFailures: unknown[] }>(worker!.file, events, env);
    const failures = out.results.filter((r) => r.batchItemFailures.length > 0).length;
    if (failures) throw new Error(`${failures} events failed`);
    const sentNow = telegram.sent().slice(sentBefore);
    replies += sentNow.length;
    for (const [i, p] of plan.entries()) {
      if (!p.measured) continue;
      if (!sample.has(p.kind)) sample.set(p.kind, String(sentNow[i]?.params.text ?? '').slice(0, 70));
      samples.get(p.kind)!.ms.push(out.eventMs[i]!);
      samples.get(p.kind)!.cpuMs.push(out.eventCpuMs[i]!);
    }
  }
  const kinds = Object.fromEntries(
    [...samples].map(([kind, s]) => [
      kind,
      {
        messages: s.ms.length,
        p50Ms: round(percentile(s.ms, 50)),
        p90Ms: round(percentile(s.ms, 90)),
        cpuP50Ms: round(percentile(s.cpuMs, 50)),
        cpuP90Ms: round(percentile(s.cpuMs, 90)),
        reply: sample.get(kind),
      },
    ]),
  );
  for (const [kind, k] of Object.entries(kinds))
    process.stdout.write(
      `${kind.padEnd(20)} wall p50 ${k.p50Ms} ms, p90 ${k.p90Ms} ms; CPU p50 ${k.cpuP50Ms} ms, p90 ${k.cpuP90Ms} ms (${k.messages} messages; "${k.reply?.replace(/\n/g, ' ')}")\n`,
    );
  process.stdout.write(
    `${JSON.stringify({ bench: 'worker', perKind, runs, uptime: readFileSync('/proc/loadavg', 'utf8').trim(), telegramCalls: replies, kinds })}\n`,
  );
} finally {
  await telegram.close?.();
  await aws.close?.();
  await dynamo.stop();
}
