import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { buildArtifact } from '../functions/features/knowledge/build.js';
import { type EvalFigures, type EvalQuestion, evaluate } from '../functions/features/knowledge/evaluate.js';
import { loadKnowledge } from '../functions/features/knowledge/loader.js';
import { createRetriever } from '../functions/features/knowledge/retrieval.js';
import { shippedArtifact } from '../functions/features/knowledge/shipped.js';
import { EVAL_RECORD_PATH, type EvalRecord } from '../functions/features/transparency/eval-record.js';

/**
 * `npm run eval [-- --json] [--file questions.jsonl] [--dir knowledge] [--verbose] [--half odd|even]`:
 * the three-way decision (answer, ask back, decline) on an evaluation set, overall and per tag,
 * with decision latency. By default the shipped index (npm run kb:build) and
 * ../shared/eval/questions.jsonl; `--dir` indexes a folder in memory instead; `--half` keeps the
 * odd or even lines (1-based), to tune on one half and check on the other. Last line: JSON.
 * The figures of the shipped index on a whole set are recorded in `--record` (the transparency
 * page `/a-propos` shows them); `--record ''` records nothing.
 */
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    file: { type: 'string', default: '../shared/eval/questions.jsonl' },
    dir: { type: 'string' },
    half: { type: 'string' },
    record: { type: 'string', default: EVAL_RECORD_PATH },
  },
});
const questions: EvalQuestion[] = (await readFile(values.file, 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalQuestion)
  .filter((_, i) => !values.half || (values.half === 'odd' ? i % 2 === 0 : i % 2 === 1));
const artifact = values.dir ? buildArtifact(await loadKnowledge(values.dir), '') : shippedArtifact;
const retriever = createRetriever(artifact);
// Warm up (one pass) so the JIT compiling the search code does not count as query latency: a warm
// Lambda has long done that.
for (const { q } of questions) retriever.search(q, { nowMs: Date.now() });
const { figures, byTag, rows } = evaluate(retriever, questions, Date.now());

if (values.verbose || !values.json) {
  for (const row of rows.filter((r) => values.verbose || !r.ok)) {
    console.log(
      `${row.ok ? 'ok  ' : 'MISS'} ${row.outcome.padEnd(16)} ${JSON.stringify(row.q)} expect=[${row.expect.join(',')}] got=[${row.got.join(',')}]${row.choices.length ? ` choices=[${row.choices.join(',')}]` : ''} (${row.reason})`,
    );
  }
}
const line = (name: string, f: EvalFigures) =>
  `| ${name} | ${f.questions} | ${f.answerable} | ${f.hitAt1} | ${f.hitAt3} | ${f.answeredRight} | ${f.askedBackRight} | ${f.helped} | ${f.askedBack} | ${f.declined} | ${f.answerableDeclined} | ${f.answeredWrong} (${f.answeredWrongCount}) | ${f.p50Ms} | ${f.p95Ms} |`;
if (!values.json) {
  console.log(`\n${values.file}${values.half ? ` (${values.half} lines)` : ''}`);
  console.log(
    '| set | questions | answerable | hit@1 | hit@3 | answered right | asked back right | helped | asked back (all) | declined (to decline) | declined (answerable) | answered wrong (all) | p50 ms | p95 ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(line('all', figures));
  for (const [tag, f] of Object.entries(byTag)) console.log(line(tag, f));
}
console.log(JSON.stringify({ ...figures, byTag }));
if (values.record && !values.dir && !values.half) {
  const record: EvalRecord = {
    evaluatedAt: new Date().toISOString(),
    questionSet: basename(values.file),
    figures,
  };
  await writeFile(values.record, `${JSON.stringify(record, null, 2)}\n`);
  console.error(`eval: figures recorded in ${values.record}`);
}
