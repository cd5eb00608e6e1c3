import { AppError } from './errors.js';

/** A downloaded voice note, held in memory only for the time of its transcription (never stored). */
export interface MediaFile {
  bytes: Uint8Array;
  contentType: string;
  /** A file name with the right extension: transcription servers read the format from it. */
  fileName: string;
}

export interface MediaLimits {
  maxBytes: number;
  /** Stops the download with the rest of the turn's budget. */
  signal?: AbortSignal | undefined;
}

export const MEDIA_FAILURES = {
  /** Bigger than `maxBytes`, said up front or found while reading. */
  tooLarge: 'too-large',
  /** A URL on a host the channel does not serve media from. */
  refusedHost: 'refused-host',
  /** The channel has no credentials to fetch with. */
  unconfigured: 'unconfigured',
  /** The platform answered an error, or the connection failed. */
  download: 'download',
} as const;
export type MediaFailure = (typeof MEDIA_FAILURES)[keyof typeof MEDIA_FAILURES];

/** Why a voice note could not be fetched; the worker answers it politely, never retries it. */
export class MediaFetchError extends AppError {
  constructor(
    readonly failure: MediaFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 127.0.0.0/8, ::1 and localhost: the fakes local mode and tests serve media from. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Reads a response body up to `maxBytes`: a declared Content-Length over the limit is refused
 * before reading, and a body that runs past it is cut off there (the connection is cancelled).
 */
export async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaFetchError(MEDIA_FAILURES.tooLarge, `media declares ${declared} bytes, over ${maxBytes}`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new MediaFetchError(MEDIA_FAILURES.tooLarge, `media runs past ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const EXTENSIONS: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'm4a',
  'audio/amr': 'amr',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/webm': 'webm',
};

/** `voice.<ext>` for a content type (parameters such as `; codecs=opus` ignored); ogg when unknown. */
export function audioFileName(contentType: string | undefined): string {
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return `voice.${EXTENSIONS[base] ?? 'ogg'}`;
}
