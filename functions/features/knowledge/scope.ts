import { fold } from './text.js';

/**
 * The parts of a message that say what the person is *not* asking about. "Instead of just building
 * another house", "sans juste envoyer de l'argent", "rather than a loan": the words after such a
 * contrast name the thing set aside, and searching them ranks exactly the topic the person rejects.
 * Their scope ends at punctuation, at a conjunction or a new clause, or after five words.
 *
 * "Sans" / "without" set something aside only before a verb ("sans envoyer", "without sending"):
 * before a noun they are often the subject itself ("voyager sans passeport").
 */
const STOP_SCOPE =
  '(?:and|et|mais|but|so|donc|because|car|parce|who|qui|est|is|can|how|comment|je|i|we|on|nous)\\b';
const CONTRAST = new RegExp(
  `\\b(?:instead of|rather than|other than|apart from|au lieu de|au lieu d|plutot que de|plutot que d|plutot que|autre que|pas seulement|pas juste|not just|not only|sans (?:juste |seulement |simplement |forcement )?(?=[a-z]+(?:er|ir|re)\\b)|without (?:just |only |simply )?(?=[a-z]+ing\\b))\\s*((?:(?!${STOP_SCOPE})[a-z0-9]+\\s*){1,5})`,
  'g',
);

/**
 * A subordinate clause of time or condition after the request ("… sur un compte au Togo quand je
 * rentre définitivement", "… before I leave"): it says when, not what. Only mid-sentence and
 * followed by a subject, so "quand est la prochaine session ?" and "I want to know if…" keep theirs.
 */
const SUBORDINATE =
  /(?<!\b(?:savoir|sais|sait|know|knows|demande|demander|wonder|dire|dites|tell me|idea|idee))\s(?:quand|lorsque|lorsqu|des que|une fois que|avant que|apres que|when|once|before|after|as soon as|while|pendant que)\s+(?:je|j|on|nous|il|elle|ils|elles|i|we|he|she|they|my|mon|ma|mes|notre|nos)\s[^.;!?\n]*/g;

/** A message with its contrasts removed, and those removed words (never searched, never counted). */
export function withoutContrast(text: string): { text: string; dropped: string } {
  const folded = fold(text).replace(/[’'`-]/g, ' ');
  const dropped: string[] = [];
  const kept = folded.replace(CONTRAST, (_match, scope: string) => {
    dropped.push(scope.trim());
    return ' ';
  });
  return { text: kept, dropped: dropped.join(' ') };
}

/**
 * The request of a sentence and its trailing time or condition clauses. The clauses are kept as
 * context (they may help rank, they never count against an answer).
 */
export function splitSubordinate(text: string): { main: string; clauses: string } {
  const clauses: string[] = [];
  const main = text.replace(SUBORDINATE, (match, offset: number) => {
    // At the very start, the clause is the question's frame ("when I come back, can I…"): keep it.
    if (offset < 12) return match;
    clauses.push(match);
    return ' ';
  });
  return { main, clauses: clauses.join(' ') };
}
