import { AppError } from '../../core/errors.js';
import type { MediaFile } from '../../core/media.js';
import type { Lang } from '../../core/types.js';

/** The transcription service failed or timed out; the person is asked to type, nothing is retried. */
export class TranscriptionError extends AppError {}

export interface TranscriberOptions {
  /** An OpenAI-compatible root (`…/v1`); OpenAI's own when absent. */
  baseURL?: string | undefined;
  /** A self-hosted server may need none; the client still wants a value. */
  apiKey?: string | undefined;
  model: string;
}

export type Transcriber = (audio: MediaFile, options: { lang: Lang; signal: AbortSignal }) => Promise<string>;

type Audio = {
  audio: {
    transcriptions: {
      create(
        body: { file: unknown; model: string; language?: string; response_format?: 'json' },
        options: { signal?: AbortSignal },
      ): Promise<{ text?: string } | string>;
    };
  };
};

/**
 * Transcribes through `audio/transcriptions` with the real `openai` client, loaded on first use
 * (the webhook path never loads it). The person's language is the hint; `maxRetries: 0` because a
 * failure is answered ("please type"), never retried.
 */
export function createTranscriber(options: TranscriberOptions): Transcriber {
  let loaded: Promise<{ client: Audio; toFile: typeof import('openai').toFile }> | undefined;
  const load = () => {
    loaded ??= import('openai').then(({ default: OpenAI, toFile }) => ({
      client: new OpenAI({
        apiKey: options.apiKey ?? 'none',
        baseURL: options.baseURL,
        maxRetries: 0,
      }) as unknown as Audio,
      toFile,
    }));
    return loaded;
  };
  return async function transcribe(audio, { lang, signal }) {
    const { client, toFile } = await load();
    let result: { text?: string } | string;
    try {
      result = await client.audio.transcriptions.create(
        {
          file: await toFile(audio.bytes, audio.fileName, { type: audio.contentType }),
          model: options.model,
          language: lang,
          response_format: 'json',
        },
        { signal },
      );
    } catch (error) {
      const status = (error as { status?: number }).status;
      throw new TranscriptionError(`transcription failed${status ? ` (${status})` : ''}`, { cause: error });
    }
    const text = typeof result === 'string' ? result : result.text;
    if (typeof text !== 'string') throw new TranscriptionError('transcription answer has no text');
    return text;
  };
}
