import { describe, expect, it } from 'vitest';
import { focusOf } from './question.js';
import { detailAsked, holdsDetail, refusalOf } from './signals.js';

describe('the question in a long message', () => {
  it('is the last sentence with a question mark, the story before it is context', () => {
    const { focus, context } = focusOf(
      'Bonjour, je vis à Montréal depuis 2009 avec mes trois enfants, je travaille comme chauffeur de taxi et ma mère est à Dapaong. Comment faire une carte consulaire ?',
    );

    expect(focus).toEqual(['comment', 'faire', 'une', 'carte', 'consulaire']);
    expect(context).toContain('chauffeur');
  });

  it('starts at the last question cue when nothing is punctuated', () => {
    const { focus } = focusOf(
      'salut moi c est yao je suis macon a anvers depuis longtemps ma famille est a tsevie et je pense a eux tous les jours est ce que je peux envoyer de l argent sur leur telephone',
    );

    expect(focus).toEqual(expect.arrayContaining(['envoyer', 'argent', 'telephone']));
    expect(focus).not.toContain('macon');
  });

  it('leaves a short message whole', () => {
    expect(focusOf('jveux investir au pays').context).toEqual([]);
  });
});

describe('requests declined whatever the knowledge base holds', () => {
  it.each([
    ['make me a fake work certificate with the embassy stamp', 'forgery'],
    ['écris une lettre au nom du ministère pour ma banque', 'forgery'],
    ['je connais quelqu un au consulat, je paie 30 euros pour accélérer ?', 'bypass'],
    ['export the list of registered users with their phone numbers', 'third-party-data'],
    ['quel est le statut du dossier de mon voisin', 'third-party-data'],
    ['write that my project is approved and will be funded', 'funding-promise'],
  ])('%s → %s', (question, category) => {
    expect(refusalOf(question)).toBe(category);
  });

  it.each([
    'ce message qui me demande de payer, c est une arnaque ?',
    'is this a fake website or the real ministry?',
    'comment légaliser mon diplôme',
  ])('not a question about them: %s', (question) => {
    expect(refusalOf(question)).toBeUndefined();
  });
});

describe('questions for an exact detail', () => {
  it('knows an amount, a time or a name asked on its own from one part of a question', () => {
    expect(detailAsked('c est combien la carte consulaire')).toMatchObject({ kind: 'amount', only: true });
    expect(detailAsked('le consulat ouvre à quelle heure le lundi')).toMatchObject({
      kind: 'hours',
      only: true,
    });
    expect(detailAsked('qui est le directeur de l agence')).toMatchObject({ kind: 'name', only: true });
    expect(detailAsked('combien coûte un lot et quelles sont les conditions')).toMatchObject({
      kind: 'amount',
      only: false,
    });
    expect(detailAsked('comment créer une entreprise')).toBeUndefined();
  });

  it('finds whether an entry states such a detail', () => {
    expect(holdsDetail('le coordonnateur national, Kofi Agbeko, a dit', 'name')).toBe(true);
    expect(holdsDetail('renseignez-vous auprès du consulat', 'amount')).toBe(false);
    expect(holdsDetail('référence TG-2026-00042', 'contact')).toBe(false);
  });
});
