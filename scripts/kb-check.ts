import { parseArgs } from 'node:util';
import { checkKnowledge } from '../functions/features/knowledge/check.js';
import { loadKnowledge } from '../functions/features/knowledge/loader.js';

/**
 * `npm run kb:check [-- --dir knowledge]`: validates the knowledge base. Exit code 1 on any error;
 * warnings (stale reviews, expired entries) are printed but don't fail.
 */
const { values } = parseArgs({ options: { dir: { type: 'string', default: 'knowledge' } } });
const report = checkKnowledge(await loadKnowledge(values.dir), Date.now());
for (const warning of report.warnings) console.warn(`warning: ${warning}`);
for (const error of report.errors) console.error(`error: ${error}`);
console.log(
  `${report.entries} entries checked: ${report.errors.length} error(s), ${report.warnings.length} warning(s)`,
);
process.exitCode = report.errors.length > 0 ? 1 : 0;
