import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { Lang } from '../../core/types.js';
import { detectLanguage } from '../../engine/language.js';
import type { KnowledgeArtifact } from './artifact.js';
import type { Entry } from './schema.js';
import { FIELD_BOOSTS, loadSearchIndex } from './search-index.js';
import {
  asksAboutAssistant,
  looksLikeArithmetic,
  looksLikeInjection,
  looksLikeTrivia,
  offDomainWords,
} from './signals.js';
import { GENERIC, guessLang, isMeaningful, stems, words } from './text.js';

export type KnowledgeEntry = KnowledgeArtifact['entries'][number];

/** One ranked topic: the entry in the answer's language, best first. */
export interface Hit {
  id: string;
  lang: Lang;
  title: string;
  score: number;
}

export const REASONS = {
  ok: 'ok',
  empty: 'empty',
  injection: 'injection',
  offDomain: 'off-domain',
  noMatch: 'no-match',
  weak: 'weak-match',
} as const;
export type Reason = (typeof REASONS)[keyof typeof REASONS];

export interface Retrieval {
  question: string;
  lang: Lang;
  confident: boolean;
  reason: Reason;
  /** Share of the question's topic words the best entry matched (0..1), for logs and tuning. */
  coverage: number;
  hits: Hit[];
  /** The best entry, in the answer's language, when confident. */
  best?: KnowledgeEntry | undefined;
}

export interface SearchOptions {
  nowMs: number;
  /** The person's language when known (the contact's); else detected from the question. */
  lang?: Lang | undefined;
  limit?: number;
}

/** A typo or a prefix ("invest" → "investissement") counts, but less than the word itself. */
const PARTIAL_CREDIT = 0.7;
const MAX_QUERY_WORDS = 40;
/** The entry that describes the assistant itself. */
export const ABOUT_ID = 'about-assistant';

const stillValid = (validUntil: unknown, nowMs: number) =>
  typeof validUntil !== 'string' || Date.parse(`${validUntil}T23:59:59Z`) >= nowMs;

/**
 * Retrieval over the shipped artifact: bilingual search, then a confidence decision based on how
 * much of the question the best entry covers, not on the raw score (BM25 scores grow with the
 * length of the question and can't be compared across questions).
 */
export function createRetriever(artifact: KnowledgeArtifact) {
  const index: MiniSearch<Entry> = loadSearchIndex(artifact.index);
  const byKey = new Map(artifact.entries.map((e) => [`${e.id}.${e.lang}`, e]));

  function entry(id: string, lang: Lang): KnowledgeEntry | undefined {
    return byKey.get(`${id}.${lang}`) ?? byKey.get(`${id}.${lang === 'fr' ? 'en' : 'fr'}`);
  }

  /** Searches the stems of each word (`groups`: one list of stems per word of the question). */
  function rank(groups: string[][], nowMs: number): SearchResult[] {
    const terms = [...new Set(groups.flat())];
    if (terms.length === 0) return [];
    const search = (loose: (term: string) => boolean) =>
      index.search(terms.join(' '), {
        tokenize: (s) => s.split(' '),
        processTerm: (t) => t,
        boost: FIELD_BOOSTS,
        combineWith: 'OR',
        prefix: (term) => loose(term) && term.length >= 4,
        // One typo in a word of 5+ letters, two from 9: enough for phone typing.
        fuzzy: (term) => loose(term) && (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false),
        filter: (r) => stillValid(r.valid_until, nowMs),
      });
    // Exact terms first; typo and prefix expansion only for the words none of whose stems matched.
    // Expanding every term costs 5-10x more on a large base and adds little where the word matched.
    const exact = search(() => false);
    const matched = new Set(exact.flatMap((r) => r.queryTerms));
    const loose = new Set(groups.filter((g) => !g.some((t) => matched.has(t))).flat());
    return loose.size === 0 ? exact : search((t) => loose.has(t));
  }

  /** Ranks topics (one per id, best language match) and decides whether the best is an answer. */
  function search(question: string, options: SearchOptions): Retrieval {
    const all = words(question);
    // A pasted page is not a question: its first words are enough, and keep the search cheap.
    const meaningful = [...new Set(all.filter(isMeaningful))].slice(0, MAX_QUERY_WORDS);
    const topical = meaningful.filter((w) => !GENERIC.has(w));
    // Words true of every entry ("togo", "diaspora") match the whole base and rank nothing: leave
    // them out of the search when the question has others (on 2,000 entries, this halves p95).
    const searched = topical.length > 0 ? topical : meaningful;
    const results = rank(searched.map(stems), options.nowMs);
    const top = results[0];
    const lang: Lang =
      options.lang ??
      detectLanguage(question) ??
      guessLang(question) ??
      ((top?.lang as Lang | undefined) || 'fr');

    const seen = new Set<string>();
    const hits: Hit[] = [];
    for (const r of results) {
      if (seen.has(r.topic)) continue;
      seen.add(r.topic);
      const e = entry(r.topic, lang)!;
      hits.push({ id: e.id, lang: e.lang, title: e.title, score: Math.round(r.score * 1000) / 1000 });
      if (hits.length >= (options.limit ?? 5)) break;
    }

    const base = { question, lang, hits };
    if (looksLikeInjection(question))
      return { ...base, confident: false, reason: REASONS.injection, coverage: 0 };
    if (looksLikeArithmetic(question) || looksLikeTrivia(question))
      return { ...base, confident: false, reason: REASONS.offDomain, coverage: 0 };
    // "qui es-tu ?", "what can you do?": only stop words, but a question about the assistant itself.
    const self = topical.length === 0 && asksAboutAssistant(question) ? entry(ABOUT_ID, lang) : undefined;
    if (self) {
      const selfHit = { id: self.id, lang: self.lang, title: self.title, score: 1 };
      return { ...base, hits: [selfHit], confident: true, reason: REASONS.ok, coverage: 1, best: self };
    }
    if (topical.length === 0) return { ...base, confident: false, reason: REASONS.empty, coverage: 0 };
    if (!top) return { ...base, confident: false, reason: REASONS.noMatch, coverage: 0 };

    const matchedQuery = new Set(top.queryTerms);
    const docTerms = new Set(top.terms);
    let credit = 0;
    let strong = false;
    const unmatched: string[] = [];
    for (const word of topical) {
      const s = stems(word);
      if (s.some((t) => docTerms.has(t))) {
        credit += 1;
        strong ||= s.some((t) =>
          (top.match[t] ?? []).some((f) => f.startsWith('title') || f.startsWith('keywords')),
        );
      } else if (s.some((t) => matchedQuery.has(t))) {
        credit += PARTIAL_CREDIT;
        strong ||= Object.entries(top.match).some(
          ([t, fields]) =>
            s.some((q) => t.startsWith(q.slice(0, 4))) && fields.some((f) => !f.startsWith('body')),
        );
      } else unmatched.push(word);
    }
    const coverage = Math.round((credit / topical.length) * 100) / 100;
    // Words the whole base has never seen ("australia", "tokyo") outweighing what matched means
    // the question is about something else that merely shares a word with an entry.
    const matchedAnywhere = new Set(results.flatMap((r) => r.queryTerms));
    const unknown = unmatched.filter((w) => !stems(w).some((t) => matchedAnywhere.has(t))).length;
    const result = { ...base, coverage };
    if (offDomainWords(unmatched).length > 0)
      return { ...result, confident: false, reason: REASONS.offDomain };
    if (credit === 0) return { ...result, confident: false, reason: REASONS.noMatch };
    if (unknown > credit) return { ...result, confident: false, reason: REASONS.weak };
    // Short questions must be mostly covered; long ones need at least two topic words matched. A
    // single match found only in an entry's body is too thin to answer on.
    const enough = topical.length <= 4 ? coverage >= 0.5 : coverage >= 0.4 && credit >= 2 - Number.EPSILON;
    const confident = enough && (strong || credit >= 2);
    return {
      ...result,
      confident,
      reason: confident ? REASONS.ok : REASONS.weak,
      best: confident ? entry(top.topic, lang) : undefined,
    };
  }

  /** Other topics close to this one (by its title and keywords), for the "related" buttons. */
  function related(id: string, lang: Lang, count = 2, nowMs = Date.now()): Hit[] {
    const e = entry(id, lang);
    if (!e) return [];
    const groups = [...new Set(words(`${e.title} ${e.keywords.join(' ')}`).filter(isMeaningful))].map(stems);
    const out: Hit[] = [];
    for (const r of rank(groups, nowMs)) {
      if (r.topic === id || out.some((h) => h.id === r.topic)) continue;
      const other = entry(r.topic, lang)!;
      out.push({ id: other.id, lang: other.lang, title: other.title, score: r.score });
      if (out.length >= count) break;
    }
    return out;
  }

  return { search, entry, related, entries: artifact.entries };
}

export type Retriever = ReturnType<typeof createRetriever>;
