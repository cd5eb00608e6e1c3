import type { Lang } from '../../../core/types.js';
import { PROGRAMMES, SECTORS } from '../catalog.js';
import type { Lead } from '../repository.js';
import { DESKS } from './leads-service.js';

/** Human labels of stored ids, in the officer's language; unknown ids show as they are. */
export const programmeLabel = (id: string | undefined, lang: Lang) =>
  id ? ((PROGRAMMES as Record<string, Record<Lang, string>>)[id]?.[lang] ?? id) : '';
export const sectorLabel = (id: string | undefined, lang: Lang) =>
  id ? ((SECTORS as Record<string, Record<Lang, string>>)[id]?.[lang] ?? id) : '';
export const deskLabel = (id: string, lang: Lang) => DESKS.find((d) => d.id === id)?.names[lang] ?? id;

const regionNames = {
  fr: new Intl.DisplayNames(['fr'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};
export function countryLabel(code: string | undefined, lang: Lang): string {
  if (!code) return '';
  try {
    return regionNames[lang].of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatAmount(range: Lead['amountRange']): string {
  if (!range) return '';
  const n = (v: number) => v.toLocaleString('fr-FR');
  return range.max === undefined
    ? `> ${n(range.min)} ${range.currency}`
    : `${n(range.min)} – ${n(range.max)} ${range.currency}`;
}

/** Dates as officers read them: in UTC, to the minute (the same on every officer's screen). */
export const formatAt = (iso: string | undefined) =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '';
