import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemFr } from '@orama/stemmers/french';
import { stopwords as stopEn } from '@orama/stopwords/english';
import { stopwords as stopFr } from '@orama/stopwords/french';

/** Lowercase and strip accents, so "données", "Donnees" and "DONNÉES" are one word. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/**
 * How people write on WhatsApp, mapped to plain words before anything else. Only abbreviations with
 * one common meaning are here; keys and values are already folded.
 */
const CHAT_SPEAK: Record<string, string> = {
  slt: 'salut',
  bjr: 'bonjour',
  bsr: 'bonsoir',
  cmt: 'comment',
  cmnt: 'comment',
  komen: 'comment',
  koman: 'comment',
  jveux: 'je veux',
  jvx: 'je veux',
  jvoudrais: 'je voudrais',
  jsuis: 'je suis',
  chui: 'je suis',
  jpeux: 'je peux',
  jpx: 'je peux',
  jsais: 'je sais',
  jai: 'j ai',
  stp: 's il te plait',
  svp: 's il vous plait',
  pk: 'pourquoi',
  pq: 'pourquoi',
  pkoi: 'pourquoi',
  qd: 'quand',
  kan: 'quand',
  tjrs: 'toujours',
  tjs: 'toujours',
  bcp: 'beaucoup',
  c: 'c est',
  t: 't es',
  koi: 'quoi',
  kwa: 'quoi',
  ki: 'qui',
  kel: 'quel',
  kelle: 'quelle',
  kels: 'quels',
  keske: 'qu est ce que',
  ds: 'dans',
  pr: 'pour',
  pou: 'pour',
  ac: 'avec',
  avc: 'avec',
  tt: 'tout',
  dc: 'donc',
  pcq: 'parce que',
  pck: 'parce que',
  ya: 'il y a',
  mm: 'meme',
  qqn: 'quelqu un',
  qqun: 'quelqu un',
  qqch: 'quelque chose',
  mtn: 'maintenant',
  mnt: 'maintenant',
  msg: 'message',
  rdv: 'rendez vous',
  pb: 'probleme',
  pbm: 'probleme',
  infos: 'informations',
  info: 'information',
  doc: 'document',
  docs: 'documents',
  gvt: 'gouvernement',
  gouv: 'gouvernement',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  wanna: 'want to',
  gonna: 'going to',
  govt: 'government',
  gov: 'government',
  abt: 'about',
  hw: 'how',
  biz: 'business',
  jme: 'je me',
  jdois: 'je dois',
  jpense: 'je pense',
  jcrois: 'je crois',
  jsp: 'je sais pas',
  jcp: 'je sais pas',
  g: 'j ai',
  qlq: 'quelque',
  qlqs: 'quelques',
  qq: 'quelques',
  qques: 'quelques',
  ptit: 'petit',
  ptite: 'petite',
  ns: 'nous',
  vs: 'vous',
  tps: 'temps',
  dsl: 'desole',
  mrc: 'merci',
  mci: 'merci',
  nn: 'non',
  ke: 'que',
  kom: 'comment',
  cb: 'combien',
  cbn: 'combien',
  tel: 'telephone',
  num: 'numero',
  im: 'i am',
  ive: 'i have',
  cant: 'cannot',
  idk: 'i do not know',
  ppl: 'people',
  bc: 'because',
  cuz: 'because',
  thru: 'through',
  wat: 'what',
  wht: 'what',
  bro: 'brother',
  sis: 'sister',
};

/** Words that carry no topic in a question ("je voudrais savoir", "tell me"), on top of the stop lists. */
const FILLER = `bonjour bonsoir salut coucou merci svp stp plait please thanks thank hello hi hey
  veux voudrais voudr souhaite souhaiterais aimerais aimer savoir connaitre dire explique expliquer expliquez
  peux peut peuvent puis pourrais pouvez pourriez possible faut faire fait want wanted would like need needs know tell explain show give
  can could help besoin question questions information informations renseignement renseignements
  quoi quel quelle quels quelles comment pourquoi quand ou combien what which how why when where who whom
  est sont etre ai avoir also aussi svp ok oui non yes no please get
  beaucoup bien tres super cool okay parfait genial bye revoir ciao great nice fine lot lots
  adresser obtenir trouver cherche chercher get obtain find looking
  voila alors bon franchement juste vraiment exactement actuellement svp allo
  actually basically honestly really just exactly currently okay anyway
  si ca cela ceci veut veulent voulons voulez allez aller va vais vont plus moins tout tous toute toutes
  chose choses quelque deja toujours encore depuis dois doit doivent devoir devez fais font
  maintenant aujourd hui hier demain ans annee mois semaine semaines jour jours
  anything something someone somebody thing things stuff truc trucs kind sort way ways
  every each month months year years week weeks day days today yesterday tomorrow now already still
  ask asked says said say going go goes got gets getting make makes
  entre deux trois fois vrai vraie`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  [...stopFr, ...stopEn, ...FILLER.split(/\s+/)].map((w) => fold(w)).filter(Boolean),
);

/**
 * Words true of almost every entry (the country, the diaspora): they help ranking but are no
 * evidence that a question is in scope ("quel temps fait-il au Togo ?").
 */
export const GENERIC = new Set([
  'togo',
  'togolais',
  'togolaise',
  'togolaises',
  'togolese',
  'diaspora',
  'pays',
  'country',
]);

/** Splits folded text into words, after expanding chat-speak; keeps digits and years. */
export function words(text: string): string[] {
  const raw = fold(text)
    .replace(/[’']/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return raw.flatMap((w) => (CHAT_SPEAK[w] ?? w).split(' '));
}

/** Both stems of a folded word: French and English, so a question in either language meets both. */
export function stems(word: string): string[] {
  const known = stemCache.get(word);
  if (known) return known;
  let result: string[];
  if (/^\d+$/.test(word)) result = [word];
  else {
    const fr = stemFr(word);
    const en = stemEn(word);
    result = fr === en ? [fr] : [fr, en];
  }
  // A language's working vocabulary is small: caching makes indexing and queries several times faster.
  if (stemCache.size > 50_000) stemCache.clear();
  stemCache.set(word, result);
  return result;
}
const stemCache = new Map<string, string[]>();

/** The stem of a folded word in one language (how a document's words are indexed). */
export function stemIn(word: string, lang: 'fr' | 'en'): string {
  const [fr, en] = stems(word);
  return lang === 'en' ? (en ?? fr!) : fr!;
}

/** A meaningful word of a question: not a stop word, not a lone digit or letter. */
export function isMeaningful(word: string): boolean {
  if (STOPWORDS.has(word)) return false;
  if (/^\d+$/.test(word)) return word.length === 4; // a year ("2024"), not "2+2"
  // An amount or a time as typed on a phone ("200e", "30k", "10h"): a figure, not a topic word.
  if (/^\d/.test(word)) return false;
  return word.length >= 2;
}

/** The key a knowledge gap is grouped by: its meaningful stems, sorted, so word order and typos in stop words don't split it. */
export function normalizeQuestion(text: string): string {
  const keys = new Set(
    words(text)
      .filter(isMeaningful)
      .map((w) => stems(w)[0]!),
  );
  return [...keys].sort().join(' ') || fold(text).trim().slice(0, 80);
}

const FR_STOP = new Set(stopFr.map(fold));
const EN_STOP = new Set(stopEn.map(fold));

/**
 * A fallback language guess from stop words and accents, for questions the conversation's
 * detector leaves undecided ("meilleur restaurant à Lomé"). Undefined when nothing tells.
 */
export function guessLang(text: string): 'fr' | 'en' | undefined {
  let fr = /[àâçéèêëîïôûùœ]/i.test(text) ? 1 : 0;
  let en = 0;
  for (const word of words(text)) {
    if (FR_STOP.has(word) && !EN_STOP.has(word)) fr++;
    if (EN_STOP.has(word) && !FR_STOP.has(word)) en++;
  }
  if (fr === en) return undefined;
  return fr > en ? 'fr' : 'en';
}
