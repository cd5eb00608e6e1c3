import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { clearSessionCookie, currentSession, isSecure, setSessionCookie } from './auth.js';
import { CSRF_FIELD, checkLoginCsrf, issueLoginCsrf, sameToken } from './csrf.js';
import type { ConsoleDeps, ConsoleEnv } from './env.js';
import { consoleTexts, LANG_COOKIE, langOf } from './i18n.js';
import { Notice, Page } from './layout.js';
import { clearBucket, clientAddress, releaseCheck, reserveLogin, throttleKey } from './login-throttle.js';
import { appendOfficerAudit, OFFICER_AUDIT_ACTION } from './officers/audit.js';
import { authenticate as checkPassword } from './officers/repository.js';
import { createSession, deleteSession } from './sessions.js';

const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  [CSRF_FIELD]: z.string().optional(),
  next: z.string().optional(),
});

/** Only a console path: `next` must never send an officer to another site after login. */
export function safeNext(next: string | undefined): string {
  return next && /^\/console(\/[\w\-/.]*)?(\?[\w\-=&%.]*)?$/.test(next) ? next : '/console';
}

function LoginForm(props: { lang: 'fr' | 'en'; token: string; next: string; error?: string | undefined }) {
  const t = consoleTexts(props.lang);
  return (
    <Page lang={props.lang} title={t.login} path="/console/login">
      <section style="max-width:24rem">
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <form method="post" action="/console/login">
          <input type="hidden" name={CSRF_FIELD} value={props.token} />
          <input type="hidden" name="next" value={props.next} />
          <p>
            <label for="email">{t.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required />
          </p>
          <p>
            <label for="password">{t.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </p>
          <button type="submit">{t.signIn}</button>
        </form>
      </section>
    </Page>
  );
}

/** Login, logout and the language switch: the only console routes open to anonymous visitors. */
export function loginRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  const now = deps.now ?? Date.now;

  const showForm = async (c: Context<ConsoleEnv>, status: 200 | 400 | 401 | 429, error?: string) => {
    const token = await issueLoginCsrf(c, deps, isSecure(deps));
    const next = safeNext(
      c.req.query('next') ?? ((await c.req.parseBody().catch(() => ({}))) as { next?: string }).next,
    );
    return c.html(<LoginForm lang={langOf(c)} token={token} next={next} error={error} />, status);
  };

  // Shown even to a signed-in officer: signing in again (as someone else) replaces the session.
  app.get('/login', (c) => showForm(c, 200));

  app.post('/login', async (c) => {
    const t = consoleTexts(langOf(c));
    const parsed = loginSchema.safeParse(await c.req.parseBody());
    if (!parsed.success) return showForm(c, 400, t.badLogin);
    if (!(await checkLoginCsrf(c, deps, parsed.data[CSRF_FIELD]))) return showForm(c, 400, t.badForm);
    // The check is reserved before the password is hashed: parallel guesses cannot outrun the count,
    // and a known and an unknown address meet the same buckets, answers and work.
    const address = clientAddress(c.env);
    const gate = await reserveLogin(deps.store, parsed.data.email, address, now());
    if (!gate.ok) {
      c.header('Retry-After', String(Math.ceil(gate.retryAfterMs / 1000)));
      return showForm(c, 429, t.locked);
    }
    const result = await checkPassword(deps.store, parsed.data.email, parsed.data.password);
    if (!result.ok) {
      if (result.officerId && gate.exhausted.some((b) => b !== 'address'))
        await appendOfficerAudit(deps.store, {
          at: new Date(now()).toISOString(),
          actor: 'system',
          action: OFFICER_AUDIT_ACTION.signInThrottled,
          officerId: result.officerId,
        });
      return showForm(c, 401, t.badLogin);
    }
    // The right password: its checks are given back (only failed checks count toward a slowdown).
    await Promise.all(gate.reserved.map((key) => releaseCheck(deps.store, key)));
    if (address) await clearBucket(deps.store, throttleKey('accountFromAddress', parsed.data.email, address));
    // A session from before the login is dropped, never promoted: the id changes at every login.
    const previous = await currentSession(c, deps);
    if (previous) await deleteSession(deps.store, previous.session.id);
    const session = await createSession(deps.store, result.officer.id, now());
    await setSessionCookie(c, deps, session);
    const landing = result.officer.role === 'admin' ? '/console/officers' : '/console/leads';
    const next = safeNext(parsed.data.next);
    return c.redirect(next === '/console' ? landing : next, 303);
  });

  app.post('/logout', async (c) => {
    const current = await currentSession(c, deps);
    if (current) {
      const body = await c.req.parseBody();
      const sent = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
      if (!sameToken(sent, current.session.csrfToken)) return c.text('Invalid or missing CSRF token', 403);
      await deleteSession(deps.store, current.session.id);
    }
    clearSessionCookie(c, deps);
    return c.redirect('/console/login', 303);
  });

  // A preference, not a state change of any record: a link keeps it usable without a form.
  app.get('/lang', (c) => {
    const lang = c.req.query('to') === 'en' ? 'en' : 'fr';
    setCookie(c, LANG_COOKIE, lang, {
      path: '/',
      sameSite: 'Lax',
      httpOnly: true,
      secure: isSecure(deps),
      maxAge: 365 * 24 * 3600,
    });
    const back = c.req.query('back');
    return c.redirect(back === '/console/login' ? back : safeNext(back), 302);
  });

  return app;
}
