import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../functions/console/login-throttle.js';
import { SESSION_TTL_MS } from '../../functions/console/sessions.js';
import { testRuntime } from '../helpers/runtime.js';
import { ConsoleClient, PASSWORD, type Staff, seedStaff, signedIn } from './helpers.js';

let clock = Date.parse('2026-11-22T09:00:00Z');
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;

beforeAll(async () => {
  rt = await testRuntime({}, { now: () => clock });
  staff = await seedStaff(rt.store);
});
afterAll(async () => {
  await rt.queue.idle();
});

describe('console login', () => {
  it('serves the login form in French by default, in English once chosen', async () => {
    const client = new ConsoleClient(rt.app);
    const fr = await client.get('/console/login');
    expect(fr.status).toBe(200);
    const html = await fr.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Mot de passe');
    const switched = await client.get('/console/lang?to=en&back=/console/login');
    expect(switched.status).toBe(302);
    expect(switched.headers.get('location')).toBe('/console/login');
    expect(await (await client.get('/console/login')).text()).toContain('Password');
  });

  it('never redirects outside the console (language switch, next)', async () => {
    const client = new ConsoleClient(rt.app);
    const res = await client.get('/console/lang?to=en&back=https://evil.example/x');
    expect(res.headers.get('location')).toBe('/console');
    const login = await client.get('/console/login?next=//evil.example');
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
    const signed = await client.post(
      '/console/login',
      { email: staff.officer.email, password: PASSWORD, next: '//evil.example' },
      { csrf: token },
    );
    expect(signed.headers.get('location')).toBe('/console/leads');
  });

  it('sets a signed, HTTP-only, SameSite=Lax, Secure session cookie with an expiry', async () => {
    const client = new ConsoleClient(rt.app);
    const res = await client.signIn(staff.officer.email);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/leads');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tda_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=28800/);
  });

  it('refuses a wrong password with 401 and no session; the same for an unknown email', async () => {
    for (const email of [staff.officer.email, 'nobody@example.test']) {
      const client = new ConsoleClient(rt.app);
      const res = await client.signIn(email, 'wrong password');
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('E-mail ou mot de passe incorrect.');
      expect(client.cookies.has('tda_session')).toBe(false);
    }
  });

  it('refuses a login form without its CSRF token, or posted from another site', async () => {
    const client = new ConsoleClient(rt.app);
    await client.get('/console/login');
    const noToken = await client.post(
      '/console/login',
      { email: staff.officer.email, password: PASSWORD },
      { csrf: null },
    );
    expect(noToken.status).toBe(400);
    const form = await client.get('/console/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const crossSite = await client.post(
      '/console/login',
      { email: staff.officer.email, password: PASSWORD },
      { csrf: token, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(client.cookies.has('tda_session')).toBe(false);
  });

  it('slows an account down after 5 failures (no address known: one shared bucket), then lets it in', async () => {
    const client = new ConsoleClient(rt.app);
    for (let i = 0; i < 5; i++) expect((await client.signIn(staff.admin.email, 'nope')).status).toBe(401);
    const sixth = await client.signIn(staff.admin.email);
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain('Réessayez dans quelques minutes');
    expect(sixth.headers.get('retry-after')).toBe('60');
    clock += LOGIN_LIMITS.baseWindowMs + 1;
    expect((await client.signIn(staff.admin.email)).status).toBe(303);
  }, 90_000);
});

describe('console sessions', () => {
  it('regenerates the session id at login and deletes the old session', async () => {
    const client = await signedIn(rt.app, staff.officer.email);
    const first = client.cookies.get('tda_session');
    const stolen = new ConsoleClient(rt.app);
    stolen.cookies.set('tda_session', first ?? '');
    expect((await stolen.get('/console/leads')).status).toBe(200);
    await client.signIn(staff.officer.email);
    expect(client.cookies.get('tda_session')).not.toBe(first);
    expect((await stolen.get('/console/leads')).status).toBe(302);
  });

  it('rejects a forged (unsigned) session cookie', async () => {
    const client = new ConsoleClient(rt.app);
    client.cookies.set('tda_session', 'made-up-session-id');
    expect((await client.get('/console/leads')).status).toBe(302);
  });

  it('logs out: the session is deleted server-side, the cookie no longer works', async () => {
    const client = await signedIn(rt.app, staff.supervisor.email);
    const copy = new ConsoleClient(rt.app);
    copy.cookies.set('tda_session', client.cookies.get('tda_session') ?? '');
    const out = await client.post('/console/logout');
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/login');
    expect((await copy.get('/console/leads')).status).toBe(302);
  });

  it('expires sessions after 8 hours', async () => {
    const client = await signedIn(rt.app, staff.supervisor.email);
    clock += SESSION_TTL_MS + 1;
    const res = await client.get('/console/dashboard');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Fdashboard');
  });

  it('checks the session CSRF token on every POST', async () => {
    const client = await signedIn(rt.app, staff.admin.email);
    expect((await client.post('/console/officers/x/token', {}, { csrf: null })).status).toBe(403);
    expect((await client.post('/console/officers/x/token', {}, { csrf: 'wrong' })).status).toBe(403);
    expect((await client.post('/console/logout', {}, { csrf: 'wrong' })).status).toBe(403);
    // The right token gets through to the handler (here: no such officer).
    expect((await client.post('/console/officers/x/token')).status).toBe(404);
  });

  it('sends security headers and no-store on console pages', async () => {
    const res = await new ConsoleClient(rt.app).get('/console/login');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
