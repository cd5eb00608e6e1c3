import { createLocalRuntime, type RuntimeOverrides } from '../../functions/app/local-runtime.js';
import { loadConfig } from '../../functions/core/config.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { Store } from '../../functions/store/client.js';
import { listOutbox } from '../../functions/store/outbox.js';
import { TEST_PUBLIC_URL, TEST_TELEGRAM_SECRET, TEST_TWILIO_TOKEN } from './requests.js';
import { freshStore } from './store.js';

/**
 * The local runtime on a fresh table with test secrets: webhooks in through `app.request`,
 * replies out to the outbox (or to fakes, when `env` names their credentials).
 */
export async function testRuntime(env: Record<string, string> = {}, overrides: RuntimeOverrides = {}) {
  const store: Store = overrides.store ?? (await freshStore());
  const config = loadConfig({
    APP_ENV: 'local',
    PUBLIC_URL: TEST_PUBLIC_URL,
    TWILIO_AUTH_TOKEN: TEST_TWILIO_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TEST_TELEGRAM_SECRET,
    TABLE_NAME: store.tableName,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const runtime = createLocalRuntime(config, {
    store,
    logger: silentLogger,
    queue: { baseDelayMs: 50, maxDelayMs: 200 },
    ...overrides,
  });
  return {
    ...runtime,
    /** Waits for the queue to drain, then returns everything in the outbox. */
    async outbox() {
      await runtime.queue.idle();
      return listOutbox(store);
    },
  };
}
