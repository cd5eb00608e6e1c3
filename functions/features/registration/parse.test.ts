import { describe, expect, it } from 'vitest';
import { isBack, isCancel, isNo, isYes } from '../../engine/words.js';
import {
  citySchema,
  emailSchema,
  formatAmount,
  fullNameSchema,
  matchProgramme,
  matchSector,
  parseAmountRange,
  phoneSchema,
} from './parse.js';

describe('parseAmountRange', () => {
  it.each([
    ['10 000 - 50 000 €', { min: 10_000, max: 50_000, currency: 'EUR' }],
    ['10000-50000', { min: 10_000, max: 50_000, currency: 'EUR' }],
    ['entre 10k et 50k euros', { min: 10_000, max: 50_000, currency: 'EUR' }],
    ['de 5 000 000 à 20 000 000 FCFA', { min: 5_000_000, max: 20_000_000, currency: 'XOF' }],
    ['between $20,000 and $40,000', { min: 20_000, max: 40_000, currency: 'USD' }],
    ['plus de 1 million', { min: 1_000_000, currency: 'EUR' }],
    ['more than 200k', { min: 200_000, currency: 'EUR' }],
    ['moins de 5000 €', { min: 0, max: 5000, currency: 'EUR' }],
    ['1,5 million - 3 millions', { min: 1_500_000, max: 3_000_000, currency: 'EUR' }],
  ])('%s', (text, range) => {
    expect(parseAmountRange(text)).toEqual(range);
  });

  it.each(['beaucoup', '50000', '50 000 - 10 000', 'deux mille', ''])('rejects "%s"', (text) => {
    expect(parseAmountRange(text)).toBeUndefined();
  });

  it('formats a range for people', () => {
    expect(formatAmount({ min: 10_000, max: 50_000, currency: 'EUR' }, 'fr')).toBe('10 000 – 50 000 €');
    expect(formatAmount({ min: 1_000_000, currency: 'EUR' }, 'en')).toBe('more than 1,000,000 €');
  });
});

describe('free-text answers', () => {
  it.each([
    ['Je veux investir', 'investment'],
    ['créer une entreprise', 'business_creation'],
    ['mentorat', 'skills_transfer'],
    ['formation numérique', 'digital_training'],
    ['retour au pays', 'return_resettlement'],
    ['bof', undefined],
  ])('programme %s → %s', (text, id) => expect(matchProgramme(text)).toBe(id));

  it.each([
    ['agriculture', 'agriculture'],
    ['Agro-industrie', 'agriculture'],
    ['numérique', 'digital'],
    ['ICT', 'digital'],
    ['santé', 'health'],
    ['énergie solaire', 'energy'],
    ['autre', 'other'],
    ['zzz', undefined],
  ])('sector %s → %s', (text, id) => expect(matchSector(text)).toBe(id));

  it('validates emails, phones, names and cities', () => {
    expect(emailSchema.safeParse(' Ama@Example.org ').data).toBe('ama@example.org');
    expect(emailSchema.safeParse('ama@').success).toBe(false);
    expect(phoneSchema.safeParse('+33 6 00 00 00 01').data).toBe('+33600000001');
    expect(phoneSchema.safeParse('0033 600000001').data).toBe('+33600000001');
    expect(phoneSchema.safeParse('06 00 00 00 01').success).toBe(false);
    expect(fullNameSchema.safeParse('Ama Kouassi').success).toBe(true);
    expect(fullNameSchema.safeParse('Ama').success).toBe(false);
    expect(fullNameSchema.safeParse('12345 678').success).toBe(false);
    expect(citySchema.safeParse('Paris').success).toBe(true);
    expect(citySchema.safeParse('75001').success).toBe(false);
  });

  it('understands navigation and yes/no in both languages', () => {
    expect([isBack('Retour'), isBack('back'), isCancel('Annuler'), isCancel('cancel')]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([isYes("J'accepte"), isYes('yes'), isNo('Non'), isYes('peut-être')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
