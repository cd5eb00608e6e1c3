import { createKnowledgeEditing } from '../../features/knowledge-editing/service.js';
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
): Promise<() => Promise<{ escalated: number; expiredEntriesFlagged: number }>> {
  const { config, logger, store } = await lambdaBase(env);
  const senders = createSenders(config, store);
  const routing = loadRoutingTable(undefined, config.DESK_TELEGRAM_CHAT_IDS);
  const directory = officerDirectory(store);
  const knowledge = createKnowledgeEditing({ store, config, logger, senders, routing });
  return async () => {
    const escalated = await runEscalation({ store, routing, directory, senders, logger, nowMs: Date.now() });
    if (escalated.length > 0) logger.info('leads escalated', { count: escalated.length });
    // Knowledge entries past their valid-until date: each owner desk told once (one small query).
    const expired = await knowledge.notifyExpired().catch((error) => {
      logger.warn('knowledge expiry check failed', { error });
      return [];
    });
    return { escalated: escalated.length, expiredEntriesFlagged: expired.length };
  };
}
