import { fold, isMeaningful, stems, words } from './text.js';

/**
 * Cuts `text` to at most `limit` characters at the best boundary before it: a paragraph, a line
 * (so a list loses whole items, never half of one), a sentence, or failing all, a word. A list
 * number ("2.") is not the end of a sentence. Returns the part that fits and the rest.
 */
export function cutAtBoundary(text: string, limit: number): { head: string; rest: string } {
  if (text.length <= limit) return { head: text, rest: '' };
  const window = text.slice(0, limit + 1);
  const last = (pattern: RegExp) => {
    let at = -1;
    for (const m of window.matchAll(pattern)) at = m.index + m[0].length;
    return at;
  };
  const floor = limit * 0.4;
  const candidates = [
    last(/\n\s*\n/g),
    last(/\n(?=\s*(?:[-•*]|\d{1,2}[.)])\s)/g),
    last(/\n/g),
    // A sentence ends at . ! ? followed by a space, but not after a lone list number ("2.").
    last(/(?<!(?:^|\s)\d{1,2})[.!?…](?=\s)/g),
  ];
  let cut = candidates.find((c) => c > floor && c <= limit) ?? -1;
  if (cut < 0) cut = window.lastIndexOf(' ');
  if (cut <= 0) cut = limit;
  return { head: text.slice(0, cut).trimEnd(), rest: text.slice(cut).trimStart() };
}

/** A paragraph this short ending with a colon is a heading over the next one. */
const HEADING_CHARS = 80;

/** Paragraphs of an entry's body, a list kept with the line that introduces it. */
export function blocksOf(body: string): string[] {
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const blocks: string[] = [];
  for (const p of paragraphs) {
    const previous = blocks.at(-1);
    // A list stays with the line that introduces it; so does any paragraph a bare heading
    // ("Deux démarches différentes :") introduces, so the heading is never shown alone.
    if (previous?.endsWith(':') && /^([-•*]|\d{1,2}[.)])\s/.test(p))
      blocks[blocks.length - 1] = `${previous}\n${p}`;
    else if (previous?.endsWith(':') && !previous.includes('\n') && previous.length <= HEADING_CHARS)
      blocks[blocks.length - 1] = `${previous}\n\n${p}`;
    else blocks.push(p);
  }
  return blocks;
}

const stemSet = (text: string) => new Set(words(text).filter(isMeaningful).flatMap(stems));

/** True when most of the paragraph's words (by stem) are already in the summary. */
export function repeats(summary: string, paragraph: string): boolean {
  const known = stemSet(summary);
  const said = words(paragraph).filter((w) => w.length > 3 && isMeaningful(w));
  const repeated = said.filter((w) => stems(w).some((t) => known.has(t))).length;
  return said.length > 0 && repeated / said.length >= 0.5;
}

/** Sentences and list lines of a block, in order ("2." is a list number, not a sentence end). */
function piecesOf(block: string): string[] {
  return block
    .split(/\n+|(?<=(?<!(?:^|\s)\d{1,2})[.!?…])\s+(?=\p{Lu}|«|")/u)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The part of a block that fits in `room`: all of it if it fits; else the pieces (sentences, list
 * lines) that match the question, in their order, with the line that introduces a list.
 */
function fitBlock(
  block: string,
  room: number,
  matches: (text: string) => number,
): { head: string; rest: string } {
  if (block.length <= room) return { head: block, rest: '' };
  const pieces = piecesOf(block);
  const ranked = pieces
    .map((p, i) => ({ p, i, m: matches(p) }))
    .filter((x) => x.m > 0)
    .sort((a, b) => b.m - a.m || a.i - b.i);
  const keep = new Set<number>();
  let used = 0;
  const take = (i: number) => {
    const len = pieces[i]!.length + 1;
    if (keep.has(i) || used + len > room) return false;
    keep.add(i);
    used += len;
    return true;
  };
  for (const { i } of ranked) {
    // A list item keeps the line that introduces its list.
    const intro = pieces.findLastIndex((p, k) => k < i && p.endsWith(':'));
    if (/^([-•*]|\d{1,2}[.)])\s/.test(pieces[i]!) && intro >= 0 && !keep.has(intro)) {
      if (used + pieces[intro]!.length + pieces[i]!.length + 2 > room) continue;
      take(intro);
    }
    take(i);
  }
  // A line that introduces something ("Signes d'une arnaque :") never stands without it: the
  // first of what it introduces joins it when there is room, else the line goes too.
  for (const i of [...keep].filter((k) => pieces[k]!.endsWith(':'))) {
    const introduced = followers(pieces, i);
    if (introduced.some((k) => keep.has(k))) continue;
    for (const k of introduced) if (!take(k)) break;
    if (!introduced.some((k) => keep.has(k))) {
      keep.delete(i);
      used -= pieces[i]!.length + 1;
    }
  }
  if (keep.size === 0) {
    const cut = cutAtBoundary(block, room);
    return cut.head.endsWith(':') ? { head: '', rest: block } : cut;
  }
  const join = (indexes: number[]) =>
    indexes
      .map((i, k) =>
        k > 0 && (isItem(pieces[i]!) || isItem(pieces[indexes[k - 1]!]!))
          ? `\n${pieces[i]}`
          : ` ${pieces[i]}`,
      )
      .join('')
      .trim();
  const order = [...keep].sort((a, b) => a - b);
  const left = pieces.map((_, i) => i).filter((i) => !keep.has(i));
  return { head: join(order), rest: join(left) };
}
/** What the line at `i` introduces: the list items right after it, or else the next piece. */
function followers(pieces: string[], i: number): number[] {
  const items: number[] = [];
  for (let k = i + 1; k < pieces.length && LIST_ITEM.test(pieces[k]!); k++) items.push(k);
  return items.length > 0 ? items : i + 1 < pieces.length ? [i + 1] : [];
}
const LIST_ITEM = /^([-•*]|\d{1,2}[.)])\s/;
const isItem = (p: string) => /^([-•*]|\d{1,2}[.)])\s/.test(p) || p.endsWith(':');

/** Entries end with what to do next in this chat ("Tapez « investir »…"); at most this long. */
const NEXT_STEP_CHARS = 260;

export interface Extract {
  /** The short answer: the summary, the passage that answers the question, the next step. */
  text: string;
  /** The rest of the entry, for "read more". */
  rest: string;
  /** The passage chosen (for the source line). */
  passage: string;
}

/**
 * The short answer from an entry: its summary, then the paragraph that best matches the
 * question's words (not merely the opening: a name asked for may be in the third paragraph),
 * never one that says the summary again, then the entry's next step; at most `limit` characters.
 */
export function extractFor(
  entry: { summary: string; body: string },
  focus: string[] = [],
  limit = 600,
): Extract {
  const blocks = blocksOf(entry.body);
  const last = blocks.length > 1 ? blocks.at(-1)! : '';
  const nextStep = last.length <= NEXT_STEP_CHARS ? last : '';
  const candidates = (nextStep ? blocks.slice(0, -1) : blocks).filter((b) => !repeats(entry.summary, b));
  const asked = new Set(focus.filter(isMeaningful).flatMap(stems));
  const summaryStems = stemSet(entry.summary);
  // The question's words a text has, those the summary does not already answer counting extra.
  const matches = (text: string) =>
    [...stemSet(text)].reduce((n, t) => n + (asked.has(t) ? (summaryStems.has(t) ? 1 : 1.5) : 0), 0);
  let best = candidates[0];
  let bestScore = 0;
  for (const b of candidates) {
    const m = matches(b);
    if (m > bestScore) {
      best = b;
      bestScore = m;
    }
  }
  const room = Math.max(0, limit - entry.summary.length - nextStep.length - 4);
  let summary = entry.summary;
  let { head, rest } = best ? fitBlock(best, room, matches) : { head: '', rest: '' };
  // The passage that answers the question does not fit beside the summary: the passage wins (the
  // summary is the general answer, the source line names the topic).
  if (best && bestScore > 0 && matches(head) === 0) {
    summary = '';
    ({ head, rest } = fitBlock(best, Math.max(0, limit - nextStep.length - 2), matches));
  }
  const others = candidates.filter((b) => b !== best);
  return {
    text: [summary, head, nextStep].filter(Boolean).join('\n\n'),
    rest: [rest, ...others].filter(Boolean).join('\n\n'),
    passage: `${summary}\n${head}`,
  };
}

/** A source's short name: the acronym a body is known by, or the seed document's title before its details. */
export function shortSourceName(source: string, title: string | undefined): string {
  if (title) return title.replace(/\s*\(.*$/, '').trim();
  const acronym = /\(([^)]+)\)\s*$/.exec(source)?.[1];
  if (acronym) return acronym;
  return source.split(',')[0]!.trim();
}

const GENERIC_SOURCE_WORDS = new Set(
  'togo togolais togolaise projet programme mission diaspora decembre octobre juillet fevrier communique delegation exterieur'.split(
    ' ',
  ),
);

/**
 * The sources that support a passage: those whose name (or acronym) the passage mentions; the
 * entry's first source when none is named. At most two, so the line stays short on a phone.
 */
export function supportingSources(
  sources: string[],
  passage: string,
  sourceTitles: Record<string, string>,
): string[] {
  const text = ` ${fold(passage)} `;
  const named = sources.filter((s) => {
    const name = fold(`${s} ${sourceTitles[s] ?? ''}`);
    const acronyms = [...`${s} ${sourceTitles[s] ?? ''}`.matchAll(/\b[A-Z][A-Z0-9-]{1,}\b/g)].map((m) =>
      fold(m[0]),
    );
    const distinctive = words(name).filter((w) => w.length >= 6 && !GENERIC_SOURCE_WORDS.has(w));
    return (
      acronyms.some((a) => new RegExp(`[^a-z0-9]${a}[^a-z0-9]`).test(text)) ||
      distinctive.some((w) => text.includes(w.slice(0, 7)))
    );
  });
  const chosen = named.length > 0 ? named : sources.slice(0, 1);
  return chosen.slice(0, 2).map((s) => shortSourceName(s, sourceTitles[s]));
}
