import type { Config } from '../../core/config.js';
import {
  audioFileName,
  isLoopbackHost,
  MEDIA_FAILURES,
  MediaFetchError,
  type MediaFile,
  type MediaLimits,
  readLimited,
} from '../../core/media.js';
import type { InboundMedia } from '../../core/types.js';

/** The host of Twilio's REST API, where `MediaUrl0` points; the only one given the credentials. */
export const TWILIO_API_HOST = 'api.twilio.com';
/** Where Twilio's media URL may redirect to (its media hosts); the signed redirect needs no credentials. */
const TWILIO_MEDIA_HOST_SUFFIXES = ['.twilio.com', '.twiliocdn.com'];
const MAX_REDIRECTS = 3;

/**
 * May a media URL (or a redirect from it) be fetched? Production: https on Twilio's own hosts only;
 * local mode also accepts loopback URLs, so the feature can be tried with fakes.
 */
export function twilioMediaHostAllowed(url: URL, config: Pick<Config, 'APP_ENV'>, hop: number): boolean {
  if (config.APP_ENV !== 'production' && isLoopbackHost(url.hostname)) return true;
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  if (host === TWILIO_API_HOST) return true;
  return hop > 0 && TWILIO_MEDIA_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * Downloads a WhatsApp voice note from `MediaUrl0` with the account's credentials (HTTP basic
 * auth), following Twilio's redirect by hand so every hop is checked and the credentials go to
 * Twilio's API host (or the local fake) only. One attempt: a failure is answered, not retried.
 */
export async function fetchWhatsAppMedia(
  config: Config,
  media: InboundMedia,
  limits: MediaLimits,
): Promise<MediaFile> {
  if (!config.TWILIO_ACCOUNT_SID) throw new MediaFetchError(MEDIA_FAILURES.unconfigured, 'no Twilio account');
  if (!media.url) throw new MediaFetchError(MEDIA_FAILURES.download, 'voice note without a media URL');
  if (media.sizeBytes !== undefined && media.sizeBytes > limits.maxBytes) {
    throw new MediaFetchError(MEDIA_FAILURES.tooLarge, `media of ${media.sizeBytes} bytes`);
  }
  const credentials = `Basic ${Buffer.from(`${config.TWILIO_ACCOUNT_SID}:${config.TWILIO_AUTH_TOKEN}`).toString('base64')}`;
  let url: URL;
  try {
    url = new URL(media.url);
  } catch (error) {
    throw new MediaFetchError(MEDIA_FAILURES.refusedHost, 'media URL is not a URL', { cause: error });
  }
  const first = url;
  for (let hop = 0; ; hop++) {
    if (!twilioMediaHostAllowed(url, config, hop)) {
      throw new MediaFetchError(MEDIA_FAILURES.refusedHost, `media host refused: ${url.hostname}`);
    }
    // The credentials go to the URL Twilio gave, never to a host a redirect names.
    const authorise = url.origin === first.origin;
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        headers: authorise ? { authorization: credentials } : {},
        signal: limits.signal ?? null,
      });
    } catch (error) {
      throw new MediaFetchError(MEDIA_FAILURES.download, 'media download failed', { cause: error });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new MediaFetchError(MEDIA_FAILURES.download, 'too many redirects');
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new MediaFetchError(MEDIA_FAILURES.download, `media download answered ${response.status}`);
    }
    const bytes = await readLimited(response, limits.maxBytes);
    const contentType = media.contentType ?? response.headers.get('content-type') ?? 'audio/ogg';
    return { bytes, contentType, fileName: audioFileName(contentType) };
  }
}
