import { serve } from '@hono/node-server';
import { createLocalRuntime } from '../app/local-runtime.js';
import { officerDirectory } from '../app/officer-directory.js';
import { seedDemoOfficers } from '../console/officers/demo.js';
import { describeDevDefaults, loadConfig } from '../core/config.js';
import { ensureKnowledgeImported } from '../features/knowledge-editing/import-export.js';
import { createKnowledgeEditing } from '../features/knowledge-editing/service.js';
import { backfillHolds, backfillLeadDesks } from '../features/leads/backfill.js';
import { loadRoutingTable } from '../features/leads/routing/routing.js';
import { startEscalationTimer } from '../features/leads/sla.js';
import { startEmbeddedStore } from './embedded-store.js';
import { displayHost, listenAddress } from './listen.js';

/** `npm start`: the whole assistant in one process (the worker in a thread of its own), with an embedded DynamoDB. */
async function main() {
  const base = loadConfig();
  if (base.APP_ENV !== 'local')
    throw new Error('npm start runs local mode; production runs on AWS (see README).');
  const { config, dynamo } = await startEmbeddedStore(base, { persist: true });
  // The worker runs in a worker thread beside the webhooks: a busy worker never delays an acknowledgement.
  const runtime = createLocalRuntime(config, { workerThread: {} });
  const demoOfficers = await seedDemoOfficers(config, runtime.store);
  // Data kept in `.data/` by an earlier version: items written before an index get their place in it
  // (in AWS, `npm run migrate:indexes` once after deploying). A fresh table has nothing to do.
  for (const backfill of [backfillHolds, backfillLeadDesks]) {
    const report = await backfill(runtime.store);
    if (report.indexed > 0) runtime.logger.info('index backfilled', { ...report });
  }
  // The knowledge base edited in the console: on the first start, knowledge/ is imported and published.
  const knowledge = createKnowledgeEditing({
    store: runtime.store,
    config,
    logger: runtime.logger,
    senders: runtime.senders,
  });
  const imported = await ensureKnowledgeImported(knowledge, runtime.store, {
    dir: 'knowledge',
    promptsDir: 'prompts',
    nowMs: Date.now(),
  });
  if (imported) {
    runtime.logger.info('knowledge base imported', {
      entries: imported.created.length,
      baseVersion: imported.baseVersion,
    });
  }
  // Entries past their valid-until date: each owner desk told once (in AWS the escalation schedule does it).
  const expiryTimer = setInterval(() => {
    knowledge.notifyExpired().catch((error) => runtime.logger.warn('expiry check failed', { error }));
  }, config.SLA_CHECK_INTERVAL_MS);
  expiryTimer.unref();
  // Broadcasts: scheduled ones start on time; one cut short by a previous stop continues.
  runtime.broadcasting.startScheduler();
  await runtime.broadcasting.service.resumeInterrupted();
  // Lead SLAs: in AWS a schedule runs the escalation; locally this in-process timer does.
  const stopEscalation = startEscalationTimer({
    store: runtime.store,
    routing: loadRoutingTable(undefined, config.DESK_TELEGRAM_CHAT_IDS),
    directory: officerDirectory(runtime.store),
    senders: runtime.senders,
    logger: runtime.logger,
    intervalMs: config.SLA_CHECK_INTERVAL_MS,
  });
  const server = serve({ fetch: runtime.app.fetch, ...listenAddress(config) });

  const url = `http://${displayHost(config.HOST)}:${config.PORT}`;
  const lines = [
    '',
    `Togo diaspora assistant (local mode, v${config.VERSION}) on ${url}`,
    `  store:      DynamoDB Local at ${config.DYNAMODB_ENDPOINT}, table ${config.TABLE_NAME}`,
    `  health:     ${url}/health`,
    `  outbox:     ${url}/dev/outbox   (replies that would go to WhatsApp/Telegram)`,
    `  WhatsApp:   POST ${url}/webhooks/whatsapp   ${config.TWILIO_ACCOUNT_SID ? '(sending through Twilio)' : '(replies to the outbox)'}`,
    `  Telegram:   POST ${url}/webhooks/telegram   ${config.TELEGRAM_BOT_TOKEN ? '(long polling with your bot token)' : '(replies to the outbox)'}`,
    `  LLM:        ${config.OPENAI_API_KEY ? `${config.OPENAI_MODEL} at ${config.OPENAI_BASE_URL ?? 'OpenAI'}` : 'none (extractive answers)'}`,
    `  dev defaults in force: ${describeDevDefaults(base).join(', ') || 'none'}`,
    `  console:    ${url}/console   demo accounts (local only):`,
    ...demoOfficers.map(
      (o) => `              ${o.role.padEnd(10)} ${o.email} / ${o.password}  (desk ${o.desk})`,
    ),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // Long polling lets a real bot work from a laptop with no public URL (channels that have it).
  const pollers = runtime.startPolling((line) => runtime.logger.info(line));
  for (const p of pollers) {
    p.running.catch((error) => runtime.logger.error('polling stopped', { error }));
  }

  const stop = async () => {
    process.stdout.write('\nStopping...\n');
    await Promise.all(pollers.map((p) => p.stop().catch(() => undefined)));
    stopEscalation();
    clearInterval(expiryTimer);
    server.close();
    await runtime.queue.idle();
    await runtime.queue.stop();
    await dynamo?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
