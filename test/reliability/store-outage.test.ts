import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { postTelegram, telegramText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { freshStore } from '../helpers/store.js';

/**
 * DynamoDB goes down mid-conversation: the webhook still acknowledges (the message is on the
 * queue), the person is told once to wait, and the message is answered when the store is back.
 */
describe('a DynamoDB outage mid-conversation', () => {
  let dynamo: DynamoDbLocal;
  let telegram: FakeTelegram;
  const dir = mkdtempSync(join(tmpdir(), 'ddb-'));
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ dbPath: dir });
    telegram = await startFakeTelegram();
  });
  afterAll(async () => {
    await dynamo.stop();
    await telegram.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no message and says "one moment" once', async () => {
    const store = await freshStore(dynamo.endpoint);
    const rt = await testRuntime(
      { TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_API_ROOT: telegram.apiRoot },
      // Enough retries (about a minute) to outlast a restart of DynamoDB Local on a busy machine.
      { store, queue: { baseDelayMs: 300, maxDelayMs: 1000, maxReceives: 60 } },
    );
    await postTelegram(rt.app, telegramText(7001, 'bonjour'));
    await rt.queue.idle();
    expect(telegram.sent()).toHaveLength(1);

    await dynamo.stop();
    const res = await postTelegram(rt.app, telegramText(7001, 'aide'));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const during = telegram.sent().map((c) => String(c.params.text));
    expect(during).toHaveLength(2);
    expect(during[1]).toMatch(/Un instant/);

    dynamo = await startDynamoDbLocal({ dbPath: dir, port: dynamo.port });
    await rt.queue.idle();
    const texts = telegram.sent().map((c) => String(c.params.text));
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/Écrivez votre question/);
    expect(rt.queue.deadLetters).toHaveLength(0);
    const health = await (await rt.app.request('/health')).json();
    expect(health.store).toBe('up');
  }, 180_000);
});
