import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isTransient } from './errors.js';
import type { Logger } from './logger.js';

/**
 * The one place errors become responses. Clients get a short message and a status, never a stack:
 * 4xx for what they sent, 503 (which Twilio and Telegram retry) when a dependency is down.
 */
export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException) {
      if (error.status === 413) return c.json({ error: 'Payload too large (64 KB at most).' }, 413);
      return c.json({ error: error.message || 'Bad request' }, error.status);
    }
    const cause = (error as { error?: unknown }).error ?? error; // grammY wraps middleware errors in BotError
    if (isTransient(cause) || isTransient(error)) {
      logger.warn('dependency unavailable', { path: c.req.path, error: cause });
      return c.json({ error: 'Temporarily unavailable, please retry.' }, 503, { 'Retry-After': '5' });
    }
    logger.error('unhandled error', { path: c.req.path, error, stack: error.stack });
    return c.json({ error: 'Internal error' }, 500);
  };
}
