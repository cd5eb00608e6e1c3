/**
 * `npm run bench:coldstart`: for each Lambda function, the minified bundle's size and its cold
 * start: a fresh Node process (as a new container) importing the bundle, running its init (secret
 * read, config, clients) and answering its first real event, median of several runs. The API
 * answers a signed Twilio webhook (verify, queue to SQS), the worker a queued Telegram message
 * (DynamoDB Local, engine, Telegram Bot API), the escalation a scheduled event (a pass over the
 * desks' leads), against loopback fakes of SQS, Secrets Manager and
 * Telegram. Flags: --runs N (7). The last line printed is one JSON object.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import type { InboundMessage } from '../functions/core/types.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { ensureTable } from '../functions/store/bootstrap.js';
import { createStore } from '../functions/store/client.js';
import { PROJECT_ROOT } from '../infra/bundling.js';
import { startFakeAws } from '../test/bundles/aws-fakes.js';
import { startFakeTelegram } from '../test/fakes/telegram-api.js';
import { bundleFunctions, invokeInChild } from './bundle.js';
import { apiGatewayEvent, sqsEvent } from './lambda-events.js';

// Locally Node 20 is fine (the functions run on Node 22 in AWS); keep the SDK's notice out of the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The functions measured: the broadcast ones need a broadcast in the table to do anything. */
const BENCHED = ['api', 'console', 'worker', 'escalation'] as const;
type Benched = (typeof BENCHED)[number];

const TARGETS = {
  api: { bundleBytes: 1_000_000, coldStartMs: 250 },
  console: { bundleBytes: undefined, coldStartMs: undefined },
  worker: { bundleBytes: 1_500_000, coldStartMs: undefined },
  escalation: { bundleBytes: undefined, coldStartMs: undefined },
} as const;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs));

const PUBLIC_URL = 'https://bench.example.test';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:bench-AbCdEf';
const SECRETS = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000002',
  TWILIO_AUTH_TOKEN: 'bench-twilio-auth-token',
  TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
  TELEGRAM_BOT_TOKEN: '123456:bench-telegram-token',
  TELEGRAM_WEBHOOK_SECRET: 'bench-telegram-webhook-secret',
  SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const dynamo = await startDynamoDbLocal();
const aws = await startFakeAws({ [SECRET_ARN]: SECRETS });
const telegram = await startFakeTelegram();
try {
  const store = createStore({ tableName: `bench-coldstart-${Date.now()}`, endpoint: dynamo.endpoint });
  await ensureTable(store);
  const env = {
    APP_ENV: 'production',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PUBLIC_URL,
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
  const bundles = await bundleFunctions(join(PROJECT_ROOT, 'dist', 'bench-bundles'), [...BENCHED]);

  const firstEvent = {
    api(i: number) {
      const params = {
        From: `whatsapp:+3360000${String(i).padStart(4, '0')}`,
        To: SECRETS.TWILIO_WHATSAPP_FROM,
        MessageSid: `SMbench${Date.now()}${i}`,
        Body: 'Bonjour',
        NumMedia: '0',
      };
      const signature = getExpectedTwilioSignature(
        SECRETS.TWILIO_AUTH_TOKEN,
        `${PUBLIC_URL}/webhooks/whatsapp`,
        params,
      );
      return apiGatewayEvent({
        method: 'POST',
        path: '/webhooks/whatsapp',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
        base64: true,
      });
    },
    console(_i: number) {
      return apiGatewayEvent({ method: 'GET', path: '/console/login' });
    },
    worker(i: number) {
      const message: InboundMessage = {
        channel: 'telegram',
        userId: String(700_000 + i),
        address: String(700_000 + i),
        externalId: `${Date.now()}${i}`,
        kind: 'text',
        text: 'Bonjour',
        langHint: 'fr',
        receivedAtMs: Date.now(),
      };
      return sqsEvent([message]);
    },
    escalation(_i: number) {
      return {
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        time: new Date().toISOString(),
        detail: {},
      };
    },
  };
  const answered = {
    api: (r: unknown) => (r as { statusCode?: number }).statusCode === 200,
    console: (r: unknown) => (r as { statusCode?: number }).statusCode === 200,
    worker: (r: unknown) => (r as { batchItemFailures?: unknown[] }).batchItemFailures?.length === 0,
    escalation: (r: unknown) => typeof (r as { escalated?: unknown }).escalated === 'number',
  };

  const rows: { name: string; bytes: number; cold: number; cpu: number; init: number; first: number }[] = [];
  for (const bundle of bundles) {
    const samples: { cold: number; cpu: number; init: number; first: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await invokeInChild(bundle.file, [firstEvent[bundle.name as Benched](i)], env);
      if (!answered[bundle.name as Benched](run.results[0])) {
        throw new Error(`${bundle.name} did not answer its first event: ${JSON.stringify(run.results[0])}`);
      }
      samples.push({
        cold: run.coldStartMs,
        cpu: run.coldStartCpuMs,
        init: run.initMs,
        first: run.firstEventMs,
      });
    }
    rows.push({
      name: bundle.name,
      bytes: bundle.bytes,
      cold: median(samples.map((s) => s.cold)),
      cpu: median(samples.map((s) => s.cpu)),
      init: median(samples.map((s) => s.init)),
      first: median(samples.map((s) => s.first)),
    });
  }

  const verdict = (value: number, target: number | undefined, unit: (n: number) => string) =>
    target === undefined ? '' : value <= target ? ' ✓' : ` ✗ (target ${unit(target)})`;
  const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  // The machine is shared: the load average says how much to trust the times.
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\nCold start, median of ${runs} fresh Node ${process.version} processes per function (load average ${load}, ${cpus().length} CPUs)\n`,
  );
  console.log(
    '| function | bundle (minified) | init (import + setup) | first event | cold start (wall) | cold start (CPU) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const target = TARGETS[r.name as keyof typeof TARGETS];
    console.log(
      `| ${r.name} | ${kb(r.bytes)}${verdict(r.bytes, target.bundleBytes, kb)} | ${ms(r.init)} | ${ms(r.first)} | ${ms(r.cold)}${verdict(r.cold, target.coldStartMs, ms)} | ${ms(r.cpu)} |`,
    );
  }
  console.log(
    JSON.stringify(
      Object.fromEntries(
        rows.map((r) => [
          r.name,
          {
            bundleBytes: r.bytes,
            coldStartMs: Math.round(r.cold * 10) / 10,
            coldStartCpuMs: Math.round(r.cpu * 10) / 10,
          },
        ]),
      ),
    ),
  );
} finally {
  await Promise.all([telegram.close(), aws.close(), dynamo.stop()]);
}
