/**
 * A worker in its own process, for the crash test: handles one inbound message over DynamoDB
 * Local and the fake Telegram API. With CRASH=after-commit it exits right after the commit and
 * before the send, the most dangerous point. Prints the outcome as JSON.
 */

import { buildEngine } from '../../functions/app/engine.js';
import { createSenders } from '../../functions/app/senders.js';
import { loadConfig } from '../../functions/core/config.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { InboundMessage } from '../../functions/core/types.js';
import { createStore } from '../../functions/store/client.js';
import { InboundBusyError, processInbound } from '../../functions/worker/process-inbound.js';

const env = process.env;
const config = loadConfig({
  APP_ENV: 'local',
  TABLE_NAME: env.TABLE_NAME,
  DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT,
  TELEGRAM_BOT_TOKEN: '1:T',
  TELEGRAM_API_ROOT: env.TELEGRAM_API_ROOT,
  LOG_LEVEL: 'silent',
});
const store = createStore({ tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT });
const message = JSON.parse(env.MESSAGE ?? '{}') as InboundMessage;
const deps = {
  store,
  engine: buildEngine({ config, store, logger: silentLogger }),
  senders: createSenders(config, store),
  logger: silentLogger,
  leaseMs: Number(env.LEASE_MS ?? 30_000),
  afterCommit: () => {
    if (env.CRASH === 'after-commit') process.exit(86);
  },
};

// As the queue would: a message whose lease is still held is redelivered a little later.
for (let attempt = 1; ; attempt++) {
  try {
    const outcome = await processInbound(message, deps);
    process.stdout.write(`${JSON.stringify({ outcome, attempt })}\n`);
    break;
  } catch (error) {
    if (!(error instanceof InboundBusyError) || attempt > 50) throw error;
    await new Promise((r) => setTimeout(r, 100));
  }
}
