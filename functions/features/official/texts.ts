import type { Lang } from '../../core/types.js';
import type { Finding } from './extract.js';

/** Dates as people in Lomé read them (Lomé is on UTC all year). */
export function formatLome(atMs: number, lang: Lang): string {
  const when = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Africa/Lome',
  }).format(new Date(atMs));
  return lang === 'fr' ? `${when} (heure de Lomé)` : `${when} (Lomé time)`;
}

const fr = {
  askWhat:
    'Envoyez-moi le numéro, le lien, le compte Telegram ou l’adresse e-mail à vérifier — ou transférez-moi directement le message reçu.',
  nothingFound:
    'Je n’ai trouvé dans ce message ni numéro, ni lien, ni compte Telegram, ni adresse e-mail, ni code de vérification à contrôler.',
  intro: 'Voici ce que j’ai vérifié dans la liste des canaux officiels :',
  official: (f: Finding) => `✅ ${f.identifier.shown} : canal officiel (${f.owners.join(', ')}).`,
  former: (f: Finding) =>
    `⚠️ ${f.identifier.shown} : ancien canal officiel (${f.owners.join(', ')}), qui n’est plus utilisé.`,
  unknown: (f: Finding) => `❌ ${f.identifier.shown} : ne figure pas dans la liste des canaux officiels.`,
  defaultAdvice: (url: string) =>
    `En cas de doute, ne payez rien et ne communiquez aucune information : contactez le ministère par les canaux listés sur ${url}.`,
  codeValid: (code: string, desk: string, when: string) =>
    `✅ Le code ${code} est authentique : ce message a été envoyé par un agent du ministère (${desk}), le ${when}. Son contenu n’est pas conservé ici : comparez la date avec celle du message reçu.`,
  codeExpired: (code: string, days: number) =>
    `⚠️ Le code ${code} a expiré (les codes sont valables ${days} jours) : ce message ne peut plus être vérifié.`,
  codeUnknown: (code: string) =>
    `❌ Aucun message du ministère ne porte le code ${code}. Ce message n’a pas été envoyé par le ministère : il peut s’agir d’une tentative de fraude.`,
  tooManyChecks: 'Vous avez fait beaucoup de vérifications de codes : réessayez dans une heure.',
  checkCodeLine: (code: string) => `Code de vérification : ${code}`,
};

const en: typeof fr = {
  askWhat:
    'Send me the number, link, Telegram account or e-mail address to check — or simply forward me the message you received.',
  nothingFound:
    'I found no number, link, Telegram account, e-mail address or verification code to check in this message.',
  intro: 'Here is what I checked against the list of official channels:',
  official: (f) => `✅ ${f.identifier.shown}: official channel (${f.owners.join(', ')}).`,
  former: (f) =>
    `⚠️ ${f.identifier.shown}: former official channel (${f.owners.join(', ')}), no longer in use.`,
  unknown: (f) => `❌ ${f.identifier.shown}: not in the list of official channels.`,
  defaultAdvice: (url) =>
    `If in doubt, pay nothing and share no information: contact the ministry through the channels listed on ${url}.`,
  codeValid: (code, desk, when) =>
    `✅ The code ${code} is genuine: this message was sent by an officer of the ministry (${desk}) on ${when}. Its content is not kept here: compare the date with the message you received.`,
  codeExpired: (code, days) =>
    `⚠️ The code ${code} has expired (codes are valid for ${days} days): this message can no longer be verified.`,
  codeUnknown: (code) =>
    `❌ No message from the ministry carries the code ${code}. This message was not sent by the ministry: it may be a fraud attempt.`,
  tooManyChecks: 'You have checked many codes: please try again in an hour.',
  checkCodeLine: (code) => `Verification code: ${code}`,
};

export const officialTexts = (lang: Lang) => (lang === 'en' ? en : fr);
