import MiniSearch, { type Options } from 'minisearch';
import type { Entry } from './schema.js';
import { isMeaningful, stemIn, words } from './text.js';

/** Each text field exists once per language, so each is stemmed by its own language's stemmer. */
const TEXT_FIELDS = ['title', 'keywords', 'questions', 'summary', 'body'] as const;
const FIELD = /^(title|keywords|questions|summary|body)_(fr|en)$/;
export const FIELD_BOOSTS: Record<string, number> = Object.fromEntries(
  TEXT_FIELDS.flatMap((f) => {
    const boost = { title: 3, keywords: 3, questions: 2, summary: 1.5, body: 1 }[f];
    return [
      [`${f}_fr`, boost],
      [`${f}_en`, boost],
    ];
  }),
);

/**
 * MiniSearch rather than Orama: its index serializes to a plain object we ship inside the function
 * (`loadJS` needs no rebuild at cold start), it reports which query terms matched each result (the
 * confidence decision needs that), and it is small (no dependencies) and fast. The stemmers and
 * stop words come from @orama/stemmers and @orama/stopwords (Snowball ports, both languages).
 *
 * A document is stemmed in its own language (fields `title_fr`, `title_en`…); a question, whose
 * language is often unclear, is searched with both stems of each word. Indexing both stems of
 * every word instead would count a word twice whenever its two stems differ, since MiniSearch
 * multiplies a result's score by the number of query terms it matched.
 */
export const INDEX_OPTIONS: Options<Entry> = {
  idField: 'key',
  fields: TEXT_FIELDS.flatMap((f) => [`${f}_fr`, `${f}_en`]),
  // `topic` is the entry id (the document id is `<id>.<lang>`, one document per language).
  storeFields: ['topic', 'lang', 'title', 'valid_until'],
  extractField: (entry, field) => {
    if (field === 'key') return `${entry.id}.${entry.lang}`;
    if (field === 'topic') return entry.id;
    const split = FIELD.exec(field);
    const name = split ? split[1]! : field;
    if (split && split[2] !== entry.lang) return '';
    const value = (entry as unknown as Record<string, unknown>)[name];
    if (Array.isArray(value)) return value.join(' ');
    // An entry without paraphrases has no `questions`; stored fields keep their absence.
    return split ? ((value as string | undefined) ?? '') : (value as string);
  },
  tokenize: (text) => words(text),
  processTerm: (term, field) =>
    isMeaningful(term) ? stemIn(term, field?.endsWith('_en') ? 'en' : 'fr') : null,
};

export function buildSearchIndex(entries: Entry[]): MiniSearch<Entry> {
  const index = new MiniSearch<Entry>(INDEX_OPTIONS);
  index.addAll(entries);
  return index;
}

export function loadSearchIndex(serialized: ReturnType<MiniSearch['toJSON']>): MiniSearch<Entry> {
  return MiniSearch.loadJS<Entry>(serialized, INDEX_OPTIONS);
}
