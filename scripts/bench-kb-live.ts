/**
 * `npm run bench:kb-live`: publish-to-live time with the configured KB_REFRESH_SECONDS (30 by
 * default), in one running local runtime (no restart). A citizen asks the same WhatsApp question
 * every second from the moment of the publish; prints how long until the answer comes from it.
 * Starts its own DynamoDB Local (a throwaway table) unless DYNAMODB_ENDPOINT is set.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { createLocalRuntime } from '../functions/app/local-runtime.js';
import { loadConfig } from '../functions/core/config.js';
import { silentLogger } from '../functions/core/logger.js';
import { importedService, officerWith } from '../functions/features/knowledge-editing/testing.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';
import { listOutbox } from '../functions/store/outbox.js';

const base = loadConfig({
  ...process.env,
  APP_ENV: 'local',
  TABLE_NAME: `bench-kb-${randomUUID().slice(0, 8)}`,
});
const { config, dynamo } = await startEmbeddedStore(base, { persist: false });
const rt = createLocalRuntime(config, { logger: silentLogger });
const { service } = await importedService(rt.store, {
  env: { KB_REFRESH_SECONDS: String(config.KB_REFRESH_SECONDS) },
});
const [ama, kofi] = await Promise.all([
  officerWith(rt.store, 'officer', true, 'togolese-abroad'),
  officerWith(rt.store, 'officer', true, 'togolese-abroad'),
]);
const NEW_TEXT = 'Le tournoi de pétanque de la diaspora se joue chaque été';
for (const lang of ['fr', 'en'] as const) {
  await service.saveDraft(ama, 'petanque-tournament', {
    lang,
    title: lang === 'fr' ? 'Tournoi de pétanque de la diaspora' : 'Diaspora pétanque tournament',
    body: lang === 'fr' ? `${NEW_TEXT}.` : 'The diaspora pétanque tournament is played every summer.',
    questions: [],
    keywords: lang === 'fr' ? ['pétanque', 'tournoi'] : ['petanque', 'tournament'],
    sources: ['Ambassades et consulats du Togo'],
    ownerDesk: 'togolese-abroad',
  });
}
let n = 0;
async function ask(expected: string): Promise<boolean> {
  n++;
  const from = `whatsapp:+3360000${String(n).padStart(4, '0')}`;
  const params = {
    From: from,
    To: 'whatsapp:+10000000000',
    MessageSid: `SMbench${Date.now()}${n}`,
    Body: 'Je voudrais des informations sur le tournoi de pétanque de la diaspora',
    NumMedia: '0',
  };
  const url = `${config.PUBLIC_URL}/webhooks/whatsapp`;
  await rt.app.request('/webhooks/whatsapp', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(config.TWILIO_AUTH_TOKEN, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  await rt.queue.idle();
  return (await listOutbox(rt.store)).some((m) => m.to === from && m.text.includes(expected));
}
// A first question warms the runtime up. Then rounds: each publishes a new wording and asks every
// second until the answer carries it (the publish falls anywhere in the 30 s window: min to max).
await ask(NEW_TEXT);
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const figures: number[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const marker = `${NEW_TEXT} (édition ${round})`;
  await service.saveDraft(ama, 'petanque-tournament', {
    lang: 'fr',
    title: 'Tournoi de pétanque de la diaspora',
    body: `${marker}.`,
    summary: `${marker}.`,
    questions: [],
    keywords: ['pétanque', 'tournoi'],
    sources: ['Ambassades et consulats du Togo'],
    ownerDesk: 'togolese-abroad',
  });
  await service.publish(kofi, 'petanque-tournament');
  const published = Date.now();
  let live = false;
  while (!live && Date.now() - published < 120_000) {
    live = await ask(marker);
    if (!live) await new Promise((r) => setTimeout(r, 1000));
  }
  figures.push(Date.now() - published);
  if (!live) break;
}
console.log(
  `publish-to-live with KB_REFRESH_SECONDS=${config.KB_REFRESH_SECONDS}: ${figures.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')} (${n - 1} questions); load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await rt.queue.idle();
await dynamo?.stop();
process.exit(figures.every((ms) => ms < 120_000) ? 0 : 1);
