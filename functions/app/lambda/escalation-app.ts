import { loadRoutingTable } from '../../features/leads/routing/routing.js';
import { runEscalation } from '../../features/leads/sla.js';
import { officerDirectory } from '../officer-directory.js';
import { createSenders } from '../senders.js';
import { lambdaBase } from './base.js';

/**
 * The lead SLA escalation as its scheduled function runs it: the same `runEscalation` local mode
 * runs on a timer. Safe to run again or concurrently: each escalation is a conditional write.
 */
export async function createEscalationJob(
  env: Record<string, string | undefined>,
): Promise<() => Promise<{ escalated: number }>> {
  const { config, logger, store } = await lambdaBase(env);
  const senders = createSenders(config, store);
  const routing = loadRoutingTable(undefined, config.DESK_TELEGRAM_CHAT_IDS);
  const directory = officerDirectory(store);
  return async () => {
    const escalated = await runEscalation({ store, routing, directory, senders, logger, nowMs: Date.now() });
    if (escalated.length > 0) logger.info('leads escalated', { count: escalated.length });
    return { escalated: escalated.length };
  };
}
