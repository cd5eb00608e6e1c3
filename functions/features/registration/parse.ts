import { z } from 'zod';
import { fold } from '../../engine/words.js';
import type { Programme, Sector } from '../leads/catalog.js';
import type { AmountRange } from '../leads/repository.js';

const PROGRAMME_WORDS: [Programme, RegExp][] = [
  ['investment', /invest/],
  ['return_resettlement', /(retour|rentrer|reinstall|resettle|return|revenir|moving back)/],
  ['business_creation', /(creer|creation|entreprise|business|start ?up|societe|company)/],
  ['skills_transfer', /(competence|skill|mentor|transfert|expertise|partager|share)/],
  ['digital_training', /(formation|training|numerique|digital|informatique|coding)/],
];

const SECTOR_WORDS: [Sector, RegExp][] = [
  ['agriculture', /(agri|agro|elevage|farm|peche|fish|cacao|cafe)/],
  ['digital', /(numerique|digital|\btic\b|\bict\b|informatique|tech|\bit\b|logiciel|software|telecom)/],
  ['energy', /(energ|solaire|solar|electri)/],
  ['health', /(sante|health|medic|hopital|hospital|pharma|clinique|clinic)/],
  ['education', /(educ|ecole|school|enseign|teach|universit)/],
  ['industry', /(industr|manufactur|usine|factory|btp|construction)/],
  ['tourism', /(touris|culture|hotel|artisanat|\bart\b|music)/],
  ['finance', /(financ|banque|bank|assurance|insurance|fintech)/],
  ['other', /^(autre|other|aucun|none|divers)$/],
];

/** The programme a person typed ("investir", "mentorat"...), when it is obvious. */
export function matchProgramme(text: string): Programme | undefined {
  const f = fold(text);
  return f.length < 3 ? undefined : PROGRAMME_WORDS.find(([, re]) => re.test(f))?.[0];
}

export function matchSector(text: string): Sector | undefined {
  const f = fold(text);
  return f.length < 2 ? undefined : SECTOR_WORDS.find(([, re]) => re.test(f))?.[0];
}

const letters = (min: number) => (s: string) => (s.match(/\p{L}/gu) ?? []).length >= min;

export const fullNameSchema = z
  .string()
  .trim()
  .min(3)
  .max(100)
  .regex(/^[\p{L}\p{M}' ’.-]+$/u)
  .refine((s) => s.split(/\s+/).length >= 2 && letters(3)(s));

export const citySchema = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[\p{L}\p{M}' ’.()-]+$/u)
  .refine(letters(2));

export const professionSchema = z.string().trim().min(2).max(200).refine(letters(2));

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** International format: the country code is needed for an officer abroad to call back. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.()\-\u00a0]/g, '').replace(/^00/, '+'))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/));

/** Preset ranges offered as buttons (euros). */
export const AMOUNT_PRESETS: { id: string; range: AmountRange }[] = [
  { id: 'amt:0-10000', range: { min: 0, max: 10_000, currency: 'EUR' } },
  { id: 'amt:10000-50000', range: { min: 10_000, max: 50_000, currency: 'EUR' } },
  { id: 'amt:50000-200000', range: { min: 50_000, max: 200_000, currency: 'EUR' } },
  { id: 'amt:200000-1000000', range: { min: 200_000, max: 1_000_000, currency: 'EUR' } },
  { id: 'amt:1000000-', range: { min: 1_000_000, currency: 'EUR' } },
];

const NUMBER =
  /(\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+|\d+(?:[.,]\d+)?)\s*(k|m|md|mds|millions?|milliards?|mille|billions?|thousands?)?\b/gi;

function toNumber(digits: string, unit: string | undefined): number {
  const grouped = /^\d{1,3}([ \u00a0\u202f.,']\d{3})+$/.test(digits);
  const value = grouped ? Number(digits.replace(/[^\d]/g, '')) : Number(digits.replace(',', '.'));
  const u = (unit ?? '').toLowerCase();
  if (u === 'k' || u.startsWith('mille') || u.startsWith('thousand')) return value * 1_000;
  if (u === 'm' || u.startsWith('million')) return value * 1_000_000;
  if (u === 'md' || u === 'mds' || u.startsWith('milliard') || u.startsWith('billion'))
    return value * 1_000_000_000;
  return value;
}

function currencyOf(f: string): AmountRange['currency'] {
  if (/(fcfa|f cfa|\bcfa\b|xof)/.test(f)) return 'XOF';
  if (/(\$|usd|dollar)/.test(f)) return 'USD';
  return 'EUR';
}

/**
 * An amount range typed freely: "10 000 - 50 000 €", "entre 10k et 50k euros", "plus de 1 million",
 * "less than 5000 $". A single amount is not a range: undefined, so the step asks again.
 */
export function parseAmountRange(text: string): AmountRange | undefined {
  const raw = text.toLowerCase();
  const f = fold(text).replace(/€/g, ' eur ');
  const numbers = [...raw.matchAll(NUMBER)].map((m) => toNumber(m[1]!, m[2]));
  const currency = currencyOf(`${f} ${raw}`);
  let range: AmountRange | undefined;
  if (numbers.length === 2) {
    range = { min: numbers[0]!, max: numbers[1]!, currency };
  } else if (numbers.length === 1) {
    if (
      /(plus de|\+ de|au moins|minimum|more than|over|at least|above|superieur|>|\+$)/.test(`${f} ${raw}`)
    ) {
      range = { min: numbers[0]!, currency };
    } else if (/(moins de|jusqu|less than|under|up to|below|maximum|inferieur|<)/.test(`${f} ${raw}`)) {
      range = { min: 0, max: numbers[0]!, currency };
    }
  }
  if (!range) return undefined;
  const valid =
    Number.isFinite(range.min) &&
    range.min >= 0 &&
    (range.max === undefined || (Number.isFinite(range.max) && range.max > range.min && range.max <= 1e12));
  return valid ? range : undefined;
}

const SYMBOL = { EUR: '€', USD: '$', XOF: 'FCFA' } as const;

export function formatAmount(range: AmountRange, lang: 'fr' | 'en'): string {
  const n = (v: number) =>
    new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(v).replace(/\u202f/g, ' ');
  const unit = SYMBOL[range.currency];
  if (range.max === undefined)
    return lang === 'fr' ? `plus de ${n(range.min)} ${unit}` : `more than ${n(range.min)} ${unit}`;
  if (range.min === 0)
    return lang === 'fr' ? `moins de ${n(range.max)} ${unit}` : `less than ${n(range.max)} ${unit}`;
  return `${n(range.min)} – ${n(range.max)} ${unit}`;
}
