import type { Lang } from '../channels/types.js';

/** What the leads module says to citizens and desks. */
const TEXTS = {
  fr: {
    handedBack:
      'L’agent a terminé l’échange. L’assistant automatique vous répond de nouveau ; écrivez « menu » pour voir ce que je peux faire.',
  },
  en: {
    handedBack:
      'The officer has finished the conversation. The automatic assistant is answering you again; type "menu" to see what I can do.',
  },
} as const;

export const leadTexts = (lang: Lang) => TEXTS[lang];
