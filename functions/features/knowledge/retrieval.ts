import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { Lang } from '../../core/types.js';
import { detectLanguage } from '../../engine/language.js';
import { isMenuRequest } from '../../engine/words.js';
import type { KnowledgeArtifact } from './artifact.js';
import { requestClause, subjectsBeyond } from './beyond.js';
import { fromOtherLanguages } from './foreign.js';
import { NEUTRAL } from './neutral.js';
import { focusOf } from './question.js';
import type { Entry } from './schema.js';
import { splitSubordinate, withoutContrast } from './scope.js';
import { FIELD_BOOSTS, loadSearchIndex } from './search-index.js';
import {
  admitsNotHolding,
  asksAboutAssistant,
  asksUpcoming,
  asksVisaElsewhere,
  DETAILS,
  type Detail,
  detailAsked,
  holdsDetail,
  looksLikeArithmetic,
  looksLikeInjection,
  looksLikeTrivia,
  namesDetail,
  namesYearFrom,
  offDomainWords,
  type Refusal,
  refusalOf,
} from './signals.js';
import { fold, GENERIC, guessLang, isMeaningful, stems, words } from './text.js';

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
  /** The best topic is plausible but not certain: ask back. */
  unsure: 'unsure',
  /** An exact amount, rate, date, name or number that no entry states. */
  detailUnknown: 'detail-unknown',
  /** Forgery, bypassing a procedure, other people's data, promises, politics, abuse. */
  refused: 'refused',
} as const;
export type Reason = (typeof REASONS)[keyof typeof REASONS];

/** What the assistant does with a question: answer it, ask which topic is meant, or decline. */
export const DECISIONS = { answer: 'answer', clarify: 'clarify', refuse: 'refuse' } as const;
export type Decision = (typeof DECISIONS)[keyof typeof DECISIONS];

export interface Retrieval {
  question: string;
  lang: Lang;
  decision: Decision;
  /** True only when the decision is to answer. */
  confident: boolean;
  reason: Reason;
  /** For a refusal by category (forgery, other people's data…) or an unknown detail, which one. */
  refusal?: Refusal | Detail | undefined;
  /** Share of the question's topic words the best entry matched (0..1), for logs and tuning. */
  coverage: number;
  hits: Hit[];
  /** For `clarify`: the topics offered, best first. */
  choices: Hit[];
  /** The best entry, in the answer's language, when answering. */
  best?: KnowledgeEntry | undefined;
  /** The words of the question itself (after a long message's story), for choosing the passage. */
  focus: string[];
  /** What the decision rested on, for logs and tuning (absent when it was decided before ranking). */
  evidence?: Evidence | undefined;
}

/** The measures behind a decision on a ranked question. */
export interface Evidence {
  /** Topic words of the question matched by the best entry (a typo or prefix counts 0.7). */
  matched: number;
  /** Topic words of the question. */
  topical: number;
  /** Whether a match is in the best entry's title, keywords or paraphrases. */
  strong: boolean;
  /** Topic words no entry of the base matched. */
  unknown: number;
  /** The runner-up topic's score as a share of the best's. */
  runnerUp: number;
  unmatched: string[];
  /** The request's head word when the best entry lacks it and a close topic has it as its subject. */
  foreign: string[];
  /** Words naming a neighbouring subject the base does not answer (a pension, a tax) that the best entry lacks. */
  beyond: string[];
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
const MAX_QUESTION_CHARS = 1500;
/** How much a word of the story before the question weighs in the ranking, against 1 for the question's. */
const CONTEXT_WEIGHT = 0.3;
/** A runner-up scoring at least this share of the best makes a thin answer a question back. */
const CLOSE_RUNNER_UP = 0.75;
/**
 * An answer resting on a single matched word needs a clear lead: one shared word is what a
 * question about something else most often has with an entry.
 */
const THIN_RUNNER_UP = 0.6;
/** What a story can add to a short question's matched words: each of its words counts this share, up to this many. */
const STORY_SHARE = 0.5;
const MAX_STORY_CREDIT = 3;
/** Another topic holding the request's head word the best lacks: among the first ranks, scoring this share of the best. */
const FOREIGN_RANKS = 4;
const FOREIGN_SHARE = 0.5;
/** Topics offered when asking back: at most this many, each scoring at least this share of the best. */
const MAX_CHOICES = 3;
const CHOICE_SHARE = 0.45;
/** A registration reference as the assistant gives them, and the word its status entry is found by. */
const REFERENCE = /\bTG[- ]?\d{4}[- ]?\d{3,}\b/i;
const STATUS_WORD = 'statut';
/** The entry on a request's status: what a message quoting a reference is about, whatever else it says. */
export const STATUS_ID = 'lead-status';
/** The entry that describes the assistant itself. */
export const ABOUT_ID = 'about-assistant';

const stillValid = (validUntil: unknown, nowMs: number) =>
  typeof validUntil !== 'string' || Date.parse(`${validUntil}T23:59:59Z`) >= nowMs;

/**
 * Retrieval over the shipped artifact: bilingual search, then a three-way decision (answer, ask
 * back, decline) based on how much of the question the best entry covers and how far ahead of the
 * next it is, not on the raw score (BM25 scores grow with the length of the question and can't
 * be compared across questions).
 */
export function createRetriever(artifact: KnowledgeArtifact) {
  const index: MiniSearch<Entry> = loadSearchIndex(artifact.index);
  const byKey = new Map(artifact.entries.map((e) => [`${e.id}.${e.lang}`, e]));
  // Every stem the base holds: a word none of whose stems is here is unknown to the base.
  const vocabulary = new Set(
    (artifact.index as unknown as { index: [string, unknown][] }).index.map(([t]) => t),
  );
  const known = (word: string) => stems(word).some((t) => vocabulary.has(t));

  function entry(id: string, lang: Lang): KnowledgeEntry | undefined {
    return byKey.get(`${id}.${lang}`) ?? byKey.get(`${id}.${lang === 'fr' ? 'en' : 'fr'}`);
  }

  /**
   * Searches the stems of each word (`groups`: one list of stems per word of the question);
   * `weights` lowers the stems of words from the story around a question.
   */
  function rank(groups: string[][], nowMs: number, weights?: Map<string, number>): SearchResult[] {
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
        ...(weights ? { boostTerm: (term: string) => weights.get(term) ?? 1 } : {}),
      });
    // Exact terms first; typo and prefix expansion only for the words none of whose stems matched.
    // Expanding every term costs 5-10x more on a large base and adds little where the word matched.
    const exact = search(() => false);
    const matched = new Set(exact.flatMap((r) => r.queryTerms));
    const loose = new Set(groups.filter((g) => !g.some((t) => matched.has(t))).flat());
    return loose.size === 0 ? exact : search((t) => loose.has(t));
  }

  /** How much of the question one result covers: full credit for a word, partial for a typo or prefix. */
  function credit(result: SearchResult, topical: string[]) {
    const matchedQuery = new Set(result.queryTerms);
    const docTerms = new Set(result.terms);
    let total = 0;
    let strong = false;
    const unmatched: string[] = [];
    for (const word of topical) {
      const s = stems(word);
      if (s.some((t) => docTerms.has(t))) {
        total += 1;
        strong ||= s.some((t) =>
          (result.match[t] ?? []).some(
            (f) => f.startsWith('title') || f.startsWith('keywords') || f.startsWith('questions'),
          ),
        );
      } else if (s.some((t) => matchedQuery.has(t))) {
        total += PARTIAL_CREDIT;
        strong ||= Object.entries(result.match).some(
          ([t, fields]) =>
            s.some((q) => t.startsWith(q.slice(0, 4))) && fields.some((f) => !f.startsWith('body')),
        );
      } else unmatched.push(word);
    }
    return { total, strong, unmatched };
  }

  /** The ranked topic other than the best that has this word as its subject, if one ranks close enough. */
  function holder(results: SearchResult[], top: SearchResult, word: string): string | undefined {
    const s = stems(word);
    for (const r of results.slice(0, FOREIGN_RANKS)) {
      if (r.topic === top.topic) continue;
      if (r.score < top.score * FOREIGN_SHARE) break;
      const subject = s.some((t) =>
        (r.match[t] ?? []).some(
          (f) => f.startsWith('title') || f.startsWith('keywords') || f.startsWith('questions'),
        ),
      );
      if (subject) return r.topic;
    }
    return undefined;
  }

  /** Ranks topics (one per id, best language match) and decides: answer, ask back or decline. */
  function search(message: string, options: SearchOptions): Retrieval {
    // A pasted page is not a question: its opening is enough, and keeps every signal cheap.
    const question = message.length > MAX_QUESTION_CHARS ? message.slice(0, MAX_QUESTION_CHARS) : message;
    // What the person sets aside ("instead of building a house") is never searched; when and if
    // clauses after the request ("… quand je rentre") are context, not the request.
    const { main, clauses } = splitSubordinate(withoutContrast(question).text);
    // "quiero volver": the desk's words in the other languages people mix in, read in French.
    const split = focusOf(main);
    const focus = fromOtherLanguages(split.focus);
    const context = fromOtherLanguages(split.context);
    if (clauses) context.push(...fromOtherLanguages(words(clauses)));
    // A request reference ("TG-2026-00088") in a message is a question about that request's status.
    if (REFERENCE.test(question)) focus.push(STATUS_WORD);
    // Unknown words that only say who and where ("Bordeaux", "nurse") are left out altogether.
    const keep = (w: string) => isMeaningful(w) && (!NEUTRAL.has(w) || known(w));
    let asked = [...new Set(focus.filter(keep))].slice(0, MAX_QUERY_WORDS);
    let story = [...new Set(context.filter(keep))]
      .filter((w) => !asked.includes(w))
      .slice(0, MAX_QUERY_WORDS);
    // A question of filler words only ("ça se passe comment ?") takes its topic from the story.
    // So does a question of one topic word after a story ("… who do I talk to?"): the story says what about.
    if (asked.filter((w) => !GENERIC.has(w)).length <= 1 && story.some((w) => !GENERIC.has(w))) {
      asked = [...story, ...asked];
      story = [];
    }
    const topical = asked.filter((w) => !GENERIC.has(w));
    const storyTopical = story.filter((w) => !GENERIC.has(w));
    // Words true of every entry ("togo", "diaspora") match the whole base and rank nothing: leave
    // them out of the search when the question has others (on 2,000 entries, this halves p95).
    const searched = topical.length > 0 ? topical : asked;
    const weights = new Map<string, number>();
    for (const w of storyTopical) for (const t of stems(w)) weights.set(t, CONTEXT_WEIGHT);
    for (const w of searched) for (const t of stems(w)) weights.set(t, 1);
    const results = rank(
      [...searched, ...storyTopical].map(stems),
      options.nowMs,
      storyTopical.length ? weights : undefined,
    );
    // "I registered for the investment thing and heard nothing. ref TG-…": the words say
    // registration and investment, the reference says the person is asking where the request is.
    const referenced = REFERENCE.test(question);
    if (referenced) {
      const at = results.findIndex((r) => r.topic === STATUS_ID);
      if (at > 0) results.unshift(...results.splice(at, 1));
    }
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
      if (hits.length >= Math.max(options.limit ?? 5, MAX_CHOICES)) break;
    }

    const base = {
      question: message,
      lang,
      hits: hits.slice(0, options.limit ?? 5),
      choices: [] as Hit[],
      focus: asked,
    };
    const refuse = (reason: Reason, coverage = 0, refusal?: Refusal | Detail) => ({
      ...base,
      decision: DECISIONS.refuse,
      confident: false,
      reason,
      coverage,
      refusal,
    });
    if (looksLikeInjection(question)) return refuse(REASONS.injection);
    const category = refusalOf(question);
    if (category) return refuse(REASONS.refused, 0, category);
    if (looksLikeArithmetic(question) || looksLikeTrivia(question)) return refuse(REASONS.offDomain);
    // "qui es-tu ?", "what can you do?": only stop words, but a question about the assistant itself.
    // A greeting or a menu request ("bjr", "le menu svp") is what the engine answers with the menu
    // before any search: read the same way here, it asks what the assistant offers.
    const self =
      (topical.length === 0 && asksAboutAssistant(question)) || isMenuRequest(question)
        ? entry(ABOUT_ID, lang)
        : undefined;
    if (self) {
      const selfHit = { id: self.id, lang: self.lang, title: self.title, score: 1 };
      return {
        ...base,
        hits: [selfHit],
        decision: DECISIONS.answer,
        confident: true,
        reason: REASONS.ok,
        coverage: 1,
        best: self,
      };
    }
    // Another country's visa: nothing here answers it, whatever the base says of visas for Togo.
    if (asksVisaElsewhere(question)) return refuse(REASONS.noMatch);
    if (topical.length === 0) return refuse(REASONS.empty);
    if (!top) return refuse(REASONS.noMatch);

    const { total, strong, unmatched } = credit(top, topical);
    const coverage = Math.round((total / topical.length) * 100) / 100;
    if (offDomainWords(unmatched).length > 0) return refuse(REASONS.offDomain, coverage);
    if (total === 0) return refuse(REASONS.noMatch, coverage);
    const bestEntry = entry(top.topic, lang)!;
    // An exact figure, date, name or number the best entry does not state: declined when it is the
    // whole question, and never answered on a thin match when it is one part of it.
    // An entry that says it does not hold that detail and who does ("the fees vary: ask the
    // consulate") answers honestly; a person's own number or address is never in one.
    const detail = detailAsked(question);
    const bestText = `${bestEntry.summary}\n${bestEntry.body}`;
    // A date to come ("the next forum") is held only by a year not yet past.
    const held =
      detail &&
      !detail.personal &&
      holdsDetail(bestText, detail.kind, detail.noun) &&
      (detail.kind !== DETAILS.date ||
        !asksUpcoming(question) ||
        namesYearFrom(bestText, new Date(options.nowMs).getUTCFullYear()));
    const admitted = detail && !detail.personal && !held && admitsNotHolding(bestText, detail.kind);
    const detailMissing = detail && !held && !admitted;
    // Against an entry that admits it, a place or a name the base has never seen ("à Lomé",
    // "western union") does not make the subject another one; a topic word the base knows does.
    // The words asking for the detail ("combien coûte", "how long does it take") are its form, not its subject.
    const asking = new Set(detail ? words(detail.asking) : []);
    const offSubject = detail
      ? unmatched.filter(
          (w) =>
            !asking.has(w) && !namesDetail(w, detail.kind) && (!admitted || (known(w) && !NEUTRAL.has(w))),
        )
      : unmatched;
    // The other clauses add nothing the entry covers ("how many X live abroad, is there an official
    // figure?"): the detail is the whole question.
    const restCovered =
      detail?.rest !== undefined &&
      words(detail.rest).some((w) => topical.includes(w) && !unmatched.includes(w));
    const detailOnly = detail && (detail.only || !restCovered);
    // A detail asked about a subject the entry does not cover ("quand sont les prochaines élections ?"
    // against an entry that merely has dates) is as unknown as a missing one.
    if (detail && (detailMissing || offSubject.length > 0) && (detailOnly || !(strong && coverage >= 0.6)))
      return refuse(REASONS.detailUnknown, coverage, detail.kind);

    // Words the whole base has never seen ("australia", "tokyo") outweighing what matched means
    // the question is about something else that merely shares a word with an entry.
    const matchedAnywhere = new Set(results.flatMap((r) => r.queryTerms));
    const unknown = unmatched.filter((w) => !stems(w).some((t) => matchedAnywhere.has(t))).length;
    // What the story around the question adds to the best entry, never counted against it.
    const storyCredit = storyTopical.length ? credit(top, storyTopical).total : 0;
    const second = results.find((r) => r.topic !== top.topic);
    // A quoted reference is the surest sign there is of what the message is about.
    const aboutReference = referenced && top.topic === STATUS_ID;
    const runnerUp = second && !aboutReference ? second.score / top.score : 0;
    // Short questions must be mostly covered; long ones need at least two topic words matched. A
    // single match found only in an entry's body is too thin to answer on.
    // The head of the request (its first topic word: "do I need a VISA to go to the Kazakhstan
    // forum", "comment OUVRIR…") left uncovered by the best entry while a close topic has it as its
    // subject (title, keywords or paraphrases): the question is about that other subject as much
    // as this one, and no one entry answers both. Asked back, never answered.
    const head = topical[0];
    const foreign =
      head && unmatched.includes(head) && holder(results, top, head) !== undefined ? [head] : [];
    // A neighbouring subject no entry here answers (a pension, a tax, a loan, a school), named by the
    // question and absent from the best entry: the words shared with it are not what is asked.
    const topTerms = new Set(top.terms);
    // Only in the clause that asks: a school or a tax in the story before it is not the request.
    const request = new Set(words(requestClause(fold(question))));
    const beyond = subjectsBeyond(
      topical.filter((w) => request.has(w)),
      (w) => stems(w).some((t) => topTerms.has(t)),
    );
    const evidence: Evidence = {
      matched: Math.round(total * 100) / 100,
      topical: topical.length,
      strong,
      unknown,
      runnerUp: Math.round(runnerUp * 100) / 100,
      unmatched,
      foreign,
      beyond,
    };
    // A story that says the same thing as a short question ("… I send money through my uncle … can
    // she get it on her phone?") backs the answer; it is never counted against it.
    const backed = Math.min(total + Math.min(storyCredit, MAX_STORY_CREDIT) * STORY_SHARE, total * 2.5);
    const enough = topical.length <= 4 ? coverage >= 0.5 : coverage >= 0.4 && total >= 2 - Number.EPSILON;
    const lead = backed < 2 - Number.EPSILON ? THIN_RUNNER_UP : CLOSE_RUNNER_UP;
    const matchedWell =
      enough && unknown <= total && (strong || backed >= 2) && runnerUp < lead && foreign.length === 0;
    const sure = aboutReference || (matchedWell && beyond.length === 0);
    if (sure) {
      return {
        ...base,
        decision: DECISIONS.answer,
        confident: true,
        reason: REASONS.ok,
        coverage,
        best: bestEntry,
        evidence,
      };
    }
    // A neighbouring subject the base does not answer, on a match that was not good to begin with:
    // nothing here is what is asked.
    const plausible =
      (strong || total + storyCredit * 0.5 >= 1.5) &&
      unknown <= total + 1 &&
      coverage >= 0.25 &&
      (beyond.length === 0 || matchedWell);
    if (!plausible) return { ...refuse(REASONS.weak, coverage), evidence };
    const holders = new Set(foreign.map((w) => holder(results, top, w)));
    const choices = hits
      .filter((h, i) => i === 0 || h.score >= top.score * CHOICE_SHARE || holders.has(h.id))
      .slice(0, MAX_CHOICES);
    return {
      ...base,
      decision: DECISIONS.clarify,
      confident: false,
      reason: REASONS.unsure,
      coverage,
      choices,
      evidence,
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
