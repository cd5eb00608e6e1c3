import { fold, words } from './text.js';

/** A message split into the question itself and what the person said before it. */
export interface Focus {
  /** Words of the question (folded, chat-speak expanded). */
  focus: string[];
  /** Words of the story around it: they may help rank, never count against an answer. */
  context: string[];
}

/** Up to this many words, the whole message is the question. */
const SHORT = 18;
/** Fewer words than this after a cue: the question is too short to stand alone, keep the clause before. */
const MIN_FOCUS = 5;

/**
 * Where a question starts, in the forms people write on a phone. The last cue of a long message
 * is where its question usually is ("… 14 ans en Allemagne … est-ce que vous avez un
 * accompagnement ?"); "ma question :" wins outright.
 */
const CUES = [
  'ma question',
  'ma vraie question',
  'my question',
  'my real question',
  'question',
  'est ce que',
  'est ce qu',
  'est ce qu il',
  'comment',
  'pourquoi',
  'qui peut',
  'a qui',
  'par ou',
  'que faire',
  'que dois je',
  'faut faire quoi',
  'faut il',
  'peut on',
  'puis je',
  'je peux',
  'on peut',
  'y a t il',
  'il y a t il',
  'existe t il',
  'quelles sont',
  'quels sont',
  'quel est',
  'quelle est',
  'how',
  'what',
  'where',
  'who can',
  'who do',
  'who should',
  'which',
  'is there',
  'are there',
  'is it',
  'can i',
  'can we',
  'can you',
  'could i',
  'could you',
  'do i',
  'do you',
  'does',
  'should i',
  'any',
].map((c) => c.split(' '));

/** Intent phrases: the question when a message asks nothing ("je voudrais encadrer des jeunes…"). */
const INTENTS = [
  'je veux',
  'je voudrais',
  'j aimerais',
  'je souhaite',
  'on veut',
  'on voudrait',
  'nous voulons',
  'i want',
  'i would like',
  'we want',
  'we would like',
  'looking for',
  'i need',
].map((c) => c.split(' '));

function cueAt(ws: string[], i: number, cues: string[][]): boolean {
  return cues.some((cue) => cue.every((w, k) => ws[i + k] === w));
}

/** The question of a message and the story before it; a short message is all question. */
export function focusOf(text: string): Focus {
  const all = words(text);
  if (all.length <= SHORT) return { focus: all, context: [] };
  // Sentences as written: the last one with a question mark is the question, if it is not a mere
  // "c possible ?" (then the sentence before it carries the topic).
  const sentences = fold(text)
    .split(/(?<=[?!.;:])\s+|\n+/)
    .map((s) => ({ ws: words(s), asks: s.trim().endsWith('?') }))
    .filter((s) => s.ws.length > 0);
  let start = -1;
  let offset = 0;
  const starts = sentences.map((s) => {
    const at = offset;
    offset += s.ws.length;
    return at;
  });
  for (let k = sentences.length - 1; k >= 0; k--) {
    if (sentences[k]!.asks) {
      start = starts[k]!;
      if (sentences[k]!.ws.length < MIN_FOCUS && k > 0) start = starts[k - 1]!;
      break;
    }
  }
  if (start < 0) {
    // No question mark: the last question cue that leaves a question of a few words, or failing
    // that the last intent ("je voudrais…").
    for (const cues of [CUES, INTENTS]) {
      for (let i = all.length - MIN_FOCUS; i >= 0 && start < 0; i--) if (cueAt(all, i, cues)) start = i;
      if (start >= 0) break;
    }
  }
  if (start <= 0) return { focus: all, context: [] };
  // "ma question : …" ends the story outright.
  for (let i = start; i >= 0; i--) {
    if (cueAt(all, i, [CUES[0]!, CUES[1]!, CUES[2]!, CUES[3]!])) {
      start = i;
      break;
    }
  }
  return { focus: withoutCue(all.slice(start)), context: all.slice(0, start) };
}

/** "ma vraie question : je veux investir…" is a question about investing: the cue itself says nothing. */
function withoutCue(focus: string[]): string[] {
  const cue = CUES.slice(0, 4).find((c) => c.every((w, k) => focus[k] === w));
  return cue && focus.length > cue.length ? focus.slice(cue.length) : focus;
}
