import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { ConsoleDeps, ConsoleEnv } from './env.js';

export const CSRF_FIELD = '_csrf';
const LOGIN_CSRF_COOKIE = 'tda_login_csrf';

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * hono's origin check: a form posted from another site is refused before anything reads it.
 * Allowed: the request's own origin, and the configured public one (behind API Gateway or a proxy).
 */
export function originCheck(deps: ConsoleDeps): MiddlewareHandler {
  const publicOrigin = new URL(deps.config.PUBLIC_URL).origin;
  return csrf({ origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin });
}

/** Every POST of a signed-in officer carries the session's token in the form. */
export function requireCsrfToken(): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const session = c.get('session');
    const body = await c.req.parseBody();
    const sent = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
    if (!session || !sameToken(sent, session.csrfToken)) {
      return c.text('Invalid or missing CSRF token', 403);
    }
    return next();
  };
}

/** The login form has no session yet: a signed cookie and the form must carry the same token. */
export async function issueLoginCsrf(c: Context, deps: ConsoleDeps, secure: boolean): Promise<string> {
  const value = randomBytes(18).toString('base64url');
  await setSignedCookie(c, LOGIN_CSRF_COOKIE, value, deps.config.SESSION_SECRET, {
    path: '/console/login',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: 3600,
  });
  return value;
}

export async function checkLoginCsrf(c: Context, deps: ConsoleDeps, sent: string | undefined) {
  const expected = await getSignedCookie(c, deps.config.SESSION_SECRET, LOGIN_CSRF_COOKIE);
  return sameToken(sent, expected || undefined);
}
