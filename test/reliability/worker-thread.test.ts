import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLocalRuntime, type LocalRuntime } from '../../functions/app/local-runtime.js';
import { WorkerThreadQueue } from '../../functions/app/worker-thread-queue.js';
import { loadConfig } from '../../functions/core/config.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { Store } from '../../functions/store/client.js';
import { listOutbox } from '../../functions/store/outbox.js';
import {
  postTelegram,
  postWhatsApp,
  TEST_PUBLIC_URL,
  TEST_TELEGRAM_SECRET,
  TEST_TWILIO_TOKEN,
  telegramText,
  whatsappText,
} from '../helpers/requests.js';
import { freshStore, scanTable } from '../helpers/store.js';

// `npm start` runs the worker in a worker thread beside the webhooks; these are its guarantees
// across that boundary: each message answered exactly once, each person's messages in order.

let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.queue.stop();
  runtime = undefined;
});

async function threadedRuntime(store: Store, thread: { leaseMs?: number } = {}) {
  const config = loadConfig({
    APP_ENV: 'local',
    PUBLIC_URL: TEST_PUBLIC_URL,
    TWILIO_AUTH_TOKEN: TEST_TWILIO_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TEST_TELEGRAM_SECRET,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    LOG_LEVEL: 'silent',
  });
  runtime = createLocalRuntime(config, {
    store,
    logger: silentLogger,
    queue: { baseDelayMs: 50, maxDelayMs: 200, maxReceives: 40 },
    // The thread's priority is not what these tests are about: on a busy machine it would only slow them.
    workerThread: { ...thread, niceness: 0 },
  });
  expect(runtime.queue).toBeInstanceOf(WorkerThreadQueue);
  await (runtime.queue as WorkerThreadQueue).started();
  return runtime;
}

/** The ids of the messages each person's replies answered, in the order the worker wrote them. */
async function answeredOrder(store: Store): Promise<Map<string, string[]>> {
  const items = await scanTable(store);
  const byPerson = new Map<string, { sk: string; id: string }[]>();
  for (const item of items) {
    const sk = String(item.SK);
    // The reply's key holds the time the worker ran the turn, then `<externalId>-out-<i>`.
    const match = /^MSG#(.+)#(.+)-out-0$/.exec(sk);
    if (item.type !== 'message' || !match) continue;
    const list = byPerson.get(String(item.PK)) ?? [];
    list.push({ sk: match[1]!, id: match[2]! });
    byPerson.set(String(item.PK), list);
  }
  return new Map(
    [...byPerson].map(([pk, list]) => [pk, list.sort((a, b) => a.sk.localeCompare(b.sk)).map((x) => x.id)]),
  );
}

// Each case starts a worker thread that loads the whole worker (from TypeScript, in tests): seconds
// on a loaded machine.
describe('the worker in a worker thread (npm start)', { timeout: 120_000 }, () => {
  it('answers every message exactly once, each person in the order they wrote, duplicates ignored', async () => {
    // Prepare
    const store = await freshStore();
    const rt = await threadedRuntime(store);
    const whatsapp = ['+22890000101', '+22890000102', '+22890000103'];
    const telegram = [7_100_001, 7_100_002];
    const sent = new Map<string, string[]>();
    const duplicates: (() => Response | Promise<Response>)[] = [];

    // Act: five rounds, every person writing in each, webhooks acknowledged one after another.
    for (let round = 0; round < 5; round++) {
      for (const phone of whatsapp) {
        const params = whatsappText(`whatsapp:${phone}`, 'bonjour');
        const res = await postWhatsApp(rt.app, params);
        expect(res.status).toBe(200);
        sent.set(phone, [...(sent.get(phone) ?? []), params.MessageSid]);
        if (round === 2) duplicates.push(() => postWhatsApp(rt.app, params));
      }
      for (const chatId of telegram) {
        const update = telegramText(chatId, '/start');
        const res = await postTelegram(rt.app, update);
        expect(res.status).toBe(200);
        sent.set(String(chatId), [...(sent.get(String(chatId)) ?? []), String(update.update_id)]);
        if (round === 3) duplicates.push(() => postTelegram(rt.app, update));
      }
    }
    // The platforms' retries of already-acknowledged webhooks.
    for (const again of duplicates) expect((await again()).status).toBe(200);
    await rt.queue.idle();

    // Assess: one reply per message (25), none for the duplicates, nothing dead-lettered.
    const outbox = await listOutbox(store);
    const perAddress = new Map<string, number>();
    for (const m of outbox) perAddress.set(m.to, (perAddress.get(m.to) ?? 0) + 1);
    for (const phone of whatsapp) expect(perAddress.get(`whatsapp:${phone}`)).toBe(5);
    for (const chatId of telegram) expect(perAddress.get(String(chatId))).toBe(5);
    expect(outbox).toHaveLength(25);
    expect(rt.queue.deadLetters).toEqual([]);
    expect(rt.queue.depth).toBe(0);
    // Each person's messages were answered in the order they were sent.
    const order = await answeredOrder(store);
    const answered = [...order.values()];
    expect(answered).toHaveLength(5);
    for (const ids of sent.values()) expect(answered).toContainEqual(ids);
  });

  it('replaces a worker thread that dies and answers its unfinished messages once', async () => {
    // Prepare: a short claim lease, so a message the dead thread held is taken again soon.
    const store = await freshStore();
    const rt = await threadedRuntime(store, { leaseMs: 500 });
    const queue = rt.queue as WorkerThreadQueue;
    const phones = Array.from({ length: 8 }, (_, i) => `+2289000020${i}`);

    // Act: twenty-four messages acknowledged, then the thread ends as a crash would.
    for (let round = 0; round < 3; round++) {
      for (const phone of phones) {
        const res = await postWhatsApp(rt.app, whatsappText(`whatsapp:${phone}`, 'bonjour'));
        expect(res.status).toBe(200);
      }
    }
    const unfinished = queue.depth;
    await queue.terminateWorker();
    await rt.queue.idle();

    // Assess: every message has exactly one reply, none lost with the thread, none doubled.
    expect(unfinished).toBeGreaterThan(0);
    const outbox = await listOutbox(store);
    for (const phone of phones) expect(outbox.filter((m) => m.to === `whatsapp:${phone}`)).toHaveLength(3);
    expect(outbox).toHaveLength(24);
    expect(rt.queue.deadLetters).toEqual([]);
  });
});
