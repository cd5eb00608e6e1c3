import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from './scrub.js';

describe('scrubPersonalData', () => {
  it.each([
    [
      'Je suis Kofi Agbeko, tel +33 6 12 34 56 78, kofi.agbeko@example.org, comment investir ?',
      ['Kofi', 'Agbeko', '12 34 56', 'kofi.agbeko@'],
    ],
    ['my name is Ama Mensah and my number is 0044 7700 900123', ['Ama', 'Mensah', '900123']],
    ['appelez-moi au 90.12.34.56 ou sur t.me/kofi_ag', ['90.12.34.56', 'kofi_ag']],
    ["Je m'appelle Afi, passeport perdu", ['Afi']],
  ])('%s', (question, gone) => {
    const scrubbed = scrubPersonalData(question);
    for (const piece of gone) expect(scrubbed).not.toContain(piece);
  });

  it('keeps the question readable, with dates and amounts', () => {
    expect(scrubPersonalData('Quels frais pour un passeport en 2026, environ 50 000 FCFA ?')).toBe(
      'Quels frais pour un passeport en 2026, environ 50 000 FCFA ?',
    );
  });

  it('removes names the person gave elsewhere (their profile)', () => {
    expect(scrubPersonalData('kofi voudrait un visa', ['Kofi Agbeko'])).toBe('[nom] voudrait un visa');
  });
});
