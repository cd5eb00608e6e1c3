import type { Lang } from '../../core/types.js';

/** What the assistant says about a voice note, French first. */
export const VOICE_TEXTS = {
  fr: {
    understood: (text: string) => `🎤 J’ai compris : « ${text} »`,
    tooLong: (minutes: string) =>
      `Votre message vocal est trop long pour moi (${minutes} au plus). Pouvez-vous écrire votre demande en quelques mots ?`,
    cannotListen:
      'Désolé, je ne peux pas écouter ce message vocal. Pouvez-vous écrire votre demande en quelques mots ?',
    notHeard:
      'Je n’ai rien entendu dans ce message vocal. Pouvez-vous écrire votre demande en quelques mots ?',
  },
  en: {
    understood: (text: string) => `🎤 I understood: “${text}”`,
    tooLong: (minutes: string) =>
      `Your voice message is too long for me (${minutes} at most). Could you write your request in a few words?`,
    cannotListen:
      'Sorry, I cannot listen to this voice message. Could you write your request in a few words?',
    notHeard: 'I could not hear anything in this voice message. Could you write your request in a few words?',
  },
} as const;

export const voiceTexts = (lang: Lang) => VOICE_TEXTS[lang];

/** "2 minutes", "90 secondes": the limit as the person reads it. */
export function durationWords(seconds: number, lang: Lang): string {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  }
  return lang === 'fr' ? `${seconds} secondes` : `${seconds} seconds`;
}
