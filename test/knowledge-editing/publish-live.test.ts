import { beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../functions/console/officers/repository.js';
import { importedService, officerWith } from '../../functions/features/knowledge-editing/testing.js';
import { postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

/**
 * The whole path in one running local runtime (no restart): a draft saved through the API is
 * invisible to citizens; once a second editor publishes it, the same WhatsApp question is answered
 * from it within the refresh interval (1 s here; 30 s by default, measured in the README).
 */
let rt: Awaited<ReturnType<typeof testRuntime>>;
const tokens: Record<'ama' | 'kofi' | 'olga', string> = { ama: '', kofi: '', olga: '' };
const QUESTION = 'Je voudrais des informations sur le tournoi de pétanque de la diaspora';
const NEW_TEXT = 'Le tournoi de pétanque de la diaspora se joue chaque été';

const api = (token: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  rt.app.request(`/api/knowledge${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

const entry = (lang: 'fr' | 'en') => ({
  lang,
  title: lang === 'fr' ? 'Tournoi de pétanque de la diaspora' : 'Diaspora pétanque tournament',
  body:
    lang === 'fr'
      ? `${NEW_TEXT}, organisé avec les ambassades et consulats du Togo.\n\nTapez « menu » pour voir ce que je peux faire d’autre.`
      : 'The diaspora pétanque tournament is played every summer, organised with the embassies and consulates of Togo.\n\nType "menu" to see what else I can do.',
  questions:
    lang === 'fr' ? ['tournoi de pétanque', 'concours de boules de la diaspora'] : ['pétanque tournament'],
  keywords: lang === 'fr' ? ['pétanque', 'boules', 'tournoi'] : ['petanque', 'pétanque', 'tournament'],
  sources: ['Ambassades et consulats du Togo'],
  ownerDesk: 'togolese-abroad',
  validUntil: null,
});

async function ask(from: string): Promise<string> {
  const before = (await rt.outbox()).filter((m) => m.to === from).length;
  await postWhatsApp(rt.app, whatsappText(from, QUESTION));
  const replies = (await rt.outbox()).filter((m) => m.to === from);
  return replies
    .slice(before)
    .map((m) => m.text)
    .join('\n');
}

beforeAll(async () => {
  rt = await testRuntime({ KB_REFRESH_SECONDS: '1' });
  await importedService(rt.store);
  const [ama, kofi, olga] = await Promise.all([
    officerWith(rt.store, 'officer', true, 'togolese-abroad'),
    officerWith(rt.store, 'officer', true, 'togolese-abroad'),
    officerWith(rt.store, 'officer', false, 'togolese-abroad'),
  ]);
  tokens.ama = await issueApiToken(rt.store, ama!.id);
  tokens.kofi = await issueApiToken(rt.store, kofi!.id);
  tokens.olga = await issueApiToken(rt.store, olga!.id);
}, 60_000);

describe('knowledge published from the API, live in the running runtime', { timeout: 90_000 }, () => {
  it('lists entries with their state, and refuses a draft without the right (403) or malformed (400)', async () => {
    const list = await api(tokens.olga, '');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { entries: { id: string; state: string }[] };
    expect(body.entries.find((e) => e.id === 'invest-in-togo')?.state).toBe('published');
    expect(
      (await api(tokens.olga, '/petanque-tournament', { method: 'PUT', body: entry('fr') })).status,
    ).toBe(403);
    const bad = await api(tokens.ama, '/petanque-tournament', { method: 'PUT', body: { lang: 'de' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: { fr: string } }).message.fr).toContain('Brouillon invalide');
    expect((await rt.app.request('/api/knowledge')).status).toBe(401);
  });

  it('never answers from a draft, then answers from the published entry within 60 s, with no restart', async () => {
    // Prepare: a new entry drafted in both languages
    expect((await api(tokens.ama, '/petanque-tournament', { method: 'PUT', body: entry('fr') })).status).toBe(
      201,
    );
    expect((await api(tokens.ama, '/petanque-tournament', { method: 'PUT', body: entry('en') })).status).toBe(
      201,
    );
    await new Promise((r) => setTimeout(r, 1_200)); // past the refresh interval: a check happens
    const beforePublish = await ask('whatsapp:+33600000901');
    expect(beforePublish).not.toContain(NEW_TEXT);

    // The author cannot publish; a second editor can.
    expect((await api(tokens.ama, '/petanque-tournament/publish', { method: 'POST', body: {} })).status).toBe(
      403,
    );
    const published = await api(tokens.kofi, '/petanque-tournament/publish', { method: 'POST', body: {} });
    expect(published.status).toBe(200);
    const publishedAt = Date.now();

    // Act: the same question, until the answer comes from the new entry
    let answer = '';
    let attempts = 0;
    while (!answer.includes(NEW_TEXT) && Date.now() - publishedAt < 60_000) {
      attempts++;
      answer = await ask(`whatsapp:+3360000091${attempts % 10}`);
      if (!answer.includes(NEW_TEXT)) await new Promise((r) => setTimeout(r, 250));
    }
    const liveAfterMs = Date.now() - publishedAt;

    // Assess
    expect(answer).toContain(NEW_TEXT);
    expect(liveAfterMs).toBeLessThan(60_000);
    process.stdout.write(
      `publish-to-live (KB_REFRESH_SECONDS=1): ${liveAfterMs} ms, ${attempts} question(s)\n`,
    );
  });

  it('answers a failed check with 422 naming the rule, and rolls back through the API', async () => {
    // A draft dropping the English translation's source: unknown source → 422
    const bad = await api(tokens.ama, '/petanque-tournament', {
      method: 'PUT',
      body: { ...entry('en'), sources: ['A source nobody listed'] },
    });
    expect(bad.status).toBe(201);
    const refused = await api(tokens.kofi, '/petanque-tournament/publish', { method: 'POST', body: {} });
    expect(refused.status).toBe(422);
    const error = (await refused.json()) as { kind: string; message: { fr: string; en: string } };
    expect(error.kind).toBe('unprocessable');
    expect(error.message.fr).toContain('Sources connues');
    expect(error.message.en).toContain('Known sources');
    expect(error.message.fr).not.toMatch(/unknown source|\.md\b/);

    // Rollback to version 1 (a French-only draft, never published): refused, a draft goes through review
    const noEnglish = await api(tokens.kofi, '/petanque-tournament/rollback', {
      method: 'POST',
      body: { version: 1 },
    });
    expect(noEnglish.status).toBe(422);
    expect(((await noEnglish.json()) as { message: { fr: string } }).message.fr).toContain(
      'jamais été publiée',
    );
    // Rollback to the published version 2: accepted, audited
    const back = await api(tokens.kofi, '/petanque-tournament/rollback', {
      method: 'POST',
      body: { version: 2 },
    });
    expect(back.status).toBe(200);
    const detail = (await (await api(tokens.kofi, '/petanque-tournament')).json()) as {
      audit: { action: string; actor: { name: string } }[];
      summary: { state: string };
    };
    expect(detail.audit.map((a) => a.action)).toContain('kb_rolled_back');
    expect(
      (await api(tokens.kofi, '/petanque-tournament/rollback', { method: 'POST', body: { version: 0 } }))
        .status,
    ).toBe(400);
  });
});
