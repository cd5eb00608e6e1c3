import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ERROR_KIND, type ErrorKind, isTransient } from './errors.js';
import type { Logger } from './logger.js';

/** The status each kind of domain error answers with, on the API and on the console's pages. */
export const ERROR_STATUS = {
  [ERROR_KIND.invalid]: 400,
  [ERROR_KIND.forbidden]: 403,
  [ERROR_KIND.notFound]: 404,
  [ERROR_KIND.conflict]: 409,
  [ERROR_KIND.unprocessable]: 422,
  [ERROR_KIND.unavailable]: 503,
} as const satisfies Record<ErrorKind, ContentfulStatusCode>;

/** Seconds a client should wait before retrying an `unavailable` answer. */
export const RETRY_AFTER_SECONDS = '5';

/** What the caller's JSON says for a kind whose message is not for them (it may name internals). */
const UNAVAILABLE_MESSAGE = 'Temporarily unavailable, please retry.';

/**
 * The domain error behind `error`, with its kind: a kind-carrying AppError (also wrapped, as grammY's
 * BotError wraps middleware errors in `.error`), or a dependency that did not answer (`unavailable`).
 * Undefined for everything else: a fault of ours.
 */
export function domainError(error: unknown): { kind: ErrorKind; error: unknown } | undefined {
  const wrapped = (error as { error?: unknown } | undefined)?.error;
  for (const candidate of [error, wrapped]) {
    if (candidate instanceof AppError && candidate.kind) return { kind: candidate.kind, error: candidate };
  }
  for (const candidate of [error, wrapped]) {
    if (isTransient(candidate)) return { kind: ERROR_KIND.unavailable, error: candidate };
  }
  return undefined;
}

/**
 * The one place errors become JSON responses. Clients get a short message and a status, never a stack:
 * 4xx for what they sent, 503 (which Twilio and Telegram retry) when a dependency is down, 500 only
 * for a fault of ours. The body is `{ error, kind? }`: `kind` names the domain error's kind.
 */
export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException) {
      if (error.status === 413) return c.json({ error: 'Payload too large (64 KB at most).' }, 413);
      return c.json({ error: error.message || 'Bad request' }, error.status);
    }
    const domain = domainError(error);
    if (domain?.kind === ERROR_KIND.unavailable) {
      logger.warn('dependency unavailable', { path: c.req.path, error: domain.error });
      return c.json({ error: UNAVAILABLE_MESSAGE, kind: domain.kind }, ERROR_STATUS[domain.kind], {
        'Retry-After': RETRY_AFTER_SECONDS,
      });
    }
    if (domain) {
      const message = domain.error instanceof Error ? domain.error.message : '';
      // The officer's sentence in both languages, when the error has one (a console page shows it).
      const officer = domain.error instanceof AppError ? domain.error.officer : undefined;
      return c.json(
        { error: message || domain.kind, kind: domain.kind, ...(officer ? { message: officer } : {}) },
        ERROR_STATUS[domain.kind],
      );
    }
    logger.error('unhandled error', { path: c.req.path, error, stack: error.stack });
    return c.json({ error: 'Internal error' }, 500);
  };
}
