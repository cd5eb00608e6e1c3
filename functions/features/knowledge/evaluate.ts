import type { Retriever } from './retrieval.js';

export interface EvalQuestion {
  q: string;
  expect: string[];
}

export interface EvalFigures {
  questions: number;
  inScope: number;
  outOfScope: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Share of in-scope questions answered (confident) with an expected entry first. */
  answeredCorrectly: number;
  /** Share of out-of-scope questions answered "not confident". */
  refused: number;
  p50Ms: number;
  p95Ms: number;
}

export interface EvalRow {
  q: string;
  expect: string[];
  got: string[];
  confident: boolean;
  ok: boolean;
  ms: number;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs the retrieval over an evaluation set and computes the figures `npm run eval` reports. */
export function evaluate(retriever: Retriever, questions: EvalQuestion[], nowMs: number) {
  const rows: EvalRow[] = [];
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let answered = 0;
  let refused = 0;
  for (const { q, expect } of questions) {
    // Each question is timed 5 times and its median kept: on a shared 2-core machine, a single
    // timing mostly measures the scheduler, not the search.
    const timings: number[] = [];
    let r = retriever.search(q, { nowMs, limit: 10 });
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      r = retriever.search(q, { nowMs, limit: 10 });
      timings.push(performance.now() - started);
    }
    const ms = timings.sort((a, b) => a - b)[2]!;
    const got = r.hits.map((h) => h.id);
    let ok: boolean;
    if (expect.length === 0) {
      ok = !r.confident;
      if (ok) refused++;
    } else {
      const rank = got.findIndex((id) => expect.includes(id));
      if (rank === 0) hit1++;
      if (rank >= 0 && rank < 3) hit3++;
      if (rank >= 0) rr += 1 / (rank + 1);
      if (rank === 0 && r.confident) answered++;
      ok = rank === 0 && r.confident;
    }
    rows.push({ q, expect, got: got.slice(0, 3), confident: r.confident, ok, ms });
  }
  const inScope = questions.filter((q) => q.expect.length > 0).length;
  const outOfScope = questions.length - inScope;
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  const figures: EvalFigures = {
    questions: questions.length,
    inScope,
    outOfScope,
    hitAt1: round(hit1 / Math.max(1, inScope)),
    hitAt3: round(hit3 / Math.max(1, inScope)),
    mrr: round(rr / Math.max(1, inScope)),
    answeredCorrectly: round(answered / Math.max(1, inScope)),
    refused: round(refused / Math.max(1, outOfScope)),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
  };
  return { figures, rows };
}
