import { backfillHolds, backfillLeadDesks } from '../functions/features/leads/backfill.js';
import { openKnowledgeStore } from './kb-store.js';

/**
 * `npm run migrate:indexes`: once after deploying a version that adds an index, gives the items
 * written before it their index attributes: the held conversations (the inbox's GSI1 `HOLDS`) and
 * the leads (their desk's queue, GSI3). Safe to run again: a second run finds nothing to do.
 * Picks the table as `kb:import` does: locally DYNAMODB_ENDPOINT or the embedded store, in
 * production the configured table with the AWS credentials.
 */
const { store, close } = await openKnowledgeStore();
try {
  const holds = await backfillHolds(store);
  console.log(
    `migrate:indexes: ${holds.found} held conversations without the inbox index, ${holds.indexed} indexed, ${holds.skipped} skipped (released or rewritten meanwhile)`,
  );
  const leads = await backfillLeadDesks(store);
  console.log(
    `migrate:indexes: ${leads.found} leads without their desk's queue, ${leads.indexed} indexed, ${leads.skipped} skipped (moved or rewritten meanwhile)`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await close();
}
