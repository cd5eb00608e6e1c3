import { describe, expect, it } from 'vitest';
import { shippedRetriever } from './shipped.js';
import { admitsNotHolding, asksUpcoming, detailAsked, namesYearFrom } from './signals.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const retriever = shippedRetriever();

describe('what a request for a detail asks', () => {
  it('tells a duration from a count', () => {
    expect(detailAsked('combien de temps faut il pour une carte consulaire')).toMatchObject({
      kind: 'duration',
    });
    expect(detailAsked('how long does the transcription take')).toMatchObject({ kind: 'duration' });
  });

  it('reads a number the person already has as no request for one', () => {
    expect(detailAsked('ce numero whatsapp m ecrit au nom de l ambassade, c est vrai ?')).toBeUndefined();
    expect(detailAsked('donnez moi le numero whatsapp de l ambassade')).toMatchObject({ kind: 'contact' });
  });

  it('marks a request for a person’s own number or address', () => {
    expect(detailAsked('le numero perso du consul svp')).toMatchObject({ kind: 'contact', personal: true });
    expect(detailAsked('the embassy phone number please')?.personal).toBeUndefined();
  });

  it('reads "is there an official figure" as a count', () => {
    expect(detailAsked('is there an official figure for that')).toMatchObject({ kind: 'count' });
    expect(detailAsked('y a t il des statistiques sur les retours')).toMatchObject({ kind: 'count' });
  });

  it('splits a message into its questions and keeps the words that ask for the detail', () => {
    const asked = detailAsked('mon dossier est complet ? combien de temps ca prend');

    expect(asked).toMatchObject({ kind: 'duration', only: false });
    expect(asked?.rest).toContain('dossier');
    expect(asked?.asking).toContain('combien de temps');
  });
});

describe('an entry that admits not holding a detail', () => {
  it('is found by the kind of detail it names', () => {
    const text = 'Nos sources ne précisent ni les frais ni les délais. Renseignez-vous au consulat.';

    expect(admitsNotHolding(text, 'amount')).toBe(true);
    expect(admitsNotHolding(text, 'duration')).toBe(true);
    expect(admitsNotHolding(text, 'hours')).toBe(false);
    expect(admitsNotHolding('Fees and timelines vary: ask the embassy.', 'amount')).toBe(true);
  });

  it('is not one that merely mentions the detail', () => {
    expect(admitsNotHolding('Comparez les frais avant d envoyer.', 'amount')).toBe(false);
    // "no phone numbers" says nothing about a count of people.
    expect(admitsNotHolding('We do not give phone numbers we cannot verify.', 'count')).toBe(false);
  });
});

describe('answer, or decline, a question for a detail', () => {
  it.each([
    ['combien coûte la transcription de l acte de naissance de mon bébé né à Lyon', 'children-born-abroad'],
    ['how much does it cost to bring my father’s body back to Togo', 'repatriation-of-remains'],
    ['combien de temps pour transcrire un acte de naissance', 'children-born-abroad'],
    // The entry says the delay depends on the requests waiting: no promise, and who answers.
    ['how long does it take for an officer to answer me', 'talk-to-an-officer'],
    [
      'ce numéro whatsapp qui m’écrit au nom du ministère, c’est une arnaque ?',
      'scams-using-government-name',
    ],
  ])('answers %j with the entry that says who knows', (question, id) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.decision).toBe('answer');
    expect(r.best?.id).toBe(id);
  });

  it.each([
    'donnez moi le numéro perso du consul à Lyon',
    'how many Togolese students are in Canada, is there a statistic',
    'quel est le taux de change du cfa aujourd hui',
  ])('declines %j', (question) => {
    const r = retriever.search(question, { nowMs: NOW });

    expect(r.decision).toBe('refuse');
    expect(r.reason).toBe('detail-unknown');
  });

  it.each(['slt', 'menu stp', 'hello, show me the options'])(
    'reads %j as the engine does: what the assistant offers',
    (q) => {
      const r = retriever.search(q, { nowMs: NOW });

      expect(r.decision).toBe('answer');
      expect(r.best?.id).toBe('about-assistant');
    },
  );
});

describe('a date to come', () => {
  it('is not answered by an entry whose years are past', () => {
    const r = retriever.search('c est quand la prochaine rencontre de la diaspora à Kpalimé', { nowMs: NOW });

    expect(r.decision).toBe('refuse');
    expect(r.reason).toBe('detail-unknown');
  });

  it('leaves a question about a past event answered', () => {
    const r = retriever.search('quand a eu lieu l atelier de Kpalimé', { nowMs: NOW });

    expect(r.decision).toBe('answer');
    expect(r.best?.id).toBe('kpalime-workshop-2024');
  });

  it('is told from a date asked in general', () => {
    expect(asksUpcoming('when is the next session')).toBe(true);
    expect(asksUpcoming('when did the delegation come')).toBe(false);
    expect(namesYearFrom('en décembre 2024', 2026)).toBe(false);
    expect(namesYearFrom('jusqu en 2027', 2026)).toBe(true);
  });
});
