import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvalQuestion } from './evaluate.js';
import { focusOf } from './question.js';
import { STATUS_ID } from './retrieval.js';
import { shippedRetriever } from './shipped.js';
import { isMeaningful } from './text.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const retriever = shippedRetriever();

describe('the decision to answer', () => {
  const questions: string[] = [
    ...readFileSync(new URL('./fixtures/heldout.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as EvalQuestion).q),
    'je cherche des infos sur le village de mes grands parents',
    'what about the project?',
    'quel accompagnement pour une coopérative de femmes',
  ];

  it.each(questions)('answers %j only on two matched words or a clear lead', (question) => {
    const r = retriever.search(question, { nowMs: NOW });

    if (r.decision === 'answer' && r.evidence) {
      expect(r.evidence.runnerUp).toBeLessThan(0.75);
      if (r.evidence.matched < 2) expect(r.evidence.runnerUp).toBeLessThan(0.6);
    }
  });

  it('reports what a ranked decision rested on', () => {
    const r = retriever.search('comment renouveler mon passeport depuis la France', { nowMs: NOW });

    expect(r.evidence).toMatchObject({ strong: true });
    expect(r.evidence!.matched).toBeGreaterThanOrEqual(2);
    expect(r.evidence!.topical).toBeGreaterThanOrEqual(r.evidence!.matched);
  });

  it.each([
    'I signed up to invest in a farm last month and nobody called back, TG-2026-00777',
    "inscrit pour partager mes compétences, toujours rien depuis, ma référence c'est TG-2026-00321",
  ])('treats a message quoting a reference as a status question: %j', (question) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.hits[0]?.id).toBe(STATUS_ID);
    expect(r.decision).toBe('answer');
  });
});

describe('words that carry no topic', () => {
  it.each(['200e', '30k', '10h', '500', '2x'])('%s is a figure, not a topic word', (word) => {
    expect(isMeaningful(word)).toBe(false);
  });

  it('keeps a year', () => {
    expect(isMeaningful('2024')).toBe(true);
  });

  it('drops the "ma question" cue from the question itself', () => {
    const { focus } = focusOf(
      'Bonsoir, je vis à Lyon depuis longtemps, je suis infirmière et mon mari est chauffeur. Ma vraie question : comment créer une entreprise au pays ?',
    );

    expect(focus[0]).toBe('comment');
    expect(focus).not.toContain('vraie');
  });
});
