import { fold } from './text.js';

/**
 * Attempts to change the assistant's rules. The question is still only data (the model never sees
 * it as instructions), but answering such a message as a search query would look like compliance,
 * so it gets the ordinary "I can't answer that" instead.
 */
const INJECTION = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules?|prompts?|guidelines|context|above)\b/,
  /\b(ignore|oublie|oubliez|ignorez|ignores?)\b.{0,40}\b(instructions?|consignes?|regles?|prompts?|directives?)\b/,
  /\b(system|developer) (prompt|message|mode)\b/,
  /\bprompt systeme\b/,
  /\b(you are|you re|tu es|vous etes) (now|maintenant|desormais)\b/,
  /\b(act|behave) as\b|\bpretend (to be|you)\b|\bfais semblant\b|\bjailbreak\b|\bdan mode\b/,
  /\b(reveal|show|print|repeat|affiche|montre|revele)\b.{0,30}\b(prompt|instructions?|consignes?)\b/,
  /\b(forget|ignore|oublie|oubliez|ignore) (everything|all|tout)\b/,
  /\badmin(istrator)? (access|mode|rights|privileges)\b|\b(acces|mode|droits) (admin|administrateur)\b/,
];

export function looksLikeInjection(question: string): boolean {
  const text = fold(question).replace(/[’']/g, ' ').replace(/\s+/g, ' ');
  return INJECTION.some((pattern) => pattern.test(text));
}

/**
 * Broad categories a diaspora desk never answers (weather, sport, cooking, jokes, arithmetic,
 * translation, entertainment, fuel and market prices, gambling). This is a category signal,
 * not a list of questions: a word here only refuses when the best entry does not contain it.
 */
const OFF_DOMAIN = new Set(
  `meteo pluie pleut neige temperature weather rain raining forecast sunny snow
  football foot soccer ligue champions basket basketball tennis nba fifa buteur sport sports
  recette recettes cuisine cuisiner cuire gateau bake baking recipe recipes cook cooking bread cake pizza
  blague blagues joke jokes drole funny devinette riddle humour humor
  calcul calcule calculer multiplie multiply math maths mathematics equation arithmetique arithmetic
  traduis traduisez traduire translate translation
  clock horloge
  film films movie movies chanson chansons song songs musique music netflix celebrite celebrity
  essence carburant fuel petrol gasoline bitcoin crypto horoscope astrologie
  loto lotto lottery casino betting gambling`
    .split(/\s+/)
    .filter(Boolean),
);

export function offDomainWords(words: string[]): string[] {
  return words.filter((w) => OFF_DOMAIN.has(w));
}

/** "2+2", "12 x 7" (not "2024-2025" nor "22-26 juillet"): arithmetic is out of scope whatever else the message says. */
export function looksLikeArithmetic(question: string): boolean {
  return /\d\s*[+*×÷=]\s*\d|\d\s+[x/]\s+\d/.test(question);
}

/**
 * General-knowledge and clock questions ("capital of…", "who won…", "what time is it"): a category, like
 * the lexicon above, that no diaspora desk answers even when one word ("capital") is in the base.
 */
const TRIVIA = [
  /\b(capital|capitale) (city )?(of|de|du|des)\b/,
  /\b(population|superficie|area) (of|de|du|des)\b/,
  /\bwho (won|scored|invented|discovered|wrote|sang)\b/,
  /\bqui a (gagne|marque|invente|decouvert|ecrit|chante)\b/,
  /\bhow (old|tall|far|many calories)\b/,
  /\bwhat time is it\b|\bquelle heure\b|\bil est quelle heure\b|\bheure (est il|il est)\b/,
];

export function looksLikeTrivia(question: string): boolean {
  const text = fold(question).replace(/[’']/g, ' ');
  return TRIVIA.some((pattern) => pattern.test(text));
}

/** Questions about the assistant itself, which contain only stop words ("qui es-tu ?", "what can you do"). */
const ABOUT_SELF = [
  /\b(qui|ki|c ?est quoi|c quoi|t ?es quoi) (es|est|etes)? ?[- ]?(tu|toi|vous|ce bot|cet assistant)\b/,
  /\b(t|tu es|t es) (qui|ki|quoi)\b/,
  /\b(que|qu est ce que) (peux|pouvez|sais|savez|fais|faites)[- ]?(tu|vous)? ?(faire)?\b/,
  /\bwho (are|r) (you|u)\b/,
  /\bwhat (can|do) (you|u|this bot|this assistant) do\b/,
  /\bwhat are you\b/,
];

export function asksAboutAssistant(question: string): boolean {
  const text = fold(question)
    .replace(/[’'?!.,-]/g, ' ')
    .replace(/\s+/g, ' ');
  return ABOUT_SELF.some((pattern) => pattern.test(text));
}
