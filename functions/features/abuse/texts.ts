import type { Lang } from '../../core/types.js';

/** The abuse guard's own words, French first. */
export const ABUSE_TEXTS = {
  fr: {
    slowDown:
      'Vous m’écrivez très vite ! Pour que je puisse répondre à tout le monde, merci de patienter une minute avant votre prochain message.',
  },
  en: {
    slowDown:
      'You are writing very fast! So that I can answer everyone, please wait a minute before your next message.',
  },
} as const satisfies Record<Lang, Record<string, string>>;
