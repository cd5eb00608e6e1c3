import { backfillHolds } from '../functions/features/leads/backfill-holds.js';
import { openKnowledgeStore } from './kb-store.js';

/**
 * `npm run migrate:holds`: once after deploying the version whose inbox lists held conversations
 * from an index, gives the holds written before it their index attributes. Safe to run again.
 * Picks the table as `kb:import` does: locally DYNAMODB_ENDPOINT or the embedded store, in
 * production the configured table with the AWS credentials.
 */
const { store, close } = await openKnowledgeStore();
try {
  const report = await backfillHolds(store);
  console.log(
    `migrate:holds: ${report.found} held conversations without the index, ${report.indexed} indexed, ${report.skipped} skipped (released or rewritten meanwhile)`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await close();
}
