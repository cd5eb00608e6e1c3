import { describe, expect, it } from 'vitest';
import { requestClause, subjectsBeyond } from './beyond.js';
import { shippedRetriever } from './shipped.js';
import { asksVisaElsewhere } from './signals.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const retriever = shippedRetriever();

describe('a neighbouring subject the base does not answer', () => {
  it('is a word of the lexicon the best entry does not contain', () => {
    const inEntry = (w: string) => ['argent', 'compte'].includes(w);

    expect(subjectsBeyond(['pension', 'compte', 'argent'], inEntry)).toEqual(['pension']);
    expect(subjectsBeyond(['compte', 'argent'], inEntry)).toEqual([]);
    expect(subjectsBeyond(['pension'], (w) => w === 'pension')).toEqual([]);
  });

  it('is looked for in the request, not in the story before it', () => {
    expect(requestClause('my daughter is at university in ghent, how can she help startups back home')).toBe(
      ' how can she help startups back home',
    );
    expect(requestClause('je veux divorcer, quelle procedure')).toBe('je veux divorcer  quelle procedure');
    expect(requestClause('pension transfer to togo')).toBe('pension transfer to togo');

    const r = retriever.search(
      'my daughter is at university in Ghent, how can she share her skills with young Togolese',
      { nowMs: NOW },
    );
    expect(r.evidence?.beyond).toEqual([]);
  });

  it.each([
    'can I get my German state pension paid into my bank account in Lomé',
    'je voudrais un crédit pour acheter un terrain au pays',
  ])('asks back, never answers, when the rest matched well: %j', (question) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.decision).toBe('clarify');
    expect(r.evidence?.beyond.length).toBeGreaterThan(0);
  });

  it.each([
    'quelle procédure pour divorcer si mon mari vit au togo',
    'how do I enrol my daughter in a school in Lomé next year',
    'comment payer moins d impôts sur mon entreprise au togo',
    'my inheritance from my father’s house in Aného, what is the procedure',
  ])('declines when the rest did not match well either: %j', (question) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.decision).toBe('refuse');
  });

  it.each([
    ['how can I send money to my sister’s mobile wallet in Sokodé', 'money-transfers'],
    ['on veut rentrer au pays avec nos meubles, qui s’occupe de la douane', 'return-and-resettlement'],
    ['je veux créer ma société au Togo depuis Genève, quelles démarches', 'start-a-business'],
  ])('leaves an ordinary question answered: %j', (question, id) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.decision).toBe('answer');
    expect(r.best?.id).toBe(id);
  });
});

describe('a visa for another country', () => {
  it.each([
    'ma soeur veut un visa pour le Canada, vous pouvez aider ?',
    'do I need a visa to travel to Nigeria with a Togolese passport',
    'on peut aller au Sénégal sans visa ?',
  ])('is declined: %j', (question) => {
    expect(asksVisaElsewhere(question)).toBe(true);
    expect(retriever.search(question, { nowMs: NOW }).decision).toBe('refuse');
  });

  it.each([
    'my husband is Canadian, how does he get a visa to visit Togo',
    'visa pour venir au Togo pour ma femme qui vit en France',
  ])('is not a visa for coming to Togo: %j', (question) => {
    expect(asksVisaElsewhere(question)).toBe(false);
    expect(retriever.search(question, { nowMs: NOW }).best?.id).toBe('consular-services');
  });
});
