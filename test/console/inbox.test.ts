import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { visibleText } from './french.js';
import { type ConsoleClient, newLead, type Staff, seedStaff, signedIn } from './helpers.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;
let supervisor: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0' });
  staff = await seedStaff(rt.store);
  officer = await signedIn(rt.app, staff.officer.email);
  supervisor = await signedIn(rt.app, staff.supervisor.email);
}, 120_000);
afterAll(() => rt?.queue.idle());

const writes = async (from: string, text: string) => {
  expect((await postWhatsApp(rt.app, whatsappText(from, text))).status).toBe(200);
  await rt.queue.idle();
};
const count = async (client: ConsoleClient) =>
  visibleText(await (await client.get('/console/inbox/count')).text()).trim();
const apiLead = async (client: ConsoleClient, ref: string) => {
  const body = (await (await client.get('/api/leads')).json()) as {
    leads: { reference: string; awaitingReply: boolean; lastCitizenMessageAt: string | null }[];
  };
  return body.leads.find((l) => l.reference === ref)!;
};

describe('the officers’ inbox', { timeout: 120_000 }, () => {
  it('marks a held lead whose citizen wrote last, counts it in the navigation and the API, until the officer answers', async () => {
    const held = 'whatsapp:+33610000001';
    const other = 'whatsapp:+33610000002';
    await writes(held, 'Bonjour');
    await writes(other, 'Bonjour');
    const lead = await newLead(rt.store, {
      desk: 'investment-promotion',
      userId: held,
      fullName: 'Afi Held',
    });
    const quiet = await newLead(rt.store, {
      desk: 'investment-promotion',
      userId: other,
      fullName: 'Yao Quiet',
    });

    // Nobody waits yet: the bot answered each message.
    expect(await count(officer)).toBe('');
    expect(await apiLead(officer, lead.reference)).toMatchObject({ awaitingReply: false });

    // The officer takes the conversation; the citizen writes; the bot stays silent: the citizen waits.
    expect((await officer.post(`/console/leads/${lead.reference}/conversation`)).status).toBe(303);
    await writes(held, 'Vous êtes là ? Je voudrais un rendez-vous.');
    const list = visibleText(await (await officer.get('/console/leads')).text());
    expect(list).toMatch(/Afi Held/);
    expect(list).toMatch(/citoyen en attente depuis \d+ min/);
    expect(list).toContain('1 citoyen en attente');
    expect(await count(officer)).toBe('1 1 citoyen en attente');
    expect(await count(supervisor)).toMatch(/^1 /);
    // Another desk's officer does not count it.
    const otherDesk = await signedIn(rt.app, staff.otherOfficer.email);
    expect(await count(otherDesk)).toBe('');

    const api = await apiLead(officer, lead.reference);
    expect(api.awaitingReply).toBe(true);
    expect(Date.parse(api.lastCitizenMessageAt!)).toBeGreaterThan(Date.parse(lead.createdAt) - 60_000);
    expect(await apiLead(officer, quiet.reference)).toMatchObject({
      awaitingReply: false,
      lastCitizenMessageAt: expect.any(String),
    });

    // The fragment htmx polls carries the same marker, and polls again.
    const fragment = await (await officer.get('/console/inbox/leads?sort=citizen')).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('hx-get="/console/inbox/leads?sort=citizen"');
    expect(visibleText(fragment)).toContain('citoyen en attente depuis');

    // Only the waiting ones; sorted by the citizen's latest message.
    const waitingOnly = visibleText(await (await officer.get('/console/leads?waiting=1')).text());
    expect(waitingOnly).toContain('Afi Held');
    expect(waitingOnly).not.toContain('Yao Quiet');
    await writes(other, 'Encore moi');
    const sorted = visibleText(await (await officer.get('/console/leads?sort=citizen')).text());
    expect(sorted.indexOf('Yao Quiet')).toBeLessThan(sorted.indexOf('Afi Held'));

    // The officer answers: nobody waits any more.
    const page = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page)?.[1];
    expect(
      (
        await officer.post(`/console/leads/${lead.reference}/reply`, {
          idempotencyKey: key!,
          text: 'Oui, je suis là.',
        })
      ).status,
    ).toBe(303);
    expect(await count(officer)).toBe('');
    expect(visibleText(await (await officer.get('/console/leads')).text())).not.toContain(
      'en attente depuis',
    );
    expect(await apiLead(officer, lead.reference)).toMatchObject({ awaitingReply: false });
  });

  it('serves htmx itself, cached for a year, under a CSP that allows scripts from the console only', async () => {
    const page = await officer.get('/console/leads');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    // Every script has a src on this origin: no inline script.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![2]).toBe('');
    const src = /src="([^"]+)"/.exec(scripts[0]![1]!)?.[1];
    expect(src).toMatch(/^\/console\/assets\/htmx-[0-9a-f]{12}\.min\.js$/);
    expect(html).toContain('hx-get="/console/inbox/count"');

    const asset = await rt.app.request(src!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toContain('htmx');
    expect((await rt.app.request('/console/assets/other.js')).status).toBe(404);
  });
});
