import { describe, expect, it } from 'vitest';
import { detectLanguage, explicitLanguageChoice } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['Bonjour, comment créer une entreprise ?', 'fr'],
    ['slt jveux investir stp', 'fr'],
    ['cmt envoyer de l argent au togo', 'fr'],
    ['meteo a lome demain', undefined],
    ['Hello, how do I start a business?', 'en'],
    ['I want to invest in Togo', 'en'],
    ['1', undefined],
    ['PIA', undefined],
    ['ok', undefined],
  ])('%j → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('explicitLanguageChoice', () => {
  it.each([
    ['/lang en', 'en'],
    ['English', 'en'],
    ['anglais', 'en'],
    ['/lang fr', 'fr'],
    ['français', 'fr'],
    ['francais', 'fr'],
    ['I speak English well', undefined],
  ])('%j → %s', (text, lang) => {
    expect(explicitLanguageChoice(text)).toBe(lang);
  });
});
