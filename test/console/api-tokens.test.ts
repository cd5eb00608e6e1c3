import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officerForApiToken } from '../../functions/console/officers/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { type ConsoleClient, type Staff, seedStaff, signedIn } from './helpers.js';

// Finding 7 of the hostile-input issue: an admin read every lead through a token minted for a supervisor.
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let admin: ConsoleClient;
let supervisor: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime();
  staff = await seedStaff(rt.store);
  [admin, supervisor] = await Promise.all([
    signedIn(rt.app, staff.admin.email),
    signedIn(rt.app, staff.supervisor.email),
  ]);
});
afterAll(async () => {
  await rt.queue.idle();
});

const tokenIn = (html: string) => /id="api-token">([^<]+)</.exec(html)?.[1];
const readLeads = (token: string) =>
  rt.app.request('/api/leads', { headers: { authorization: `Bearer ${token}` } });

describe('API tokens', () => {
  it('only the officer themself sees a new token of theirs', async () => {
    const page = await supervisor.post('/console/account/token');
    expect(page.status).toBe(200);
    const token = tokenIn(await page.text());
    expect(token).toMatch(/^tda_/);
    expect((await readLeads(token!)).status).toBe(200);
    // Shown once: the page afterwards has no token.
    expect(tokenIn(await (await supervisor.get('/console/account')).text())).toBeUndefined();
  });

  it('an admin can revoke an officer’s token but is never shown one; the officer is told', async () => {
    const own = tokenIn(await (await supervisor.post('/console/account/token')).text())!;
    const res = await admin.post(`/console/officers/${staff.supervisor.id}/token`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(tokenIn(html)).toBeUndefined();
    expect(html).not.toMatch(/tda_[0-9a-f-]{36}_/);
    expect(html).toContain('Jeton API révoqué');
    expect(await officerForApiToken(rt.store, own)).toBeUndefined();
    expect((await readLeads(own)).status).toBe(401);
    const account = await (await supervisor.get('/console/account')).text();
    expect(account).toContain('Jeton API révoqué');
    expect(account).toContain('Admin');
  });

  it('every role has its own account page, in French', async () => {
    const officer = await signedIn(rt.app, staff.officer.email);
    const res = await officer.get('/console/account');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Historique de votre compte');
    expect(html).toContain('Nouveau jeton API');
  });
});
