import type { Decision, Retriever } from './retrieval.js';

export interface EvalQuestion {
  q: string;
  /** Topic ids that answer it; empty when the assistant must decline. */
  expect: string[];
  tags?: string[];
}

/** The figures of one group of questions (all of them, or one tag). */
export interface EvalFigures {
  questions: number;
  /** Questions with an expected topic, and those to decline. */
  answerable: number;
  toDecline: number;
  /** Answerable questions whose expected topic is ranked first / in the top three. */
  hitAt1: number;
  hitAt3: number;
  /** Answerable questions answered with an expected topic. */
  answeredRight: number;
  /** Answerable questions asked back with an expected topic among the first three choices. */
  askedBackRight: number;
  /** Answered right or asked back right: the share of answerable questions the person is helped on. */
  helped: number;
  /** All questions asked back (a help, not a habit). */
  askedBack: number;
  /** Questions to decline that were declined. */
  declined: number;
  /** Answerable questions declined. */
  answerableDeclined: number;
  /** Questions answered with a topic not expected (any, including those to decline), share of all. */
  answeredWrong: number;
  answeredWrongCount: number;
  p50Ms: number;
  p95Ms: number;
}

export interface EvalRow {
  q: string;
  expect: string[];
  tags: string[];
  decision: Decision;
  got: string[];
  choices: string[];
  reason: string;
  outcome: 'answered-right' | 'asked-back-right' | 'declined' | 'asked-back-wrong' | 'answered-wrong';
  ok: boolean;
  ms: number;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const share = (n: number, of: number) => round(n / Math.max(1, of));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times one decision: the median of five runs (on a shared 2-core machine one timing mostly measures the scheduler). */
function timed(retriever: Retriever, q: string, nowMs: number) {
  const timings: number[] = [];
  let r = retriever.search(q, { nowMs, limit: 10 });
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    r = retriever.search(q, { nowMs, limit: 10 });
    timings.push(performance.now() - started);
  }
  return { r, ms: timings.sort((a, b) => a - b)[2]! };
}

export function figuresOf(rows: EvalRow[]): EvalFigures {
  const answerable = rows.filter((r) => r.expect.length > 0);
  const toDecline = rows.filter((r) => r.expect.length === 0);
  const count = (list: EvalRow[], test: (r: EvalRow) => boolean) => list.filter(test).length;
  const rankOf = (r: EvalRow) => r.got.findIndex((id) => r.expect.includes(id));
  const answeredRight = count(answerable, (r) => r.outcome === 'answered-right');
  const askedBackRight = count(answerable, (r) => r.outcome === 'asked-back-right');
  const wrong = count(rows, (r) => r.outcome === 'answered-wrong');
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    questions: rows.length,
    answerable: answerable.length,
    toDecline: toDecline.length,
    hitAt1: share(
      count(answerable, (r) => rankOf(r) === 0),
      answerable.length,
    ),
    hitAt3: share(
      count(answerable, (r) => rankOf(r) >= 0 && rankOf(r) < 3),
      answerable.length,
    ),
    answeredRight: share(answeredRight, answerable.length),
    askedBackRight: share(askedBackRight, answerable.length),
    helped: share(answeredRight + askedBackRight, answerable.length),
    askedBack: share(
      count(rows, (r) => r.decision === 'clarify'),
      rows.length,
    ),
    declined: share(
      count(toDecline, (r) => r.decision === 'refuse'),
      toDecline.length,
    ),
    answerableDeclined: share(
      count(answerable, (r) => r.decision === 'refuse'),
      answerable.length,
    ),
    answeredWrong: share(wrong, rows.length),
    answeredWrongCount: wrong,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
  };
}

/** Runs the decision over an evaluation set: the figures overall and per tag, and one row per question. */
export function evaluate(retriever: Retriever, questions: EvalQuestion[], nowMs: number) {
  const rows: EvalRow[] = questions.map(({ q, expect, tags = [] }) => {
    const { r, ms } = timed(retriever, q, nowMs);
    const got = r.hits.map((h) => h.id);
    const choices = r.choices.map((h) => h.id);
    let outcome: EvalRow['outcome'];
    if (r.decision === 'refuse') outcome = 'declined';
    else if (r.decision === 'clarify')
      outcome = choices.slice(0, 3).some((id) => expect.includes(id))
        ? 'asked-back-right'
        : 'asked-back-wrong';
    else outcome = expect.includes(got[0] ?? '') ? 'answered-right' : 'answered-wrong';
    const ok =
      expect.length === 0
        ? outcome === 'declined'
        : outcome === 'answered-right' || outcome === 'asked-back-right';
    return {
      q,
      expect,
      tags,
      decision: r.decision,
      got: got.slice(0, 3),
      choices,
      reason: r.reason,
      outcome,
      ok,
      ms,
    };
  });
  const tags = [...new Set(rows.flatMap((r) => r.tags))].sort();
  const byTag = Object.fromEntries(tags.map((t) => [t, figuresOf(rows.filter((r) => r.tags.includes(t)))]));
  return { figures: figuresOf(rows), byTag, rows };
}
