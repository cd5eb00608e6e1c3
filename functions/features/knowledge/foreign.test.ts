import { describe, expect, it } from 'vitest';
import { fromOtherLanguages } from './foreign.js';
import { shippedRetriever } from './shipped.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const retriever = shippedRetriever();

describe('the desk’s words in the other languages people mix in', () => {
  it('reads them in French and drops "I want"', () => {
    expect(fromOtherLanguages(['quiero', 'enviar', 'dinero', 'lome'])).toEqual(['envoyer', 'argent', 'lome']);
    expect(fromOtherLanguages(['constructor', 'toString'])).toEqual(['constructor', 'toString']);
  });

  it.each([
    ['quiero enviar dinero a mi madre en Lomé, comment faire', 'money-transfers'],
    ['ich möchte in Togo investieren, wie geht das', 'invest-in-togo'],
  ])('answers %j on its subject', (question, id) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.decision).toBe('answer');
    expect(r.best?.id).toBe(id);
  });

  it('finds the topic of a return asked half in Italian', () => {
    const r = retriever.search('vorrei tornare in Togo definitivamente, quelles démarches', { nowMs: NOW });

    expect(r.hits[0]?.id).toBe('return-and-resettlement');
    expect(r.decision).not.toBe('refuse');
  });
});
