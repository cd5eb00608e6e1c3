import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapItem, newGap } from '../../functions/features/knowledge/gaps.js';
import { listAudit } from '../../functions/features/leads/audit.js';
import { getLead, markEscalated } from '../../functions/features/leads/repository.js';
import { listMessages } from '../../functions/store/messages.js';
import { postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { type ConsoleClient, newLead, type Staff, seedStaff, signedIn } from './helpers.js';

let clock = Date.parse('2026-11-22T09:00:00Z');
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;
let supervisor: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({}, { now: () => clock });
  staff = await seedStaff(rt.store);
  [officer, supervisor] = await Promise.all([
    signedIn(rt.app, staff.officer.email),
    signedIn(rt.app, staff.supervisor.email),
  ]);
});
afterAll(async () => {
  await rt.queue.idle();
});

let phone = 600_000_000;
/** A citizen who wrote on WhatsApp (through the real webhook) and a lead of theirs on the officer's desk. */
async function citizenWithLead(fullName = 'Kossi Mensah') {
  const from = `whatsapp:+33${++phone}`;
  expect((await postWhatsApp(rt.app, whatsappText(from, 'Bonjour'))).status).toBe(200);
  await rt.queue.idle();
  const lead = await newLead(rt.store, { desk: 'investment-promotion', userId: from, fullName }, clock);
  return { from, lead };
}
const outboxTo = async (address: string) => (await rt.outbox()).filter((m) => m.to === address);

describe('lead page and workflow', () => {
  it('shows details, conversation, audit; claim and the status workflow are recorded', async () => {
    const { lead } = await citizenWithLead();
    const page = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(page).toContain('Kossi Mensah');
    expect(page).toContain('Bonjour');
    expect(page).toContain('Prendre en charge');

    expect((await officer.post(`/console/leads/${lead.reference}/claim`)).status).toBe(303);
    for (const to of ['contacted', 'qualified']) {
      expect((await officer.post(`/console/leads/${lead.reference}/status`, { to })).status).toBe(303);
    }
    expect(
      (
        await officer.post(`/console/leads/${lead.reference}/status`, {
          to: 'closed',
          outcome: 'won',
          confirm: '1',
        })
      ).status,
    ).toBe(303);
    const saved = await getLead(rt.store, lead.reference);
    expect(saved).toMatchObject({ status: 'closed', outcome: 'won', assignee: staff.officer.id });
    const actions = (await listAudit(rt.store, lead.reference)).map((e) => [e.actor, e.action]);
    expect(actions).toEqual([
      ['citizen', 'created'],
      [staff.officer.id, 'claimed'],
      [staff.officer.id, 'status_changed'],
      [staff.officer.id, 'status_changed'],
      [staff.officer.id, 'status_changed'],
    ]);
    const after = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(after).toContain('Clôturé (Abouti)');
    expect(after).toContain('Historique (lecture seule)');
  });

  it('refuses a move outside the workflow with a notice on the lead, and a form that is not one with 400', async () => {
    const { lead } = await citizenWithLead();
    const page = `/console/leads/${lead.reference}`;
    // The lead is not where the officer thought: back to its current version, with a French notice.
    const wrong = await officer.post(`${page}/status`, { to: 'qualified' });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe(`${page}?done=conflict`);
    expect(await (await officer.get(`${page}?done=conflict`)).text()).toContain(
      'Ce dossier a changé entre-temps',
    );
    expect((await getLead(rt.store, lead.reference))?.status).toBe('new');
    expect((await officer.post(`${page}/status`, { to: 'done' })).status).toBe(400);
    expect((await officer.post(`${page}/claim`)).status).toBe(303);
    // Claiming again (Back, then the button) says it is taken, never "cannot move … to assigned".
    expect((await officer.post(`${page}/claim`)).headers.get('location')).toBe(`${page}?done=taken`);
    // "won" only once qualified.
    const won = await officer.post(`${page}/status`, { to: 'closed', outcome: 'won', confirm: '1' });
    expect(won.headers.get('location')).toBe(`${page}?done=conflict`);
    expect((await getLead(rt.store, lead.reference))?.status).toBe('assigned');
    expect((await officer.get('/console/leads/TG-2026-99999')).status).toBe(404);
  });

  it('adds notes and lets a supervisor reassign to an officer of the desk only', async () => {
    const { lead } = await citizenWithLead();
    await officer.post(`/console/leads/${lead.reference}/notes`, { text: 'Rappeler lundi' });
    expect(await (await officer.get(`/console/leads/${lead.reference}`)).text()).toContain('Rappeler lundi');
    const wrongDesk = await supervisor.post(`/console/leads/${lead.reference}/reassign`, {
      officerId: staff.otherOfficer.id,
    });
    expect(wrongDesk.status).toBe(400);
    await supervisor.post(`/console/leads/${lead.reference}/reassign`, { officerId: staff.officer.id });
    expect((await getLead(rt.store, lead.reference))?.assignee).toBe(staff.officer.id);
  });
});

describe('replying to the citizen', () => {
  it('sends through the bot on the citizen’s channel once, even on a double submit, and logs it', async () => {
    const { from, lead } = await citizenWithLead();
    const key = randomUUID();
    const form = { idempotencyKey: key, text: 'Bonjour, je suis votre conseiller.' };
    const [a, b] = await Promise.all([
      officer.post(`/console/leads/${lead.reference}/reply`, form),
      officer.post(`/console/leads/${lead.reference}/reply`, form),
    ]);
    const flashes = [a.headers.get('location'), b.headers.get('location')].sort();
    expect(flashes).toEqual([
      `/console/leads/${lead.reference}?done=duplicate`,
      `/console/leads/${lead.reference}?done=sent`,
    ]);
    const sent = (await outboxTo(from)).filter((m) => m.text.startsWith(form.text));
    expect(sent).toHaveLength(1);
    // The officer's text carries the check code a citizen can verify (features/official/check-codes.ts).
    const withCode =
      /^Bonjour, je suis votre conseiller\.\n\nCode de vérification : [A-Z2-9]{4}-[A-Z2-9]{4}$/;
    expect(sent[0]?.text).toMatch(withCode);
    const log = await listMessages(rt.store, 'whatsapp', from);
    expect(log.at(-1)).toMatchObject({ direction: 'out', text: sent[0]?.text, by: staff.officer.id });
    // The officer is talking: the conversation is held until handed back, which tells the citizen.
    expect((await getLead(rt.store, lead.reference))?.conversationOpen).toBe(true);
    await officer.post(`/console/leads/${lead.reference}/hand-back`);
    expect((await getLead(rt.store, lead.reference))?.conversationOpen).toBe(false);
    // The bot is back, then the citizen is asked once to rate the help (features/satisfaction).
    const [backNotice, question] = (await outboxTo(from)).slice(-2);
    expect(backNotice?.text).toMatch(/assistant automatique/);
    expect(question?.text).toMatch(/Êtes-vous satisfait\(e\) de l’aide reçue/);
  });

  it('WhatsApp 24-hour rule: free text inside the window, only an approved template outside', async () => {
    const { from, lead } = await citizenWithLead('Afi Amegah');
    clock += 23 * 3600 * 1000;
    officer = await signedIn(rt.app, staff.officer.email); // sessions last 8 hours
    const inside = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(inside).toContain('id="reply-text"');
    expect(inside).not.toContain('plus de 24 heures');

    clock += 2 * 3600 * 1000; // 25 h after the citizen's last message
    officer = await signedIn(rt.app, staff.officer.email);
    supervisor = await signedIn(rt.app, staff.supervisor.email);
    const outside = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(outside).toContain('plus de 24 heures');
    expect(outside).not.toContain('id="reply-text"');
    expect(outside).toContain('name="template"');

    const before = (await outboxTo(from)).length;
    const refused = await officer.post(`/console/leads/${lead.reference}/reply`, {
      idempotencyKey: randomUUID(),
      text: 'Free text after 25 hours',
    });
    expect(refused.headers.get('location')).toContain('done=window');
    expect(await outboxTo(from)).toHaveLength(before);

    const templated = await officer.post(`/console/leads/${lead.reference}/reply`, {
      idempotencyKey: randomUUID(),
      template: 'follow_up_fr',
    });
    expect(templated.headers.get('location')).toContain('done=sent');
    const last = (await outboxTo(from)).at(-1);
    expect(last?.text).toContain(lead.reference);
    // A new message from the citizen reopens the window.
    await postWhatsApp(rt.app, whatsappText(from, 'Oui, merci'));
    await rt.queue.idle();
    expect(await (await officer.get(`/console/leads/${lead.reference}`)).text()).toContain('id="reply-text"');
  });
});

describe('holding the conversation', () => {
  it('takes the chat from the console: the bot stays silent, the officer sees the message; hand back', async () => {
    const { from, lead } = await citizenWithLead();
    const page = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(page).toContain('Prendre la conversation');
    expect((await officer.post(`/console/leads/${lead.reference}/conversation`)).status).toBe(303);
    const before = (await outboxTo(from)).length;
    await postWhatsApp(rt.app, whatsappText(from, 'Vous êtes là ? Ma question sur les terrains'));
    await rt.queue.idle();
    expect(await outboxTo(from)).toHaveLength(before);
    const held = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(held).toContain('Ma question sur les terrains');
    expect(held).toContain('Rendre la conversation');
    await officer.post(`/console/leads/${lead.reference}/hand-back`);
    // The bot is back, then the citizen is asked once to rate the help (features/satisfaction).
    const [backNotice, question] = (await outboxTo(from)).slice(-2);
    expect(backNotice?.text).toMatch(/assistant automatique/);
    expect(question?.text).toMatch(/Êtes-vous satisfait\(e\) de l’aide reçue/);
  });
});

describe('lists, CSV, dashboard', () => {
  it('filters and searches; exports the filtered list as CSV with a formula guard', async () => {
    const { lead } = await citizenWithLead('=HYPERLINK("http://x","clic")');
    await newLead(rt.store, { desk: 'investment-promotion', fullName: 'Yawa Lawson', country: 'CA' }, clock);
    const byName = await (await officer.get('/console/leads?search=lawson')).text();
    expect(byName).toContain('Yawa Lawson');
    expect(byName).not.toContain('Kossi Mensah');
    const byRef = await (await officer.get(`/console/leads?search=${lead.reference.toLowerCase()}`)).text();
    expect(byRef).toContain(lead.reference);
    const byCountry = await (await officer.get('/console/leads?country=ca')).text();
    expect(byCountry).toContain('Yawa Lawson');
    expect(byCountry).not.toContain(lead.reference);
    expect((await officer.get('/console/leads?from=22-11-2026')).status).toBe(400);
    officer.cookies.set('tda_lang', 'en');
    const english = await (await officer.get('/console/leads')).text();
    officer.cookies.delete('tda_lang');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Export CSV');

    const csv = await officer.get(`/console/leads.csv?search=${lead.reference}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain(lead.reference);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""clic"")"`);
  });

  it('shows counts, median time to first contact and SLA breaches on the dashboard', async () => {
    const { lead } = await citizenWithLead();
    const stored = await getLead(rt.store, lead.reference);
    await markEscalated(rt.store, stored!, 'claim', clock);
    const html = await (await supervisor.get('/console/dashboard')).text();
    expect(html).toContain('Dépassements de délai');
    expect(html).toContain(`/console/leads/${lead.reference}`);
    expect(html).toContain('Investissement');
  });

  it('shows supervisors the knowledge gaps, grouped, most frequent first; not officers', async () => {
    const gap = (question: string, i: number) =>
      rt.store.doc.send(
        new PutCommand({
          TableName: rt.store.tableName,
          Item: gapItem(
            newGap(question, {
              lang: 'fr',
              channel: 'whatsapp',
              reason: 'no-match',
              nearest: [],
              atMs: clock - i,
            }),
            randomUUID(),
          ),
        }),
      );
    await Promise.all([
      gap('Comment obtenir un visa de retour ?', 1),
      gap('Où déclarer une naissance ?', 2),
      gap('Où déclarer une naissance ?', 3),
      gap('où déclarer une naissance', 4),
    ]);
    const html = await (await supervisor.get('/console/dashboard')).text();
    const section = html.slice(html.indexOf('Questions sans réponse'));
    expect(section.indexOf('naissance')).toBeGreaterThan(0);
    expect(section.indexOf('naissance')).toBeLessThan(section.indexOf('visa de retour'));
    expect(section).toMatch(/naissance[^<]*<\/td><td>3</);
    expect(await (await officer.get('/console/dashboard')).text()).not.toContain('Questions sans réponse');
  });
});

describe('JSON API', () => {
  it('answers 400 for malformed JSON or invalid input, 415 for a form, 409 for a wrong move, 404 for none', async () => {
    const { lead } = await citizenWithLead();
    const path = `/api/leads/${lead.reference}/status`;
    expect((await officer.postJson(path, '{"to": ')).status).toBe(400);
    const invalid = await officer.postJson(path, JSON.stringify({ to: 'archived' }));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toContain('to');
    expect((await officer.post(path, { to: 'assigned' })).status).toBe(415);
    expect((await officer.postJson(path, JSON.stringify({ to: 'qualified' }))).status).toBe(409);
    expect((await officer.get('/api/leads/TG-2026-99998')).status).toBe(404);
    expect((await officer.get('/api/leads?status=weird')).status).toBe(400);

    const claimed = await officer.postJson(path, JSON.stringify({ to: 'assigned' }));
    expect(claimed.status).toBe(200);
    expect(((await claimed.json()) as { lead: { status: string } }).lead.status).toBe('assigned');
    const detail = (await (await officer.get(`/api/leads/${lead.reference}`)).json()) as {
      lead: { reference: string };
      audit: { action: string }[];
    };
    expect(detail.lead.reference).toBe(lead.reference);
    expect(detail.audit.map((a) => a.action)).toEqual(['created', 'claimed']);
  });
});
