import { describe, expect, it } from 'vitest';
import { splitSubordinate, withoutContrast } from './scope.js';
import { shippedRetriever } from './shipped.js';
import { detailAsked, holdsDetail } from './signals.js';

describe('what a question sets aside', () => {
  it('drops the words after "instead of", "plutôt que", "sans + verb" up to a clause end', () => {
    const { text, dropped } = withoutContrast(
      'I want to fund a school instead of paying for a wedding, who can help?',
    );
    expect(dropped).toBe('paying for a wedding');
    expect(text).toContain('fund a school');
    expect(text).toContain('who can help');
    expect(withoutContrast('comment soutenir ma region plutot que d acheter une voiture').dropped).toBe(
      'acheter une voiture',
    );
    expect(withoutContrast('je veux aider sans envoyer d argent').dropped).toBe('envoyer d argent');
  });

  it('keeps "sans" / "without" before a noun: that is often the subject itself', () => {
    expect(withoutContrast('peut on voyager sans passeport').dropped).toBe('');
    expect(withoutContrast('can my son travel without a visa').dropped).toBe('');
  });

  it('moves a trailing when/before clause out of the request, but not an indirect question', () => {
    const { main, clauses } = splitSubordinate('can i ship my tools by container when i move back next year');
    expect(clauses).toContain('move back');
    expect(main).toContain('ship my tools');
    expect(splitSubordinate('je voudrais savoir quand je peux m inscrire').clauses).toBe('');
    expect(splitSubordinate('when i come back can i import my car').clauses).toBe('');
  });

  it('never searches the topic the person rejects', () => {
    const retriever = shippedRetriever();
    const plain = retriever.search('send money to my family', { nowMs: Date.now() });
    const rejected = retriever.search('help my family without sending money', { nowMs: Date.now() });
    expect(plain.hits[0]?.id).toBe('money-transfers');
    expect(rejected.focus).not.toContain('money');
    expect(rejected.decision === 'answer' && rejected.hits[0]?.id === 'money-transfers').toBe(false);
  });
});

describe('a count asked for', () => {
  it('names the thing counted', () => {
    expect(detailAsked('how many engineers work at the agency')).toMatchObject({
      kind: 'count',
      noun: 'engineers',
    });
    expect(detailAsked('combien y a t il de bureaux consulaires')).toMatchObject({
      kind: 'count',
      noun: 'bureaux',
    });
    expect(detailAsked('le nombre de lots disponibles')).toMatchObject({ kind: 'count', noun: 'lots' });
  });

  it('is held only by a figure of that thing, not by any digit or a year', () => {
    expect(
      holdsDetail('Le programme a formé 400 ingénieurs depuis sa création.', 'count', 'ingenieurs'),
    ).toBe(true);
    expect(holdsDetail('The agency trained 400 engineers.', 'count', 'engineers')).toBe(true);
    expect(holdsDetail('Le programme dure 3 mois et a commencé en 2021.', 'count', 'ingenieurs')).toBe(false);
    expect(holdsDetail('Créée en 2019 à Lomé.', 'count', 'bureaux')).toBe(false);
    expect(holdsDetail('about 2 million people', 'count', 'nous')).toBe(true);
  });
});
