import { parseArgs } from 'node:util';
import { importKnowledge } from '../functions/features/knowledge-editing/import-export.js';
import { createKnowledgeEditing } from '../functions/features/knowledge-editing/service.js';
import { openKnowledgeStore } from './kb-store.js';

/**
 * `npm run kb:import [-- --dir knowledge]`: `knowledge/*.md` into the store. Entries that differ
 * from their published version become new versions, published at once (git was their review), in
 * one new base that every running function picks up within KB_REFRESH_SECONDS.
 */
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'knowledge' },
    prompts: { type: 'string', default: 'prompts' },
  },
});
const { store, config, close } = await openKnowledgeStore();
try {
  const service = createKnowledgeEditing({ store, config });
  const report = await importKnowledge(service, store, {
    dir: values.dir,
    promptsDir: values.prompts,
    nowMs: Date.now(),
  });
  console.log(
    `kb:import: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged} unchanged; published base ${report.baseVersion ?? '-'}`,
  );
  for (const id of [...report.created, ...report.updated]) console.log(`  ${id}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await close();
}
