import type { Lang } from '../../core/types.js';

/** What the satisfaction question says to citizens, and the console's labels of it. */
const TEXTS = {
  fr: {
    question: (ref: string) =>
      `Votre demande ${ref} est terminée. Êtes-vous satisfait(e) de l’aide reçue ? Donnez une note de 1 (pas du tout satisfait) à 5 (très satisfait).`,
    askComment:
      'Merci pour votre note ! Voulez-vous ajouter un commentaire ? Écrivez-le en un message, ou choisissez « Passer ».',
    skip: 'Passer',
    thanks: 'Merci, votre avis aide le ministère à mieux vous servir.',
    alreadyRated: 'Votre note est déjà enregistrée. Merci !',
    expired: 'Cette question n’est plus ouverte. Merci quand même !',
  },
  en: {
    question: (ref: string) =>
      `Your request ${ref} is complete. Are you satisfied with the help you received? Give a score from 1 (not at all satisfied) to 5 (very satisfied).`,
    askComment:
      'Thank you for your score! Would you like to add a comment? Write it in one message, or choose "Skip".',
    skip: 'Skip',
    thanks: 'Thank you, your opinion helps the ministry serve you better.',
    alreadyRated: 'Your score is already recorded. Thank you!',
    expired: 'This question is no longer open. Thank you all the same!',
  },
} as const;

export const satisfactionTexts = (lang: Lang) => TEXTS[lang];

/** The console's words (officers read French; English for the console's English mode). */
const CONSOLE = {
  fr: {
    rating: 'Satisfaction du citoyen',
    score: (n: number) => `${n} / 5`,
    comment: (c: string) => `« ${c} »`,
    notAsked: 'pas encore demandée',
  },
  en: {
    rating: 'Citizen satisfaction',
    score: (n: number) => `${n} / 5`,
    comment: (c: string) => `“${c}”`,
    notAsked: 'not asked yet',
  },
} as const;

export const satisfactionConsoleTexts = (lang: Lang) => CONSOLE[lang];
