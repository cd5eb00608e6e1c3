import { parseArgs } from 'node:util';
import { exportKnowledge } from '../functions/features/knowledge-editing/import-export.js';
import { openKnowledgeStore } from './kb-store.js';

/**
 * `npm run kb:export [-- --dir knowledge]`: the published base back to `knowledge/` in the same
 * format (fields unchanged since the import keep their exact text), to review in git.
 */
const { values } = parseArgs({ options: { dir: { type: 'string', default: 'knowledge' } } });
const { store, close } = await openKnowledgeStore();
try {
  const { written } = await exportKnowledge(store, values.dir);
  console.log(`kb:export: ${written.length} files written to ${values.dir}/ (git diff shows what changed)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await close();
}
