import type { ChannelAdapter } from '../core/channel.js';
import { type Config, transcriptionSettings } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import { MEDIA_FAILURES, MediaFetchError } from '../core/media.js';
import { createVoiceListener } from '../features/voice/listen.js';
import { type VoiceTurns, voiceTurns } from '../features/voice/turn.js';

/**
 * The worker's voice step for a runtime: the channels' own `fetchMedia` (each with its credentials
 * and host rules) and the transcription service `TRANSCRIBE_*` / `OPENAI_*` names.
 */
export function buildVoice(config: Config, adapters: readonly ChannelAdapter[], logger: Logger): VoiceTurns {
  const byId = new Map(adapters.map((a) => [a.id, a]));
  return voiceTurns(
    createVoiceListener({
      settings: transcriptionSettings(config),
      logger,
      fetchMedia(message, limits) {
        const fetchMedia = byId.get(message.channel)?.fetchMedia;
        if (!fetchMedia || !message.media) {
          return Promise.reject(
            new MediaFetchError(MEDIA_FAILURES.unconfigured, `no media on channel ${message.channel}`),
          );
        }
        return fetchMedia(config, message.media, limits);
      },
    }),
  );
}
