/**
 * `npx tsx scripts/profile-message.ts [--messages N] [--out FILE] [--worker inline|thread] [--from FILE]`: pushes
 * N messages end to end through the local runtime (signed webhook in, worker, reply in the
 * outbox; DynamoDB Local) after a warm-up, with the V8 CPU profiler on for the measured part
 * only, and prints the CPU time per message of this process and the top of the profile: self
 * time by function and by package. The profile is written as a `.cpuprofile` (open it in Chrome's
 * DevTools or speedscope). Messages: a greeting, a knowledge question and a Telegram `/start`,
 * from distinct people, a few at a time, as the queue runs them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { loadConfig } from '../functions/core/config.js';
import { createLogger } from '../functions/core/logger.js';
import { startLocalAssistant } from '../functions/local/assistant.js';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PUBLIC_URL = 'http://profile.local';
const TOKEN = 'profile-twilio-token';
const SECRET = 'profile-telegram-secret';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

async function main() {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '600' },
      out: { type: 'string', default: 'message.cpuprofile' },
      top: { type: 'string', default: '25' },
      worker: { type: 'string', default: 'inline' },
      /** Only summarize a profile written before. */
      from: { type: 'string' },
    },
  });
  if (values.from) {
    summarize(JSON.parse(readFileSync(values.from, 'utf8')) as Profile, Number(values.top), (line) =>
      process.stdout.write(`${line}\n`),
    );
    return;
  }
  const n = Number(values.messages);
  const dynamo = await startDynamoDbLocal({ lowPriority: true });
  const base = loadConfig({
    APP_ENV: 'local',
    PUBLIC_URL,
    TABLE_NAME: `profile-${Date.now()}`,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    TWILIO_AUTH_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });
  const { config } = await startEmbeddedStore(base, { persist: false });
  const assistant = await startLocalAssistant(config, {
    worker: values.worker === 'thread' ? 'thread' : 'inline',
    logger: createLogger('warn', (line) => process.stderr.write(`${line}\n`)),
  });
  const app = assistant.runtime.app;

  let seq = 0;
  const message = (i: number, round: string) => {
    seq++;
    const user = 1000 * seq + i;
    if (i % 3 === 2) {
      const chatId = 200_000_000 + user;
      return app.request('/webhooks/telegram', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({
          update_id: seq,
          message: {
            message_id: seq,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private' },
            from: { id: chatId, is_bot: false, first_name: 'Ama', language_code: 'fr' },
            text: '/start',
          },
        }),
      });
    }
    const params = {
      From: `whatsapp:+2289${String(user % 10_000_000).padStart(7, '0')}`,
      To: 'whatsapp:+10000000000',
      MessageSid: `SMprofile${round}${seq}`,
      Body: i % 3 === 0 ? 'bonjour' : 'Comment renouveler mon passeport ?',
      NumMedia: '0',
    };
    return app.request('/webhooks/whatsapp', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}/webhooks/whatsapp`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  };
  const push = async (count: number, round: string) => {
    for (let i = 0; i < count; i++) {
      const res = await message(i, round);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      // A few at a time, as webhooks arrive: never more than 20 waiting.
      while (assistant.queue.depth > 20) await new Promise((r) => setTimeout(r, 2));
    }
    await assistant.queue.idle();
  };

  await push(Math.min(300, n), 'warm');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await push(n, 'run');
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  writeFileSync(values.out, JSON.stringify(profile));

  const cpuMs = (cpu.user + cpu.system) / 1000;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `${n} messages in ${Math.round(wall)} ms: ${(cpuMs / n).toFixed(2)} ms of CPU per message in this process (worker ${values.worker}), profile in ${values.out}`,
  );
  summarize(profile, Number(values.top), say);
  await assistant.stop();
  await dynamo.stop();
  process.exit(0);
}

/** Self time by function and by package (node_modules/<pkg>, or the project's folder). */
function summarize(profile: Profile, top: number, say: (line: string) => void) {
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url
      .replace(/^file:\/\//, '')
      .replace(/.*\/(node_modules\/)/, '$1')
      .replace(/.*\/functions\//, 'functions/');
    const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    const pkg = short.startsWith('node_modules/')
      ? short
          .split('/')
          .slice(1, short.split('/')[1]!.startsWith('@') ? 3 : 2)
          .join('/')
      : short.startsWith('functions/')
        ? short.split('/').slice(0, 2).join('/')
        : short.startsWith('node:')
          ? 'node (core)'
          : functionName.startsWith('(')
            ? functionName
            : 'other';
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  say(`\nself time by package (of ${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) say(`${pct(t)}  ${k}`);
  // Inclusive time of the project's own functions: where the time goes, by what the code does.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const nodeById = new Map(profile.nodes.map((x) => [x.id, x]));
  const inclusive = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = nodeById.get(id)!.callFrame;
      if (!f.url.includes('/functions/')) continue;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*\/functions\//, 'functions/')}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  }
  say(`\ninclusive time of the project's functions (top ${top}):`);
  for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) say(`${pct(t)}  ${k}`);
  say(`\nself time by function (top ${top}):`);
  for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) say(`${pct(t)}  ${k}`);
}

main().catch((error) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
