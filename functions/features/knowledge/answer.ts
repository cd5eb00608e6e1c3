import type { Logger } from '../../core/logger.js';
import { cutAtSentence } from '../../core/text-cut.js';
import type { Lang } from '../../core/types.js';
import { LlmAnswerError, type LlmAnswerer, type LlmFailure, type Passage } from './llm.js';
import type { Hit, KnowledgeEntry, Retrieval, Retriever } from './retrieval.js';
import { words } from './text.js';
import { kbTexts } from './texts.js';

export const ANSWER_MODES = {
  model: 'model',
  extractive: 'extractive',
  notConfident: 'not-confident',
} as const;
export type AnswerMode = (typeof ANSWER_MODES)[keyof typeof ANSWER_MODES];

export interface KnowledgeAnswer {
  retrieval: Retrieval;
  lang: Lang;
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

/** The short answer without a model: the entry's summary and the opening of its body. */
const EXCERPT_CHARS = 420;
const PASSAGES = 3;

export function sourceLine(entry: KnowledgeEntry, sourceTitles: Record<string, string>): string {
  const names = entry.sources.map((s) => sourceTitles[s] ?? s).join(' ; ');
  return `${kbTexts(entry.lang).source} : ${entry.title} (${names})`;
}

/** Summary, then the body's opening cut at a sentence; the rest is what "read more" shows. */
export function extractive(entry: KnowledgeEntry): { text: string; rest: string } {
  // Curators often open the body with the summary in other words: skip such paragraphs so the
  // short answer doesn't say the same thing twice.
  const paragraphs = entry.body.split(/\n\s*\n/);
  while (paragraphs.length > 1 && repeats(entry.summary, paragraphs[0]!)) paragraphs.shift();
  // Entries end with what to do next in this chat ("Tapez « investir »…"): keep that with the
  // short answer rather than behind "read more".
  const last = paragraphs.length > 1 ? paragraphs.at(-1)! : '';
  const nextStep = last.length <= NEXT_STEP_CHARS ? last : '';
  if (nextStep) paragraphs.pop();
  const { head, rest } = cutAtSentence(paragraphs.join('\n\n'), EXCERPT_CHARS);
  return { text: [entry.summary, head, nextStep].filter(Boolean).join('\n\n'), rest };
}
const NEXT_STEP_CHARS = 260;

/** True when most of the paragraph's words are already in the summary. */
function repeats(summary: string, paragraph: string): boolean {
  const known = new Set(words(summary));
  const said = words(paragraph).filter((w) => w.length > 3);
  return said.length > 0 && said.filter((w) => known.has(w)).length / said.length >= 0.6;
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
    if (!retrieval.confident || !best) {
      return {
        retrieval,
        lang,
        confident: false,
        mode: ANSWER_MODES.notConfident,
        body: kbTexts(lang).notConfident,
        sourceLine: '',
        rest: '',
      };
    }
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
          return {
            retrieval: { ...retrieval, confident: false },
            lang,
            confident: false,
            mode: ANSWER_MODES.notConfident,
            body: kbTexts(lang).notConfident,
            sourceLine: '',
            rest: '',
          };
        }
        const cited = deps.retriever.entry(model.cited_ids[0]!, lang) ?? best;
        return {
          retrieval,
          lang,
          confident: true,
          mode: ANSWER_MODES.model,
          body: model.answer.trim(),
          sourceLine: sourceLine(cited, deps.sourceTitles),
          entry: cited,
          rest: '',
        };
      } catch (error) {
        if (!(error instanceof LlmAnswerError)) throw error;
        fallback = error.failure;
        deps.logger?.warn('model answer not used, extractive fallback', { failure: error.failure });
      }
    }
    const { text, rest } = extractive(best);
    return {
      retrieval,
      lang,
      confident: true,
      mode: ANSWER_MODES.extractive,
      body: text,
      sourceLine: sourceLine(best, deps.sourceTitles),
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
