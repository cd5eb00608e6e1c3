import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { postTelegram, telegramText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { freshStore } from '../helpers/store.js';

const USERS = 10;
const BEFORE = 2;
const DURING = 3;
const OUTAGE_MS = 10_000;

/**
 * DynamoDB Local stopped for 10 seconds while many people write: every webhook still acknowledges
 * (the queue holds the messages), people waiting are told "one moment" at most once per message,
 * and when the store is back every message is answered exactly once, with nothing dead-lettered.
 */
describe('a 10-second DynamoDB outage under load', () => {
  let dynamo: DynamoDbLocal;
  let telegram: FakeTelegram;
  const dir = mkdtempSync(join(tmpdir(), 'ddb-load-'));
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ dbPath: dir });
    telegram = await startFakeTelegram();
  });
  afterAll(async () => {
    await dynamo.stop();
    await telegram.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges everything, loses nothing, doubles nothing, recovers by itself', async () => {
    const store = await freshStore(dynamo.endpoint);
    const rt = await testRuntime(
      { TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_API_ROOT: telegram.apiRoot },
      { store, queue: { baseDelayMs: 500, maxDelayMs: 2000, maxReceives: 30 } },
    );
    const send = (round: number) =>
      Promise.all(
        Array.from({ length: USERS }, (_, u) =>
          postTelegram(rt.app, telegramText(52_000 + u, round % 2 ? 'aide' : 'menu')),
        ),
      );
    const statuses: number[] = [];
    for (let r = 0; r < BEFORE; r++) statuses.push(...(await send(r)).map((res) => res.status));
    await dynamo.stop();
    const outageStart = Date.now();
    for (let r = BEFORE; r < BEFORE + DURING; r++) {
      statuses.push(...(await send(r)).map((res) => res.status));
      await new Promise((res) => setTimeout(res, OUTAGE_MS / (DURING + 1)));
    }
    await new Promise((res) => setTimeout(res, Math.max(0, OUTAGE_MS - (Date.now() - outageStart))));
    dynamo = await startDynamoDbLocal({ dbPath: dir, port: dynamo.port });
    await rt.queue.idle();

    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(rt.queue.deadLetters).toHaveLength(0);
    let notices = 0;
    for (let u = 0; u < USERS; u++) {
      const texts = telegram
        .sent()
        .filter((c) => String(c.params.chat_id) === String(52_000 + u))
        .map((c) => String(c.params.text));
      const waits = texts.filter((t) => /Un instant/.test(t));
      notices += waits.length;
      expect(waits.length).toBeLessThanOrEqual(DURING + 1);
      expect(texts.length - waits.length, `user ${u}`).toBe(BEFORE + DURING);
    }
    expect(notices).toBeGreaterThan(0);
  }, 120_000);
});
