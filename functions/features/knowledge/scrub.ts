/**
 * Removes what names or reaches a person from a question before it is stored for the curators'
 * gap report: e-mail addresses, phone numbers, handles and links, and the names people introduce
 * themselves with ("je suis Kofi Agbeko", "je m'appelle…", "my name is…"). The question stays
 * readable: each piece becomes a placeholder.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** 6+ digits with separators, an optional + or 00 prefix: phone numbers in any national format. */
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\d(?:[\s.()-]*\d){5,}(?![\p{L}\p{N}])/gu;
const HANDLE = /(?<![\p{L}\p{N}])@[\p{L}\p{N}_]{3,}/gu;
const LINK = /\b(?:https?:\/\/|www\.|t\.me\/|wa\.me\/)\S+/giu;
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]+`;
/** Case-insensitive letters without the `i` flag, which would make `\p{Lu}` match any letter. */
const anyCase = (pattern: string) => pattern.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const INTRO = anyCase(
  "(?:je suis|je m['’ ]?appelle|mon nom(?: complet)? est|moi c['’ ]?est|my name is|i am|i'm|this is|nom ?:|name ?:)",
);
/** A self-introduction followed by one to three capitalised words. */
const INTRODUCTION = new RegExp(
  String.raw`(?<![\p{L}])(${INTRO})\s+(?:(?:M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)?${NAME_WORD}(?:\s+${NAME_WORD}){0,2}`,
  'gu',
);

export function scrubPersonalData(text: string, knownNames: string[] = []): string {
  let out = text
    .replace(EMAIL, '[e-mail]')
    .replace(LINK, '[lien]')
    .replace(HANDLE, '[compte]')
    .replace(PHONE, '[téléphone]')
    .replace(INTRODUCTION, (_match, intro: string) => `${intro} [nom]`);
  for (const name of knownNames) {
    for (const part of name.split(/\s+/).filter((p) => p.length >= 3)) {
      out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(part)}(?![\\p{L}])`, 'giu'), '[nom]');
    }
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
