import { describe, expect, it } from 'vitest';
import { issueApiToken, officerForApiToken } from '../../functions/console/officers/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { seedStaff, signedIn } from './helpers.js';

/** Finding 6: a change to an officer's access ends what they had open. */
describe('access changes end sessions and API tokens', { timeout: 60_000 }, () => {
  it.each([
    ['a password reset', 'password', { password: 'a fresh password 42' }],
    ['a desk change', 'desk', { desk: 'togolese-abroad' }],
    ['a deactivation', 'active', { active: 'false' }],
  ] as const)('%s ends every session and the API token', async (_label, action, form) => {
    const rt = await testRuntime();
    const staff = await seedStaff(rt.store);
    const admin = await signedIn(rt.app, staff.admin.email);
    const [first, second] = [
      await signedIn(rt.app, staff.officer.email),
      await signedIn(rt.app, staff.officer.email),
    ];
    const token = await issueApiToken(rt.store, staff.officer.id);
    expect((await first.get('/console/leads')).status).toBe(200);
    expect((await second.get('/console/leads')).status).toBe(200);

    expect((await admin.post(`/console/officers/${staff.officer.id}/${action}`, form)).status).toBe(200);

    expect((await first.get('/console/leads')).status).toBe(302);
    expect((await second.get('/console/leads')).status).toBe(302);
    const api = await rt.app.request('/api/leads', { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(401);
    if (action === 'active') {
      // Reactivation does not bring the old token back.
      await admin.post(`/console/officers/${staff.officer.id}/active`, { active: 'true' });
      expect(await officerForApiToken(rt.store, token)).toBeUndefined();
    }
  });
});
