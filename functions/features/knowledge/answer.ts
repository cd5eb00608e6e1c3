import type { Logger } from '../../core/logger.js';
import type { Lang } from '../../core/types.js';
import { LlmAnswerError, type LlmAnswerer, type LlmFailure, type Passage } from './llm.js';
import { extractFor, supportingSources } from './passage.js';
import {
  DECISIONS,
  type Decision,
  type Hit,
  type KnowledgeEntry,
  REASONS,
  type Retrieval,
  type Retriever,
} from './retrieval.js';
import { kbTexts } from './texts.js';

export const ANSWER_MODES = {
  model: 'model',
  extractive: 'extractive',
  notConfident: 'not-confident',
  clarify: 'clarify',
} as const;
export type AnswerMode = (typeof ANSWER_MODES)[keyof typeof ANSWER_MODES];

export interface KnowledgeAnswer {
  retrieval: Retrieval;
  lang: Lang;
  /** Answer, ask back (`retrieval.choices`), or decline. */
  decision: Decision;
  confident: boolean;
  mode: AnswerMode;
  /** The answer itself (before the source line), possibly longer than a channel takes. */
  body: string;
  /** "Source : <title> (<sources>)", kept with every part shown. */
  sourceLine: string;
  /** The entry the answer comes from (the first cited one). */
  entry?: KnowledgeEntry | undefined;
  /** Why the model's answer was not used, when it was asked. */
  fallback?: LlmFailure | undefined;
}

export interface AnswererDeps {
  retriever: Retriever;
  sourceTitles: Record<string, string>;
  /** Present when OPENAI_API_KEY is set. */
  llm?: LlmAnswerer | undefined;
  logger?: Logger | undefined;
}

const PASSAGES = 3;
/** The short extractive answer: fits a WhatsApp screen before "Lire la suite". */
export const EXCERPT_CHARS = 650;

/**
 * "Source : <title> — <the documents that support this passage>": short, and naming only the
 * sources the passage itself relies on.
 */
export function sourceLine(
  entry: KnowledgeEntry,
  sourceTitles: Record<string, string>,
  passage = `${entry.summary}\n${entry.body}`,
): string {
  const names = supportingSources(entry.sources, passage, sourceTitles).join(' ; ');
  return `${kbTexts(entry.lang).source} : ${entry.title} — ${names}`;
}

/** Summary, then the passage that answers the question (cut on a line or sentence); the rest is what "read more" shows. */
export function extractive(
  entry: KnowledgeEntry,
  focus: string[] = [],
): { text: string; rest: string; passage: string } {
  return extractFor(entry, focus, EXCERPT_CHARS);
}

/** The text of a question back: "Vous parlez de : 1. … 2. … ou d'autre chose ?". */
export function clarifyText(lang: Lang, choices: Hit[]): string {
  const t = kbTexts(lang);
  return [t.clarify, ...choices.map((c, i) => `${i + 1}. ${c.title}`), t.clarifyOther].join('\n');
}

/** What the person is told when the assistant declines, by reason. */
export function declineText(retrieval: Retrieval): string {
  const t = kbTexts(retrieval.lang);
  // An injection attempt gets the ordinary "I don't know": answering it specially would look like a reaction.
  if (retrieval.reason === REASONS.refused) return t.refused;
  if (retrieval.reason === REASONS.detailUnknown) return t.detailUnknown;
  return t.notConfident;
}

export function createAnswerer(deps: AnswererDeps) {
  return async function answer(
    question: string,
    options: {
      nowMs: number;
      lang?: Lang | undefined;
      maxChars?: number;
      /** Asked right before a model call (a daily budget); false means answer extractively. */
      allowModel?: () => Promise<boolean>;
    },
  ): Promise<KnowledgeAnswer & { rest: string }> {
    const retrieval = deps.retriever.search(question, { nowMs: options.nowMs, lang: options.lang });
    const { lang } = retrieval;
    const best = retrieval.best;
    const decline = (r: Retrieval) => ({
      retrieval: r,
      lang,
      decision: DECISIONS.refuse,
      confident: false,
      mode: ANSWER_MODES.notConfident,
      body: declineText(r),
      sourceLine: '',
      rest: '',
    });
    if (retrieval.decision === DECISIONS.clarify) {
      // Asking back needs no model: the choice answers at once.
      return {
        retrieval,
        lang,
        decision: DECISIONS.clarify,
        confident: false,
        mode: ANSWER_MODES.clarify,
        body: clarifyText(lang, retrieval.choices),
        sourceLine: '',
        rest: '',
      };
    }
    if (retrieval.decision !== DECISIONS.answer || !best) return decline(retrieval);
    let fallback: LlmFailure | undefined;
    if (deps.llm && (await modelAllowed(options.allowModel, deps.logger))) {
      const passages = retrieval.hits
        .slice(0, PASSAGES)
        .map((h) => deps.retriever.entry(h.id, lang))
        .filter((e): e is KnowledgeEntry => Boolean(e))
        .map((e): Passage => ({ id: e.id, title: e.title, summary: e.summary, body: e.body }));
      try {
        const model = await deps.llm(question, lang, passages, options.maxChars ?? 1200);
        if (!model.answerable) {
          // The model found no answer in the passages: decline, as the extractive path would.
          return decline({
            ...retrieval,
            decision: DECISIONS.refuse,
            confident: false,
            reason: REASONS.weak,
          });
        }
        const cited = deps.retriever.entry(model.cited_ids[0]!, lang) ?? best;
        return {
          retrieval,
          lang,
          decision: DECISIONS.answer,
          confident: true,
          mode: ANSWER_MODES.model,
          body: model.answer.trim(),
          sourceLine: sourceLine(cited, deps.sourceTitles, model.answer),
          entry: cited,
          rest: '',
        };
      } catch (error) {
        if (!(error instanceof LlmAnswerError)) throw error;
        fallback = error.failure;
        deps.logger?.warn('model answer not used, extractive fallback', { failure: error.failure });
      }
    }
    const { text, rest, passage } = extractive(best, retrieval.focus);
    return {
      retrieval,
      lang,
      decision: DECISIONS.answer,
      confident: true,
      mode: ANSWER_MODES.extractive,
      body: text,
      sourceLine: sourceLine(best, deps.sourceTitles, passage),
      entry: best,
      fallback,
      rest,
    };
  };
}

export type Answerer = ReturnType<typeof createAnswerer>;

/** The plain-text answer as `npm run ask` prints it: body, source line. */
export function answerText(answer: KnowledgeAnswer): string {
  return answer.sourceLine ? `${answer.body}\n\n${answer.sourceLine}` : answer.body;
}

export type { Hit };

async function modelAllowed(allow: (() => Promise<boolean>) | undefined, logger: Logger | undefined) {
  if (!allow) return true;
  try {
    return await allow();
  } catch (error) {
    // The budget can't be checked: the extractive answer is the safe side.
    logger?.warn('model budget unavailable, extractive answer', { error });
    return false;
  }
}
