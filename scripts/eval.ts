import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { buildArtifact } from '../functions/features/knowledge/build.js';
import { type EvalQuestion, evaluate } from '../functions/features/knowledge/evaluate.js';
import { loadKnowledge } from '../functions/features/knowledge/loader.js';
import { createRetriever } from '../functions/features/knowledge/retrieval.js';
import { shippedArtifact } from '../functions/features/knowledge/shipped.js';
import { EVAL_RECORD_PATH, type EvalRecord } from '../functions/features/transparency/eval-record.js';

/**
 * `npm run eval [-- --json] [--file questions.jsonl] [--dir knowledge] [--verbose]`: retrieval
 * quality and latency on an evaluation set. By default the shipped index (npm run kb:build) and
 * ../shared/eval/questions.jsonl; `--dir` indexes a folder in memory instead. The figures of the
 * shipped index are recorded in `--record` (the transparency page `/a-propos` shows them);
 * `--record ''` records nothing.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    file: { type: 'string', default: '../shared/eval/questions.jsonl' },
    dir: { type: 'string' },
    record: { type: 'string', default: EVAL_RECORD_PATH },
  },
});
const questions: EvalQuestion[] = (await readFile(values.file, 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalQuestion);
const artifact = values.dir ? buildArtifact(await loadKnowledge(values.dir), '') : shippedArtifact;
const retriever = createRetriever(artifact);
// Warm up (one pass) so the JIT compiling the search code does not count as query latency: a warm
// Lambda has long done that.
for (const { q } of questions) retriever.search(q, { nowMs: Date.now() });
const { figures, rows } = evaluate(retriever, questions, Date.now());

if (values.verbose || !values.json) {
  for (const row of rows.filter((r) => values.verbose || !r.ok)) {
    const mark = row.ok ? 'ok  ' : 'MISS';
    console.log(
      `${mark} ${row.confident ? 'conf' : '----'} ${JSON.stringify(row.q)} expect=[${row.expect.join(',')}] got=[${row.got.join(',')}]`,
    );
  }
}
if (!values.json) {
  console.log(
    `\n${values.file}: ${figures.questions} questions (${figures.inScope} in scope, ${figures.outOfScope} out of scope)`,
  );
  console.log('| hit@1 | hit@3 | MRR | answered correctly | out-of-scope refused | p50 ms | p95 ms |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| ${figures.hitAt1} | ${figures.hitAt3} | ${figures.mrr} | ${figures.answeredCorrectly} | ${figures.refused} | ${figures.p50Ms} | ${figures.p95Ms} |`,
  );
}
console.log(JSON.stringify(figures));
if (values.record && !values.dir) {
  const record: EvalRecord = {
    evaluatedAt: new Date().toISOString(),
    questionSet: basename(values.file),
    figures,
  };
  await writeFile(values.record, `${JSON.stringify(record, null, 2)}\n`);
  console.error(`eval: figures recorded in ${values.record}`);
}
