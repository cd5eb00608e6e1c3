import type { Channel, Lang } from '../../../core/types.js';
import { PROGRAMMES, SECTORS } from '../catalog.js';
import type { ConsentReceipt, ContactPreference, Lead } from '../repository.js';
import { DESKS } from './leads-service.js';

/** Human labels of stored ids, in the officer's language; unknown ids show as they are. */
export const programmeLabel = (id: string | undefined, lang: Lang) =>
  id ? ((PROGRAMMES as Record<string, Record<Lang, string>>)[id]?.[lang] ?? id) : '';
export const sectorLabel = (id: string | undefined, lang: Lang) =>
  id ? ((SECTORS as Record<string, Record<Lang, string>>)[id]?.[lang] ?? id) : '';
export const deskLabel = (id: string, lang: Lang) => DESKS.find((d) => d.id === id)?.names[lang] ?? id;

const KINDS: Record<Lead['kind'], Record<Lang, string>> = {
  registration: { fr: 'Inscription', en: 'Registration' },
  handoff: { fr: 'Demande d’échange avec un agent', en: 'Request to talk to an officer' },
};
/** What a lead is about: its programme, else what kind of request it is (a handoff has no programme). */
export const leadSubject = (lead: Pick<Lead, 'programme' | 'kind'>, lang: Lang) =>
  programmeLabel(lead.programme, lang) || KINDS[lead.kind]?.[lang] || '';

const CHANNELS: Record<Channel, string> = { telegram: 'Telegram', whatsapp: 'WhatsApp' };
export const channelLabel = (channel: string | undefined) =>
  channel ? (CHANNELS[channel as Channel] ?? channel) : '';

const CONTACT_PREFERENCES: Record<ContactPreference, Record<Lang, string>> = {
  chat: { fr: 'Par messagerie (cette conversation)', en: 'By chat (this conversation)' },
  email: { fr: 'Par e-mail', en: 'By email' },
  phone: { fr: 'Par téléphone', en: 'By phone' },
};
export const contactPreferenceLabel = (pref: string | undefined, lang: Lang) =>
  pref ? (CONTACT_PREFERENCES[pref as ContactPreference]?.[lang] ?? pref) : '';

const CONSENT_TEXTS: Record<string, Record<Lang, string>> = {
  'lead-consent-2026-11-v1': {
    fr: 'texte d’inscription (novembre 2026)',
    en: 'registration text (November 2026)',
  },
  'handoff-consent-2026-11-v1': {
    fr: 'texte de mise en relation avec un agent (novembre 2026)',
    en: 'officer hand-off text (November 2026)',
  },
};
const CONSENT_PURPOSES: Record<string, Record<Lang, string>> = {
  contact_about_request: {
    fr: 'être recontacté au sujet de la demande',
    en: 'be contacted about the request',
  },
  processing_under_law_2019_014: {
    fr: 'traitement selon la loi n° 2019-014 (données personnelles)',
    en: 'processing under Law No. 2019-014 (personal data)',
  },
  officer_reads_conversation: {
    fr: 'un agent lit la conversation',
    en: 'an officer reads the conversation',
  },
};
/** A consent receipt as a sentence: when, where, which text, which purposes (no stored code). */
export function consentLabel(
  receipt: ConsentReceipt,
  lang: Lang,
  fmt: (iso: string | undefined) => string,
): string {
  const text = CONSENT_TEXTS[receipt.textId]?.[lang] ?? (lang === 'fr' ? 'texte archivé' : 'archived text');
  const purposes = receipt.purposes
    .map((p) => CONSENT_PURPOSES[p]?.[lang])
    .filter((p): p is string => Boolean(p));
  return [fmt(receipt.at), channelLabel(receipt.channel), text, purposes.join(' ; ')]
    .filter(Boolean)
    .join(' · ');
}

const regionNames = {
  fr: new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' }),
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
};
export function countryLabel(code: string | undefined, lang: Lang): string {
  if (!code) return '';
  try {
    return regionNames[lang].of(code) ?? code;
  } catch {
    return code;
  }
}

/** Codes ICU names that are not today's countries: groupings, pseudo-regions, withdrawn codes. */
const NOT_COUNTRIES = new Set(
  (
    'EU EZ UN QO XA XB ZZ AC CP CQ DG EA IC TA ' + // groupings, territories without an ISO 3166-1 code
    'AN BU CS DD DY FX HV NH RH SU TP UK VD YD YU ZR'
  ) // withdrawn or alias codes
    .split(' '),
);
const A = 'A'.charCodeAt(0);
/** Every ISO 3166-1 alpha-2 country code the runtime can name, computed once. */
const COUNTRY_CODES: string[] = Array.from({ length: 26 * 26 }, (_, i) =>
  String.fromCharCode(A + Math.floor(i / 26), A + (i % 26)),
).filter((code) => !NOT_COUNTRIES.has(code) && regionNames.en.of(code) !== undefined);
const countryOptionsCache = new Map<Lang, { id: string; label: string }[]>();
/** Countries as a select's options, sorted by their name in the officer's language. */
export function countryOptions(lang: Lang): { id: string; label: string }[] {
  let options = countryOptionsCache.get(lang);
  if (!options) {
    const collator = new Intl.Collator(lang);
    options = COUNTRY_CODES.map((id) => ({ id, label: countryLabel(id, lang) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
    countryOptionsCache.set(lang, options);
  }
  return options;
}

export function formatAmount(range: Lead['amountRange']): string {
  if (!range) return '';
  const n = (v: number) => v.toLocaleString('fr-FR');
  return range.max === undefined
    ? `> ${n(range.min)} ${range.currency}`
    : `${n(range.min)} – ${n(range.max)} ${range.currency}`;
}

/** The officers' time zone unless the configuration names another (`OFFICER_TIME_ZONE`). */
export const DEFAULT_TIME_ZONE = 'Africa/Lome';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Dates as officers read them: in their time zone (Africa/Lomé by default), in their language,
 * to the minute ("30 nov. 2026, 05:48"). Never an ISO string: a value that is not a date shows empty.
 */
export function formatAt(iso: string | undefined, lang: Lang = 'fr', timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return formatter(lang, timeZone).format(ms);
}

/** A date formatter bound to the officer's language and time zone, for a page's components. */
export type DateFormat = (iso: string | undefined) => string;
export const dateFormat =
  (lang: Lang, timeZone: string | undefined): DateFormat =>
  (iso) =>
    formatAt(iso, lang, timeZone ?? DEFAULT_TIME_ZONE);

/** How long something has lasted, briefly: "12 min", "3 h", "2 j" (days in French). */
export function durationLabel(fromIso: string | undefined, nowMs: number, lang: Lang): string {
  if (!fromIso) return '';
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} ${lang === 'fr' ? 'j' : 'd'}`;
}
