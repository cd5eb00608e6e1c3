import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLead, type Lead } from '../../functions/features/leads/repository.js';
import { listOutbox } from '../../functions/store/outbox.js';
import { testRuntime } from '../helpers/runtime.js';
import { rawStrings, visibleText } from './french.js';
import { type ConsoleClient, type Staff, seedStaff, signedIn } from './helpers.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;
let otherOfficer: ConsoleClient;
let supervisor: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime();
  staff = await seedStaff(rt.store);
  [officer, otherOfficer, supervisor] = await Promise.all([
    signedIn(rt.app, staff.officer.email),
    signedIn(rt.app, staff.otherOfficer.email),
    signedIn(rt.app, staff.supervisor.email),
  ]);
});
afterAll(async () => {
  await rt.queue.idle();
});

function telegramLead(userId: string, lang: 'fr' | 'en'): Promise<Lead> {
  return createLead(rt.store, {
    kind: 'registration',
    programme: 'investment',
    sector: 'energy',
    country: 'BE',
    fullName: 'Yawa Agbeko',
    contactPreference: 'chat',
    channel: 'telegram',
    userId,
    address: userId,
    lang,
    desk: 'investment-promotion',
  });
}

const FR = 'Bonjour, votre dossier {référence} est bien reçu. Un agent vous rappelle cette semaine.';
const EN = 'Hello, your file {référence} is received. An officer will call you this week.';

async function createCanned(title: string) {
  const res = await supervisor.post('/console/canned', {
    desk: 'investment-promotion',
    id: '',
    title,
    fr: FR,
    en: EN,
  });
  expect(res.status).toBe(303);
  const page = await (await supervisor.get(res.headers.get('location') ?? '')).text();
  const id = new RegExp(`name="id" value="([0-9a-f-]{36})"[\\s\\S]*?value="${title}"`).exec(page)?.[1];
  expect(id).toBeDefined();
  return { id: id!, page };
}

describe('canned replies (réponses types)', { timeout: 60_000 }, () => {
  it('are written by supervisors per desk in French and English, with a read-only history in French', async () => {
    const { id, page } = await createCanned('Accusé de réception');
    expect(page).toContain('Réponse type enregistrée.');
    // Edited, then the history shows both changes, by name, with French dates.
    const edited = await supervisor.post('/console/canned', {
      desk: 'investment-promotion',
      id,
      title: 'Accusé de réception',
      fr: `${FR} Merci.`,
      en: EN,
    });
    expect(edited.headers.get('location')).toContain('done=saved');
    const html = await (await supervisor.get('/console/canned?desk=investment-promotion')).text();
    const text = visibleText(html);
    expect(text).toContain('Historique des modifications');
    expect(text).toContain('Enregistrée');
    expect(text).toContain('Supervisor');
    expect(html).toContain('semaine. Merci.');
    expect(rawStrings(text)).toEqual([]);
    // The navigation shows it to supervisors only; officers are refused.
    expect(html).toContain('href="/console/canned"');
    expect(await (await officer.get('/console/leads')).text()).not.toContain('href="/console/canned"');
    expect((await officer.get('/console/canned')).status).toBe(403);
    expect(
      (await officer.post('/console/canned', { desk: 'investment-promotion', title: 'x', fr: 'x', en: 'x' }))
        .status,
    ).toBe(403);
  });

  it('refuses an incomplete reply with a French message, and a deleted one cannot come back', async () => {
    const missing = await supervisor.post('/console/canned', {
      desk: 'investment-promotion',
      title: 'Sans anglais',
      fr: 'Bonjour.',
      en: '  ',
    });
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain('les deux textes');
    expect(
      (await supervisor.post('/console/canned', { desk: 'nulle-part', title: 'x', fr: 'x', en: 'x' })).status,
    ).toBe(400);

    const { id } = await createCanned('À supprimer');
    const deleted = await supervisor.post('/console/canned/delete', { desk: 'investment-promotion', id });
    expect(deleted.headers.get('location')).toContain('done=deleted');
    const again = await supervisor.post('/console/canned', {
      desk: 'investment-promotion',
      id,
      title: 'À supprimer',
      fr: 'x',
      en: 'y',
    });
    expect(again.headers.get('location')).toContain('done=missing');
    const html = await (await supervisor.get('/console/canned?desk=investment-promotion')).text();
    expect(html).not.toContain('value="À supprimer"');
    expect(visibleText(html)).toContain('Supprimée');
  });

  it('is inserted in the citizen’s language, edited, and reaches the citizen once', async () => {
    const { id } = await createCanned('Rappel cette semaine');
    const lead = await telegramLead('8101', 'en');
    const page = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    // The picker under the reply box: htmx swaps the box; without script the form opens a page.
    expect(page).toContain('hx-get="/console/canned/insert"');
    expect(page).toContain('>Rappel cette semaine</option>');

    const box = await officer.get(`/console/canned/insert?lead=${lead.reference}&id=${id}`);
    expect(box.status).toBe(200);
    const boxHtml = await box.text();
    expect(boxHtml).toMatch(/^<textarea id="reply-text" name="text"/);
    expect(boxHtml).toContain(`Hello, your file ${lead.reference} is received.`);

    const compose = await (
      await officer.get(`/console/canned/compose?lead=${lead.reference}&id=${id}`)
    ).text();
    expect(compose).toContain(`Hello, your file ${lead.reference} is received.`);
    expect(compose).toContain(`action="/console/leads/${lead.reference}/reply"`);
    expect(rawStrings(visibleText(compose))).toEqual([]);

    // The officer edits the text before sending; the edited text is what the citizen gets.
    const edited = `Hello, your file ${lead.reference} is received. An officer will call you on Tuesday.`;
    const sent = await officer.post(`/console/leads/${lead.reference}/reply`, {
      idempotencyKey: randomUUID(),
      text: edited,
    });
    expect(sent.headers.get('location')).toContain('done=sent');
    await rt.queue.idle();
    const got = (await listOutbox(rt.store)).filter((m) => m.to === '8101');
    expect(got.filter((m) => m.text.startsWith(edited))).toHaveLength(1);

    // A French citizen gets the French version.
    const french = await telegramLead('8102', 'fr');
    const frBox = await (
      await officer.get(`/console/canned/insert?lead=${french.reference}&id=${id}`)
    ).text();
    expect(frBox).toContain(`Bonjour, votre dossier ${french.reference} est bien reçu.`);
  });

  it('stays within the desk: another desk’s officer cannot insert it, a bad id is a 4xx', async () => {
    const { id } = await createCanned('Bureau seulement');
    const lead = await telegramLead('8103', 'fr');
    expect((await otherOfficer.get(`/console/canned/insert?lead=${lead.reference}&id=${id}`)).status).toBe(
      403,
    );
    expect((await officer.get(`/console/canned/insert?lead=${lead.reference}&id=pas-un-id`)).status).toBe(
      400,
    );
    expect(
      (await officer.get(`/console/canned/insert?lead=${lead.reference}&id=${randomUUID()}`)).status,
    ).toBe(404);
  });
});
