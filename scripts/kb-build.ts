import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildArtifact, readPrompt } from '../functions/features/knowledge/build.js';
import { checkKnowledge } from '../functions/features/knowledge/check.js';
import { loadKnowledge } from '../functions/features/knowledge/loader.js';

/**
 * `npm run kb:build`: checks `knowledge/` and writes the index the function ships with
 * (functions/features/knowledge/index.generated.json), so no cold start and no request reads the files.
 */
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'knowledge' },
    prompts: { type: 'string', default: 'prompts' },
    out: { type: 'string', default: 'functions/features/knowledge/index.generated.json' },
  },
});
const started = performance.now();
const loaded = await loadKnowledge(values.dir);
const report = checkKnowledge(loaded, Date.now());
for (const warning of report.warnings) console.warn(`warning: ${warning}`);
if (report.errors.length > 0) {
  for (const error of report.errors) console.error(`error: ${error}`);
  console.error('kb:build refused: fix the errors above (npm run kb:check)');
  process.exit(1);
}
const artifact = buildArtifact(loaded, await readPrompt(values.prompts));
const json = JSON.stringify(artifact);
await writeFile(values.out, `${json}\n`);
console.error(
  `kb:build: ${artifact.entries.length} entries, ${json.length} bytes, ${Math.round(performance.now() - started)} ms → ${values.out}`,
);
