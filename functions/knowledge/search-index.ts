import MiniSearch, { type Options } from 'minisearch';
import type { Entry } from './schema.js';
import { isMeaningful, stems, words } from './text.js';

/**
 * MiniSearch rather than Orama: its index serializes to a plain object we ship inside the function
 * (`loadJS` needs no rebuild at cold start), it lets one word index as several terms (the French
 * and the English stem, so a question in one language meets keywords of the other), it reports
 * which query terms matched each result (the confidence decision needs that), and it is small
 * (no dependencies) and fast. The stemmers and stop words come from @orama/stemmers and
 * @orama/stopwords (Snowball ports), which are maintained and cover both languages.
 */
export const INDEX_OPTIONS: Options<Entry> = {
  idField: 'key',
  fields: ['title', 'keywords', 'summary', 'body'],
  // `topic` is the entry id (the document id is `<id>.<lang>`, one document per language).
  storeFields: ['topic', 'lang', 'title', 'valid_until'],
  extractField: (entry, field) => {
    if (field === 'key') return `${entry.id}.${entry.lang}`;
    if (field === 'topic') return entry.id;
    const value = (entry as unknown as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.join(' ') : (value as string);
  },
  tokenize: (text) => words(text),
  processTerm: (term) => (isMeaningful(term) ? stems(term) : null),
};

export function buildSearchIndex(entries: Entry[]): MiniSearch<Entry> {
  const index = new MiniSearch<Entry>(INDEX_OPTIONS);
  index.addAll(entries);
  return index;
}

export function loadSearchIndex(serialized: ReturnType<MiniSearch['toJSON']>): MiniSearch<Entry> {
  return MiniSearch.loadJS<Entry>(serialized, INDEX_OPTIONS);
}
