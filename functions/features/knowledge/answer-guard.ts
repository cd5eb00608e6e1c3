import { fold } from '../../engine/words.js';
import type { Passage } from './llm.js';

/**
 * What a model answer must never bring in by itself: where to go, whom to write to, what to pay
 * and how. Each is allowed only when the cited entries hold it; otherwise the answer falls back
 * to the extractive one (an official "Source :" line under a scammer's site is the harm).
 */
const DETAILS: { kind: string; pattern: RegExp }[] = [
  { kind: 'link', pattern: /\b(?:https?:\/\/|www\.)\S+/giu },
  { kind: 'e-mail', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu },
  // Bare domains and paths: togo-invest-aide.com, t.me/TogoAideOfficiel, wa.me/228…
  {
    kind: 'domain',
    pattern: /(?<![\p{L}\p{N}@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}\b(?:\/[^\s,;)]*)?/giu,
  },
  // Handles: @TogoAideOfficiel (an e-mail is caught above, and has a word before its @).
  { kind: 'handle', pattern: /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_]{3,}/giu },
  // Bank and wallet coordinates: an IBAN, a long account or wallet number.
  { kind: 'account', pattern: /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{1,4}){3,}\b/gu },
  { kind: 'phone', pattern: /(?<![\p{L}\p{N}_-])\+?\d(?:[\s.()-]*\d){6,}/gu },
];

/**
 * Words of a payment instruction, folded (no accents, lower case). Allowed only when a cited entry
 * uses the same word: the knowledge base says what to pay, the model never does.
 */
const PAYMENT_WORDS = [
  'reglez',
  'regler',
  'reglement',
  'payez',
  'payer',
  'paiement',
  'versez',
  'verser',
  'versement',
  'virement',
  'virez',
  'envoyez l argent',
  'frais',
  'cotisation',
  'mobile money',
  'tmoney',
  't money',
  'flooz',
  'moov money',
  'orange money',
  'western union',
  'moneygram',
  'wave',
  'iban',
  'rib',
  'swift',
  'bitcoin',
  'crypto',
  'usdt',
  'carte bancaire',
  'pay',
  'payment',
  'fee',
  'fees',
  'wire',
  'transfer',
  'deposit',
  'send money',
];

const squash = (s: string) =>
  fold(s)
    .replace(/[\s().\-/]/g, '')
    .replace(/[,;:!?]+$/, '');

const words = (s: string) => ` ${fold(s).replace(/[^a-z0-9]+/g, ' ')} `;

/**
 * The first link, domain, handle, e-mail, phone number, account number or payment word in
 * `answer` that none of `cited` contains, if any.
 */
export function ungroundedDetail(answer: string, cited: Passage[]): string | undefined {
  const source = cited.map((p) => `${p.title} ${p.summary} ${p.body}`).join(' ');
  const squashed = squash(source);
  for (const { pattern } of DETAILS) {
    for (const found of answer.match(pattern) ?? []) {
      const detail = found.replace(/[.,;:!?]+$/, '');
      if (!squashed.includes(squash(detail))) return detail;
    }
  }
  const sourceWords = words(source);
  const answerWords = words(answer);
  return PAYMENT_WORDS.find((w) => answerWords.includes(` ${w} `) && !sourceWords.includes(` ${w} `));
}
