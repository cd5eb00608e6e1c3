import { type OfficialEntry, toDomain, toE164, toTelegramHandle } from './registry.js';

/** Something in a message that could be checked against the registry. */
export interface Identifier {
  kind: 'phone' | 'telegram' | 'domain' | 'email';
  /** Canonical: E.164, lower-case handle, lower-case host, or the e-mail's domain. */
  value: string;
  /** As the person wrote it (shown back to them). */
  shown: string;
  /** A number written without its country code: compared on its last digits. */
  national?: boolean;
}

/** 32 symbols, no I or O (read as 1 and 0) and no 0 or 1: 8 of them carry 40 bits. */
export const CHECK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CHECK_CODE =
  /(?<![A-Za-z0-9])([A-HJ-NP-Za-hj-np-z2-9]{4})-([A-HJ-NP-Za-hj-np-z2-9]{4})(?![A-Za-z0-9])/g;

/** Check codes (`K7F3-Q2MA`) found in the text, upper-cased, in order, without repeats. */
export function extractCheckCodes(text: string): string[] {
  const found = [...text.matchAll(CHECK_CODE)]
    .map((m) => `${m[1]}-${m[2]}`.toUpperCase())
    // A code mixes letters and digits; "SANS-FRAI" or "2024-2025" is not one.
    .filter((code) => /\d/.test(code) && /[A-Z]/.test(code));
  return [...new Set(found)];
}

const EMAIL = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})/g;
const TELEGRAM_LINK = /(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\/(?:s\/)?@?[A-Za-z0-9_]+/gi;
const WHATSAPP_LINK = /(?:https?:\/\/)?(?:wa\.me|api\.whatsapp\.com\/send\?phone=)\/?\+?(\d{8,15})/gi;
const HANDLE = /(?<![\w.@])@([A-Za-z][A-Za-z0-9_]{3,31})\b/g;
const URL_OR_DOMAIN =
  /(?:https?:\/\/)?((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})(?![A-Za-z0-9-])(?:[/?#:][^\s<>"«»]*)?/g;
const INTERNATIONAL = /(?:\+|(?<!\d)00)\d[\d\s.\-()]{6,22}\d/g;
const NATIONAL = /(?<![\d+])\d[\d\s.-]{6,18}\d(?!\d)/g;
const DATE_LIKE = /^\d{1,2}[.\-/\s]\d{1,2}[.\-/\s]\d{2,4}$/;

/**
 * Every number, Telegram handle, web domain and e-mail address in a message, each once. What a
 * pattern consumed is blanked so an e-mail's domain is not read again as a web domain.
 */
export function extractIdentifiers(input: string): Identifier[] {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  const add = (id: Identifier) => {
    const key = `${id.kind}:${id.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(id);
  };
  let text = input.replace(CHECK_CODE, ' ');
  const take = (pattern: RegExp, each: (match: RegExpMatchArray) => void) => {
    text = text.replace(pattern, (...args) => {
      each(args.slice(0, -2) as unknown as RegExpMatchArray);
      return ' ';
    });
  };

  take(EMAIL, (m) => {
    const domain = toDomain(m[1] ?? '');
    if (domain) add({ kind: 'email', value: domain, shown: m[0] });
  });
  take(WHATSAPP_LINK, (m) => {
    const phone = toE164(`+${m[1]}`);
    if (phone) add({ kind: 'phone', value: phone, shown: m[0] });
  });
  take(TELEGRAM_LINK, (m) => {
    const handle = toTelegramHandle(m[0]);
    if (handle) add({ kind: 'telegram', value: handle, shown: m[0] });
  });
  take(HANDLE, (m) => {
    const handle = toTelegramHandle(m[1] ?? '');
    if (handle) add({ kind: 'telegram', value: handle, shown: m[0] });
  });
  take(URL_OR_DOMAIN, (m) => {
    const domain = toDomain(m[1] ?? '');
    // A decimal ("1.50") or an abbreviation has no letters-only top-level domain; toDomain refuses it.
    if (domain) add({ kind: 'domain', value: domain, shown: m[0].replace(/[.,;:!?)]+$/, '') });
  });
  take(INTERNATIONAL, (m) => {
    const phone = toE164(m[0]);
    if (phone) add({ kind: 'phone', value: phone, shown: m[0].trim() });
  });
  take(NATIONAL, (m) => {
    const shown = m[0].trim();
    const digits = shown.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15 || DATE_LIKE.test(shown)) return;
    add({ kind: 'phone', value: digits, shown, national: true });
  });
  return out;
}

export const VERDICTS = { official: 'official', former: 'former', unknown: 'unknown' } as const;
export type Verdict = (typeof VERDICTS)[keyof typeof VERDICTS];

export interface Finding {
  identifier: Identifier;
  verdict: Verdict;
  /** Owners of the matching entries (active ones for `official`, retired ones for `former`). */
  owners: string[];
}

const underDomain = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

function matches(id: Identifier, entry: OfficialEntry): boolean {
  switch (id.kind) {
    case 'phone':
      if (entry.kind !== 'phone' && entry.kind !== 'whatsapp') return false;
      // Without its country code a number is compared on its last digits (8 at least).
      return id.national ? entry.value.replace(/\D/g, '').endsWith(id.value) : entry.value === id.value;
    case 'telegram':
      return entry.kind === 'telegram' && entry.value === id.value;
    case 'domain':
      // A subdomain belongs to its domain's owner; `gouv.tg.example.com` does not belong to `gouv.tg`.
      return entry.kind === 'domain' && underDomain(id.value, entry.value);
    case 'email':
      return entry.kind === 'email_domain' && underDomain(id.value, entry.value);
  }
}

/** The verdict for each identifier: an active entry wins over a retired one. */
export function assess(identifiers: Identifier[], entries: OfficialEntry[]): Finding[] {
  return identifiers.map((identifier) => {
    const hits = entries.filter((e) => matches(identifier, e));
    const active = hits.filter((e) => e.status === 'active');
    if (active.length > 0)
      return { identifier, verdict: VERDICTS.official, owners: [...new Set(active.map((e) => e.owner))] };
    if (hits.length > 0)
      return { identifier, verdict: VERDICTS.former, owners: [...new Set(hits.map((e) => e.owner))] };
    return { identifier, verdict: VERDICTS.unknown, owners: [] };
  });
}
