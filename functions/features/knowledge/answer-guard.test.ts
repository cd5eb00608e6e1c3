import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../../test/fakes/openai-api.js';
import { type Answerer, createAnswerer } from './answer.js';
import { ungroundedDetail } from './answer-guard.js';
import { fixtureArtifact } from './fixtures/artifact.js';
import { createLlmAnswerer, type Passage } from './llm.js';
import { createRetriever } from './retrieval.js';

// Finding 8 of the hostile-input issue: bare domains and handles got through under an official source.
const entry: Passage = {
  id: 'consular-services',
  title: 'Services consulaires',
  summary: 'Ambassades et consulats du Togo.',
  body: 'Le portail https://diaspora.gouv.tg/inscription et consulat@diplomatie.gouv.tg répondent. Tél. +228 22 21 00 00. Le passeport coûte des frais fixés par arrêté.',
};

describe('the model-answer guard', () => {
  it.each([
    ['réglez les frais sur togo-invest-aide.com', 'togo-invest-aide.com'],
    ['écrivez à t.me/TogoAideOfficiel', 't.me/TogoAideOfficiel'],
    ['contactez @TogoAideOfficiel sur Telegram', '@TogoAideOfficiel'],
    ['écrivez à aide.togo@gmail.com', 'aide.togo@gmail.com'],
    ['appelez le +33 6 12 34 56 78', '+33 6 12 34 56 78'],
    ['voir www.togo-aide.org', 'www.togo-aide.org'],
    ['voir https://togo-aide.org/payer', 'https://togo-aide.org/payer'],
    ['wa.me/22890000000 pour un rendez-vous', 'wa.me/22890000000'],
    [
      'faites un virement sur le compte FR76 3000 6000 0112 3456 7890 189',
      'FR76 3000 6000 0112 3456 7890 189',
    ],
    ['payez par Mobile Money pour accélérer le dossier', 'payez'],
    ['send the fee through Western Union', 'western union'],
  ])('refuses “%s” (names %s)', (answer, detail) => {
    expect(ungroundedDetail(answer, [entry])).toBe(detail);
  });

  it.each([
    'Inscrivez-vous sur https://diaspora.gouv.tg/inscription.',
    'Le portail diaspora.gouv.tg/inscription vous guide.',
    'Écrivez à consulat@diplomatie.gouv.tg ou appelez le +228 22 21 00 00.',
    'Les frais du passeport sont fixés par arrêté.',
    'Adressez-vous à l’ambassade ou au consulat du Togo, p. ex. à Paris, vers 9 h 30.',
  ])('lets a detail of the cited entry through: “%s”', (answer) => {
    expect(ungroundedDetail(answer, [entry])).toBeUndefined();
  });

  it('checks against the cited entries only, not every passage retrieved', () => {
    const other: Passage = { id: 'other', title: 'Autre', summary: '', body: 'Voir togo-invest-aide.com.' };
    expect(ungroundedDetail('Voir togo-invest-aide.com.', [entry])).toBe('togo-invest-aide.com');
    expect(ungroundedDetail('Voir togo-invest-aide.com.', [other])).toBeUndefined();
  });
});

describe('a model answer naming an outside site (real openai client, loopback server)', () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let answer: Answerer;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    const artifact = await fixtureArtifact();
    answer = createAnswerer({
      retriever: createRetriever(artifact),
      sourceTitles: artifact.sourceTitles,
      llm: createLlmAnswerer({
        apiKey: 'test-key',
        baseURL: fake.baseURL,
        model: 'test-model',
        timeoutMs: 1500,
        prompt: artifact.prompt.text,
      }),
    });
  });
  afterAll(() => fake.close());

  it('falls back to the extractive answer, with none of the outside details', async () => {
    fake.set({
      kind: 'answer',
      content: JSON.stringify({
        answer: 'Réglez les frais de dossier sur togo-invest-aide.com ou écrivez à t.me/TogoAideOfficiel.',
        cited_ids: ['consular-services'],
        answerable: true,
      }),
    });
    const result = await answer('Comment renouveler mon passeport ?', {
      nowMs: Date.parse('2026-11-22T12:00:00Z'),
      lang: 'fr',
    });
    expect(result.mode).toBe('extractive');
    expect(JSON.stringify(result)).not.toContain('togo-invest-aide');
    expect(JSON.stringify(result)).not.toContain('TogoAideOfficiel');
  });
});
