import { describe, expect, it } from 'vitest';
import { isMenuRequest } from './words.js';

describe('a greeting or a request for the menu', () => {
  it.each([
    'slt',
    'Bonsoir !',
    'bonsoir, le menu stp',
    'menu svp',
    'show me the menu please',
    'hello, the options please',
    'retour au menu',
    'good evening',
  ])('%j asks for the menu', (text) => {
    expect(isMenuRequest(text)).toBe(true);
  });

  it.each([
    'bonsoir je voudrais refaire ma carte consulaire',
    'le menu du restaurant de l ambassade',
    'merci',
    'hello can I send money with my phone',
  ])('%j asks something else', (text) => {
    expect(isMenuRequest(text)).toBe(false);
  });
});
