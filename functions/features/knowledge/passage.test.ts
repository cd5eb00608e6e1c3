import { describe, expect, it } from 'vitest';
import { blocksOf, cutAtBoundary, extractFor, repeats, supportingSources } from './passage.js';

describe('cutting an answer for a phone screen', () => {
  it('never takes a list number for the end of a sentence, and drops whole items', () => {
    const text =
      'Les étapes :\n1. préparez vos pièces ;\n2. prenez rendez-vous au consulat ;\n3. déposez le dossier.';

    const { head, rest } = cutAtBoundary(text, 60);

    expect(head).toBe('Les étapes :\n1. préparez vos pièces ;');
    expect(rest).toBe('2. prenez rendez-vous au consulat ;\n3. déposez le dossier.');
    expect(head).not.toMatch(/\d\.$/);
  });

  it('cuts at a sentence in prose, at a word failing that', () => {
    expect(cutAtBoundary('Une phrase assez longue ici. Une autre phrase qui suit.', 40).head).toBe(
      'Une phrase assez longue ici.',
    );
    expect(cutAtBoundary('motsansfin '.repeat(10), 30).head.length).toBeLessThanOrEqual(30);
  });
});

describe('the passage that answers the question', () => {
  const entry = {
    summary: 'Le programme est suivi par une coordination nationale.',
    body: [
      'Le programme a été lancé en 2004 par un pays partenaire pour soutenir des réformes.',
      'La délégation comprenait la ministre, Ama Mensah, et le coordonnateur national, Kofi Agbeko.',
      'Pour en savoir plus : tapez « menu ».',
    ].join('\n\n'),
  };

  it('picks the paragraph with the question’s words, not the opening', () => {
    const { text, passage } = extractFor(entry, ['coordonnateur', 'national']);

    expect(text).toContain('Kofi Agbeko');
    expect(text).not.toContain('lancé en 2004');
    expect(text.endsWith('Pour en savoir plus : tapez « menu ».')).toBe(true);
    expect(passage).toContain('Kofi Agbeko');
  });

  it('does not repeat the summary in the next paragraph', () => {
    const said = {
      summary: 'Adressez-vous au consulat du Togo de votre pays.',
      body: 'Adressez-vous au consulat du Togo de votre pays de résidence.\n\nAutre chose.',
    };

    expect(repeats(said.summary, 'Adressez-vous au consulat du Togo de votre pays de résidence.')).toBe(true);
    expect(extractFor(said).text.match(/Adressez-vous/g)).toHaveLength(1);
  });

  it('keeps a list with the line that introduces it', () => {
    expect(blocksOf('Vous pouvez :\n\n- faire ceci ;\n- faire cela.\n\nFin.')).toEqual([
      'Vous pouvez :\n- faire ceci ;\n- faire cela.',
      'Fin.',
    ]);
  });

  it('keeps a bare heading with the paragraph it introduces', () => {
    expect(blocksOf('Deux démarches :\n\nLa légalisation : ceci.\n\nFin.')).toEqual([
      'Deux démarches :\n\nLa légalisation : ceci.',
      'Fin.',
    ]);
  });

  it('never shows the line that introduces a list without an item of it', () => {
    const entry = {
      summary: 'Méfiez-vous des messages qui demandent de l’argent au nom du ministère.',
      body: [
        'Signes d’une arnaque :',
        '- on vous demande de payer pour vous inscrire à un programme ou accélérer un dossier ;',
        '- on vous presse ou on exige un transfert d’argent à une personne ;',
        '- on vous demande un mot de passe ou un code reçu par SMS.',
        '',
        'Fin de la fiche.',
      ].join('\n'),
    };

    // Room for the heading and one item beside the summary: the heading comes with its first item.
    const { text } = extractFor(entry, ['signes', 'arnaque'], 260);

    expect(text).toContain('Signes d’une arnaque :\n- on vous demande de payer');
    // Whatever the room, the heading never ends the passage.
    for (const limit of [60, 100, 140, 180, 220]) {
      const { text: short } = extractFor(entry, ['signes', 'arnaque'], limit);
      const at = short.indexOf('Signes d’une arnaque :');
      if (at >= 0) expect(short.slice(at)).toMatch(/^Signes d’une arnaque :\n- /);
    }
  });

  it('names only the sources the passage relies on', () => {
    const sources = ['Office togolais des recettes (OTR)', 'Ambassades et consulats du Togo', '001.txt'];
    const titles = { '001.txt': 'Programme Compact du MCC pour le Togo (communiqué, octobre 2023)' };

    expect(supportingSources(sources, 'Pour la douane, demandez à l’OTR.', titles)).toEqual(['OTR']);
    expect(supportingSources(sources, 'Le programme Compact du MCC…', titles)).toEqual([
      'Programme Compact du MCC pour le Togo',
    ]);
    expect(supportingSources(sources, 'Rien de précis.', titles)).toEqual(['OTR']);
  });
});
