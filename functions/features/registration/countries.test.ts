import { describe, expect, it } from 'vitest';
import { COUNTRIES, countryName, findCountry } from './countries.js';

describe('findCountry', () => {
  it.each([
    ['France', 'FR'],
    ['france', 'FR'],
    ['USA', 'US'],
    ['Etats-Unis', 'US'],
    ['États-Unis', 'US'],
    ['aux États-Unis', 'US'],
    ['United States', 'US'],
    ['Allemagne', 'DE'],
    ['Germany', 'DE'],
    ['UK', 'GB'],
    ['Royaume-Uni', 'GB'],
    ["Côte d'Ivoire", 'CI'],
    ['cote divoire', undefined],
    ['Ivory Coast', 'CI'],
    ['RDC', 'CD'],
    ['Belgique', 'BE'],
    ['en Belgique', 'BE'],
    ['Canada', 'CA'],
    ['Ghana', 'GH'],
    ['Bénin', 'BJ'],
    ['benin', 'BJ'],
    ['Chine', 'CN'],
    ['Pays-Bas', 'NL'],
    ['Hollande', 'NL'],
    ['Suisse', 'CH'],
    ['Togo', 'TG'],
    ['Paris', undefined],
    ['Wakanda', undefined],
    ['x', undefined],
    ['', undefined],
  ])('%s → %s', (text, code) => {
    expect(findCountry(text)?.code).toBe(code);
  });

  it('ships about two hundred countries with unique codes', () => {
    expect(COUNTRIES.length).toBeGreaterThan(190);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('DE', 'en')).toBe('Germany');
  });
});
