import { Api } from 'grammy';
import type { Config } from '../../core/config.js';
import {
  audioFileName,
  MEDIA_FAILURES,
  MediaFetchError,
  type MediaFile,
  type MediaLimits,
  readLimited,
} from '../../core/media.js';
import type { InboundMedia } from '../../core/types.js';

const DEFAULT_API_ROOT = 'https://api.telegram.org';

/**
 * Downloads a voice note through the Bot API's file endpoint: `getFile` for its path, then
 * `<apiRoot>/file/bot<token>/<file_path>`. One attempt, no retry: a failure is answered, not retried.
 */
export async function fetchTelegramMedia(
  config: Config,
  media: InboundMedia,
  limits: MediaLimits,
): Promise<MediaFile> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new MediaFetchError(MEDIA_FAILURES.unconfigured, 'no Telegram bot token');
  if (!media.fileId) throw new MediaFetchError(MEDIA_FAILURES.download, 'voice note without a file id');
  if (media.sizeBytes !== undefined && media.sizeBytes > limits.maxBytes) {
    throw new MediaFetchError(
      MEDIA_FAILURES.tooLarge,
      `file_size ${media.sizeBytes} over ${limits.maxBytes}`,
    );
  }
  const apiRoot = (config.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  const api = new Api(token, { apiRoot });
  let path: string | undefined;
  let size: number | undefined;
  try {
    const file = await api.getFile(
      media.fileId,
      // grammY types its signal with the abort-controller polyfill's class; the platform's is the same thing.
      limits.signal as Parameters<Api['getFile']>[1],
    );
    path = file.file_path;
    size = file.file_size;
  } catch (error) {
    throw new MediaFetchError(MEDIA_FAILURES.download, 'getFile failed', { cause: error });
  }
  if (!path) throw new MediaFetchError(MEDIA_FAILURES.download, 'getFile gave no file_path');
  if (size !== undefined && size > limits.maxBytes) {
    throw new MediaFetchError(MEDIA_FAILURES.tooLarge, `file_size ${size} over ${limits.maxBytes}`);
  }
  let response: Response;
  try {
    response = await fetch(`${apiRoot}/file/bot${token}/${path}`, { signal: limits.signal ?? null });
  } catch (error) {
    throw new MediaFetchError(MEDIA_FAILURES.download, 'file download failed', { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaFetchError(MEDIA_FAILURES.download, `file download answered ${response.status}`);
  }
  const bytes = await readLimited(response, limits.maxBytes);
  const contentType = media.contentType ?? 'audio/ogg';
  return { bytes, contentType, fileName: audioFileName(contentType) };
}
