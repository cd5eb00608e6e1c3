import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../functions/core/config.js';
import { answerText, createAnswerer } from '../functions/features/knowledge/answer.js';
import { createLlmAnswerer } from '../functions/features/knowledge/llm.js';
import { shippedArtifact, shippedRetriever } from '../functions/features/knowledge/shipped.js';

/**
 * `npm run --silent ask -- --json "question"` prints one JSON object;
 * `npm run --silent ask -- --jsonl < questions.txt` prints one per line, in order.
 * Each answer carries the decision (answer, clarify, refuse) and, for clarify, the topics offered.
 * Offline by default; with OPENAI_API_KEY set the model writes the answer (extractive fallback).
 * Nothing but the JSON goes to stdout: this path imports no AWS SDK and logs nothing.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, jsonl: { type: 'boolean', default: false } },
});
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const answer = createAnswerer({
  retriever: shippedRetriever(),
  sourceTitles: shippedArtifact.sourceTitles,
  llm: config.OPENAI_API_KEY
    ? createLlmAnswerer({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        model: config.OPENAI_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        prompt: shippedArtifact.prompt.text,
      })
    : undefined,
});

async function ask(question: string) {
  const started = performance.now();
  const result = await answer(question, { nowMs: Date.now() });
  const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
  return {
    question,
    lang: result.lang,
    // "answer", "clarify" (asked back: which of `choices`?) or "refuse".
    decision: result.decision,
    confident: result.confident,
    // Best first. Unless answering, these are the closest candidates, not what was answered.
    sources: result.retrieval.hits.map(({ id, lang, title, score }) => ({ id, lang, title, score })),
    choices: result.retrieval.choices.map((h) => h.id),
    answer: answerText(result),
    latencyMs,
  };
}

if (values.jsonl) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(await ask(line.trim()))}\n`);
  }
} else {
  const question = positionals.join(' ').trim();
  if (!question) {
    process.stderr.write(
      'usage: npm run --silent ask -- --json "your question"  |  --jsonl < questions.txt\n',
    );
    process.exit(2);
  }
  const out = await ask(question);
  process.stdout.write(values.json ? `${JSON.stringify(out)}\n` : `${out.answer}\n`);
}
