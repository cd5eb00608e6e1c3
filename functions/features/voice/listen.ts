import type { TranscriptionSettings } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import { MEDIA_FAILURES, MediaFetchError, type MediaFile, type MediaLimits } from '../../core/media.js';
import type { InboundMessage, Lang } from '../../core/types.js';
import { durationWords, voiceTexts } from './texts.js';
import { createTranscriber, type Transcriber } from './transcribe.js';

/** Longest transcript kept: a two-minute voice note is far shorter; anything longer is noise. */
const MAX_TRANSCRIPT = 4000;

export const VOICE_REFUSALS = {
  unconfigured: 'unconfigured',
  tooLong: 'too-long',
  failed: 'failed',
  empty: 'empty',
} as const;
export type VoiceRefusal = (typeof VOICE_REFUSALS)[keyof typeof VOICE_REFUSALS];

/** What came of a voice note: its text, or the polite words asking the person to type. */
export type Heard =
  | { kind: 'heard'; text: string }
  | { kind: 'refused'; reason: VoiceRefusal; reply: string };

export type VoiceListener = (message: InboundMessage, lang: Lang) => Promise<Heard>;

export interface VoiceListenerDeps {
  /** Undefined when no transcription service is configured (`transcriptionSettings`). */
  settings: TranscriptionSettings | undefined;
  /** Downloads the note through its channel's adapter (`ChannelAdapter.fetchMedia`). */
  fetchMedia(message: InboundMessage, limits: MediaLimits): Promise<MediaFile>;
  logger: Logger;
  /** The `openai` client on `settings` by default. */
  transcribe?: Transcriber | undefined;
}

/**
 * Turns a voice note into text: limits checked up front where the platform says them (Telegram),
 * then one download and one transcription within `timeoutMs`. Every failure becomes a refusal the
 * worker answers; nothing throws, so a voice note is never retried (no retry storm on a dead server).
 * The audio lives only in memory for the call.
 */
export function createVoiceListener(deps: VoiceListenerDeps): VoiceListener {
  const settings = deps.settings;
  const transcribe = deps.transcribe ?? (settings ? createTranscriber(settings) : undefined);
  return async function listen(message, lang) {
    const t = voiceTexts(lang);
    const refuse = (reason: VoiceRefusal): Heard => {
      const reply =
        reason === 'too-long'
          ? t.tooLong(durationWords(settings?.maxSeconds ?? 120, lang))
          : reason === 'empty'
            ? t.notHeard
            : t.cannotListen;
      return { kind: 'refused', reason, reply };
    };
    const where = { channel: message.channel, externalId: message.externalId };
    if (!settings || !transcribe) return refuse('unconfigured');
    const media = message.media;
    if (!media) return refuse('failed');
    if (media.durationSec !== undefined && media.durationSec > settings.maxSeconds) return refuse('too-long');
    if (media.sizeBytes !== undefined && media.sizeBytes > settings.maxBytes) return refuse('too-long');
    const signal = AbortSignal.timeout(settings.timeoutMs);
    let audio: MediaFile;
    try {
      audio = await deps.fetchMedia(message, { maxBytes: settings.maxBytes, signal });
    } catch (error) {
      const failure = error instanceof MediaFetchError ? error.failure : 'download';
      // The failure's kind only: a media URL or a file path carries the platform's token.
      deps.logger.warn('voice note not fetched', { ...where, failure });
      return refuse(failure === MEDIA_FAILURES.tooLarge ? 'too-long' : 'failed');
    }
    let text: string;
    try {
      text = await transcribe(audio, { lang, signal });
    } catch (error) {
      deps.logger.warn('voice note not transcribed', {
        ...where,
        error: error instanceof Error ? error.message : String(error),
      });
      return refuse('failed');
    }
    const clean = text.replace(/\s+/g, ' ').trim().slice(0, MAX_TRANSCRIPT);
    return clean ? { kind: 'heard', text: clean } : refuse('empty');
  };
}
