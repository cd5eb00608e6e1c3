import type { Lang } from '../../core/types.js';
import { fold } from '../../engine/words.js';
import data from './countries.json' with { type: 'json' };

export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  fr: string;
  en: string;
  aliases?: string[];
}

export const COUNTRIES: Country[] = data.countries;

// Words people put before a country name: "en France", "in the USA", "aux États-Unis".
const LEADING =
  /^(?:(?:j habite|je vis|je reside|i live|i m|living|based|en|au|aux|a|in|the|la|le|les|l)\s+)+/;

const index = new Map<string, Country>();
for (const country of COUNTRIES) {
  for (const name of [country.fr, country.en, ...(country.aliases ?? [])]) {
    index.set(fold(name), country);
    // "Îles Cook" also answers to "Cook"; a leading article does not count.
    index.set(fold(name).replace(LEADING, ''), country);
  }
}

/** The country a person named, in French or English, with common aliases; undefined if none. */
export function findCountry(text: string): Country | undefined {
  const folded = fold(text);
  if (folded.length < 2) return undefined;
  return index.get(folded) ?? index.get(folded.replace(LEADING, ''));
}

export const countryName = (code: string, lang: Lang): string =>
  COUNTRIES.find((c) => c.code === code)?.[lang] ?? code;

export const countryByCode = (code: string): Country | undefined => COUNTRIES.find((c) => c.code === code);
