import type { Lang } from '../core/types.js';

/**
 * A small lexicon vote, enough to tell French from English in chat messages (including the way
 * people write on WhatsApp: "slt", "cmt", "jveux", no accents). It only decides when one side
 * clearly wins; short or neutral messages ("1", "ok", "PIA") leave the language as it was.
 */
const FR = new Set(
  `bonjour bonsoir salut slt bjr cc coucou je j jveux veux voudrais souhaite le la les des du de un une est sont
  comment cmt quoi quel quelle quels quelles ou où pourquoi pq qui mon ma mes vous tu toi moi nous stp svp merci mrc
  et pour avec dans sur au aux ce cette ces mais aussi faire peut peux pouvez puis-je aide français francais
  investir entreprise creer créer donnees données supprimer rentrer envoyer argent passeport ambassade projet
  actualites actualités abonner inscrire formation competences compétences parle parler agent ministere ministère
  dossier etat état demande quelles suis avoir etre être c est qu que en`.split(/\s+/),
);
// No "a": it is also French ("il a", "à" typed without its accent).
const EN = new Set(
  `hello hi hey good morning evening the an what how where who why when is are am i i'm im my me you your we want
  would like please pls thanks thank can could do does english invest business company create data delete return
  send money passport embassy project news subscribe register training skills talk speak officer ministry request
  status about tell of and in to for with on at this that it from which there their help`.split(/\s+/),
);

export function detectLanguage(text: string): Lang | undefined {
  const words = text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (FR.has(word)) fr++;
    if (EN.has(word)) en++;
  }
  if (fr === en) return undefined;
  // One lone marker in a long text is weak evidence; require a clear margin.
  if (fr > en && fr - en >= 1 && fr >= en * 1.5) return 'fr';
  if (en > fr && en - fr >= 1 && en >= fr * 1.5) return 'en';
  return undefined;
}

/** Explicit language choices: "/lang en", "english", "anglais", "français"... */
export function explicitLanguageChoice(text: string): Lang | undefined {
  const t = text.trim().toLowerCase();
  if (/^\/lang(uage)?\s+en\b/.test(t) || /^(english|anglais|in english|en anglais|lang en)$/.test(t))
    return 'en';
  if (/^\/lang(ue)?\s+fr\b/.test(t) || /^(fran[cç]ais|french|en fran[cç]ais|in french|lang fr)$/.test(t))
    return 'fr';
  return undefined;
}
