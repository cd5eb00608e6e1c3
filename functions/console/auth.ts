import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { ForbiddenError } from '../core/errors.js';
import type { ConsoleDeps, ConsoleEnv } from './env.js';
import { langOf } from './i18n.js';
import { getOfficer, officerForApiToken, type Role } from './officers/repository.js';
import { getSession, SESSION_TTL_MS, type Session } from './sessions.js';

export const SESSION_COOKIE = 'tda_session';

export const isSecure = (deps: ConsoleDeps) => deps.config.PUBLIC_URL.startsWith('https://');

export async function setSessionCookie(c: Context, deps: ConsoleDeps, session: Session) {
  await setSignedCookie(c, SESSION_COOKIE, session.id, deps.config.SESSION_SECRET, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(deps),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, deps: ConsoleDeps) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(deps) });
}

/** The session named by the signed cookie, if it is genuine, unexpired, and its officer active. */
export async function currentSession(c: Context, deps: ConsoleDeps) {
  const id = await getSignedCookie(c, deps.config.SESSION_SECRET, SESSION_COOKIE);
  if (!id) return undefined;
  const now = deps.now ?? Date.now;
  const session = await getSession(deps.store, id, now());
  if (!session) return undefined;
  const officer = await getOfficer(deps.store, session.officerId);
  if (!officer?.active) return undefined;
  if (session.createdAtMs < (officer.sessionsValidFromMs ?? 0)) return undefined;
  return { session, officer };
}

/**
 * Who is calling. Pages: the session cookie, else a redirect to the login page. API: a bearer
 * token or the session cookie, else 401.
 */
export function authenticate(deps: ConsoleDeps, kind: 'page' | 'api'): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    c.set('lang', langOf(c));
    const bearer = kind === 'api' ? /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '') : null;
    if (bearer) {
      const officer = await officerForApiToken(deps.store, bearer[1]!);
      if (!officer) throw new HTTPException(401, { message: 'Invalid API token' });
      c.set('officer', officer);
      c.set('session', undefined);
      return next();
    }
    const current = await currentSession(c, deps);
    if (!current) {
      if (kind === 'api') throw new HTTPException(401, { message: 'Authentication required' });
      const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : '';
      return c.redirect(`/console/login${back}`, 302);
    }
    c.set('officer', current.officer);
    c.set('session', current.session);
    return next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('officer').role)) throw new ForbiddenError();
    return next();
  };
}
