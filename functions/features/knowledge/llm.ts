import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { Lang } from '../../core/types.js';
import { ungroundedDetail } from './answer-guard.js';

/** The model's structured output, validated before anything of it reaches a user. */
export const modelAnswerSchema = z.object({
  answer: z.string(),
  cited_ids: z.array(z.string()),
  answerable: z.boolean(),
});
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

export const LLM_FAILURES = {
  timeout: 'timeout',
  rateLimited: 'rate-limited',
  serverError: 'server-error',
  malformed: 'malformed',
  badCitation: 'bad-citation',
  ungrounded: 'ungrounded',
  request: 'request',
} as const;
export type LlmFailure = (typeof LLM_FAILURES)[keyof typeof LLM_FAILURES];

/** Any reason not to use the model's answer; the caller falls back to the extractive answer. */
export class LlmAnswerError extends AppError {
  constructor(
    readonly failure: LlmFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface Passage {
  id: string;
  title: string;
  summary: string;
  body: string;
}

export interface LlmOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  prompt: string;
}

type Chat = {
  chat: {
    completions: {
      create(
        body: Record<string, unknown>,
        options: { timeout: number; signal?: AbortSignal },
      ): Promise<{
        choices: { message?: { content?: string | null } }[];
      }>;
    };
  };
};

const LANGUAGE_NAMES: Record<Lang, string> = { fr: 'French', en: 'English' };

/**
 * Asks an OpenAI-compatible server (OPENAI_BASE_URL: a ministry may run its own model) to write the
 * answer from the passages. The `openai` package is imported on first use only, so the webhook
 * path never loads it; `maxRetries: 0` because the extractive answer is the retry.
 */
export function createLlmAnswerer(options: LlmOptions) {
  let client: Promise<Chat> | undefined;
  const getClient = () => {
    client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey: options.apiKey,
          baseURL: options.baseURL,
          maxRetries: 0,
          timeout: options.timeoutMs,
        }) as unknown as Chat,
    );
    return client;
  };

  return async function answerWithModel(
    question: string,
    lang: Lang,
    passages: Passage[],
    maxChars: number,
  ): Promise<ModelAnswer> {
    const system = options.prompt
      .replaceAll('{{language}}', LANGUAGE_NAMES[lang])
      .replaceAll('{{max_chars}}', String(maxChars));
    // The question and passages travel as one JSON document in the user turn: quoted data.
    const user = JSON.stringify({ question, passages });
    let content: string | null | undefined;
    // The budget starts once the client is loaded (the first call pays for the import).
    const chat = await getClient();
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const completion = await chat.chat.completions.create(
        {
          model: options.model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        },
        { timeout: options.timeoutMs, signal },
      );
      content = completion.choices[0]?.message?.content;
    } catch (error) {
      throw classify(error, signal.aborted);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(content ?? '');
    } catch (error) {
      throw new LlmAnswerError(LLM_FAILURES.malformed, 'model output is not JSON', { cause: error });
    }
    const answer = modelAnswerSchema.safeParse(parsed);
    if (!answer.success) {
      throw new LlmAnswerError(
        LLM_FAILURES.malformed,
        `model output has the wrong shape: ${answer.error.message}`,
      );
    }
    const known = new Set(passages.map((p) => p.id));
    const invented = answer.data.cited_ids.filter((id) => !known.has(id));
    if (invented.length > 0 || (answer.data.answerable && answer.data.cited_ids.length === 0)) {
      throw new LlmAnswerError(
        LLM_FAILURES.badCitation,
        `model cited ${invented.length ? invented.join(', ') : 'nothing'}, not among the passages`,
      );
    }
    // Checked against the entries the answer cites (all passages when it cites none, declining).
    const cited = passages.filter((p) => answer.data.cited_ids.includes(p.id));
    const invention = ungroundedDetail(answer.data.answer, cited.length ? cited : passages);
    if (invention) {
      throw new LlmAnswerError(
        LLM_FAILURES.ungrounded,
        `model wrote a detail the passages don't have: ${invention}`,
      );
    }
    if (answer.data.answerable && answer.data.answer.trim() === '') {
      throw new LlmAnswerError(LLM_FAILURES.malformed, 'model said answerable but gave no answer');
    }
    return answer.data;
  };
}

export type LlmAnswerer = ReturnType<typeof createLlmAnswerer>;

function classify(error: unknown, timedOut: boolean): LlmAnswerError {
  const e = error as { status?: number; name?: string; message?: string };
  if (
    timedOut ||
    e?.name === 'APIConnectionTimeoutError' ||
    e?.name === 'AbortError' ||
    e?.name === 'TimeoutError' ||
    /timed? ?out/i.test(e?.message ?? '')
  ) {
    return new LlmAnswerError(LLM_FAILURES.timeout, 'model timed out', { cause: error });
  }
  if (e?.status === 429)
    return new LlmAnswerError(LLM_FAILURES.rateLimited, 'model rate limited', { cause: error });
  if (typeof e?.status === 'number' && e.status >= 500) {
    return new LlmAnswerError(LLM_FAILURES.serverError, `model server error ${e.status}`, { cause: error });
  }
  return new LlmAnswerError(LLM_FAILURES.request, `model request failed: ${e?.message ?? String(error)}`, {
    cause: error,
  });
}
