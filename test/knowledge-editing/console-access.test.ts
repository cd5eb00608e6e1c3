import { describe, expect, it } from 'vitest';
import { visibleText } from '../console/french.js';
import { ORIGIN, seedStaff, signedIn } from '../console/helpers.js';
import { testRuntime } from '../helpers/runtime.js';

describe('the editor right, granted on the officers page, and the API with a session', {
  timeout: 60_000,
}, () => {
  it('lets an admin grant it (audited, in French), then the officer saves a draft with the session and its CSRF header', async () => {
    // Prepare
    const rt = await testRuntime();
    const staff = await seedStaff(rt.store);
    const admin = await signedIn(rt.app, 'admin@example.test');
    const officer = await signedIn(rt.app, 'officer@example.test');
    const cookie = () => [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const put = (headers: Record<string, string> = {}) =>
      rt.app.request('/api/knowledge/session-test-topic', {
        method: 'PUT',
        headers: { cookie: cookie(), origin: ORIGIN, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          lang: 'fr',
          title: 'Un sujet de test',
          body: 'Brouillon écrit depuis la console.',
          questions: [],
          sources: ['Ambassades et consulats du Togo'],
          ownerDesk: 'togolese-abroad',
        }),
      });

    // Before the grant: 403
    expect((await put({ 'x-csrf-token': officer.csrf })).status).toBe(403);

    // Act: the admin grants the right
    const granted = await admin.post(`/console/officers/${staff.officer.id}/editor`, { editor: 'true' });

    // Assess
    expect(granted.status).toBe(200);
    const page = visibleText(await granted.text());
    expect(page).toContain('Rédacteur (base de connaissances)');
    expect(page).toContain('Droit « Rédacteur » accordé');
    expect(page).toContain('Retirer le droit « Rédacteur »');
    expect((await put()).status).toBe(403); // a session without its CSRF token in the header
    expect((await put({ 'x-csrf-token': 'forged' })).status).toBe(403);
    const saved = await put({ 'x-csrf-token': officer.csrf });
    expect(saved.status).toBe(201);
    expect(((await saved.json()) as { version: { version: number } }).version.version).toBe(1);
  });
});
