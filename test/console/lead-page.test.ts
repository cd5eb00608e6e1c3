import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../functions/features/leads/audit.js';
import {
  claimLead,
  createLead,
  getLead,
  listLeadsOfUser,
} from '../../functions/features/leads/repository.js';
import { listViewers, VIEW_TTL_SEC } from '../../functions/features/leads/viewers.js';
import { testRuntime } from '../helpers/runtime.js';
import { telegramUser, whatsappUser } from '../registration/chat.js';
import { visibleText } from './french.js';
import { newLead, type Staff, seedStaff, signedIn } from './helpers.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;

beforeAll(async () => {
  rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0' });
  staff = await seedStaff(rt.store);
}, 120_000);
afterAll(async () => {
  await rt?.queue.idle();
});

const uuid = () => crypto.randomUUID();
const conversationOf = (html: string) =>
  visibleText(/id="h-conversation"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');

describe('the lead page', { timeout: 120_000 }, () => {
  it('puts the reply box and the actions before the conversation and the details', async () => {
    const lead = await newLead(rt.store, {
      desk: 'investment-promotion',
      userId: '6001',
      channel: 'telegram',
    });
    const officer = await signedIn(rt.app, staff.officer.email);
    const html = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    const reply = html.indexOf('id="reply-text"');
    const claim = html.indexOf('Prendre en charge');
    const conversation = html.indexOf('id="h-conversation"');
    const details = html.indexOf('id="h-details"');
    expect(reply).toBeGreaterThan(0);
    expect(claim).toBeGreaterThan(0);
    expect(reply).toBeLessThan(conversation);
    expect(claim).toBeLessThan(conversation);
    expect(conversation).toBeLessThan(details);
  });

  it('shows the label of a tapped button and of a typed number, folds the earlier dialogue, and marks officer messages', async () => {
    // Telegram: two button taps lead to a handoff.
    const ama = telegramUser(rt, 9301);
    await ama.say('bonjour');
    await ama.press('menu:officer');
    const ref = /TG-\d{4}-\d{5}/.exec((await ama.press('handoff:yes')).text)![0];
    // WhatsApp: the same by typing numbers.
    const say = whatsappUser(rt, 'whatsapp:+33600000302');
    await say('bonjour');
    await say('je veux parler à un agent');
    await say('1');
    const [wa] = await listLeadsOfUser(rt.store, 'whatsapp', 'whatsapp:+33600000302');

    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const tg = await (await supervisor.get(`/console/leads/${ref}`)).text();
    const tgText = conversationOf(tg);
    expect(tgText).toMatch(/Citoyen · [^·]+ Parler à un agent/);
    expect(tgText).toMatch(/Citoyen · [^·]+ Oui, transmettre/);
    expect(tgText).not.toContain('[choice]');
    expect(tgText).not.toContain('menu:officer');
    expect(tg).toMatch(
      /<details class="earlier"><summary>Échanges avec l’assistant avant la demande \(\d+ messages\)/,
    );

    const waHtml = await (await supervisor.get(`/console/leads/${wa!.reference}`)).text();
    const waText = conversationOf(waHtml);
    expect(waText).toContain('réponse tapée : 1');
    expect(waText).toMatch(/Citoyen · [^·]+ · réponse tapée : 1 Oui, transmettre/);

    // An officer's reply is styled apart from the bot's.
    await supervisor.post(`/console/leads/${ref}/claim`);
    await supervisor.post(`/console/leads/${ref}/reply`, {
      idempotencyKey: uuid(),
      text: 'Bonjour, ici votre agent.',
    });
    const after = await (await supervisor.get(`/console/leads/${ref}`)).text();
    expect(after).toMatch(/class="msg out officer"><div class="meta">Supervisor · message d’agent/);
    expect(after).toMatch(/class="msg out"><div class="meta">Assistant/);
  });

  it('shows who holds the lead and who else has it open, for a short while', async () => {
    const lead = await newLead(rt.store, { desk: 'investment-promotion', userId: 'whatsapp:+33600000303' });
    await claimLead(rt.store, lead.reference, staff.officer.id);
    const officer = await signedIn(rt.app, staff.officer.email);
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const page = `/console/leads/${lead.reference}`;

    const first = visibleText(await (await officer.get(page)).text());
    expect(first).toContain('Dossier tenu par : vous');
    expect(first).not.toContain('Également ouvert');
    const second = visibleText(await (await supervisor.get(page)).text());
    expect(second).toContain('Dossier tenu par : Officer One');
    expect(second).toContain('Également ouvert en ce moment par : Officer One');
    // The officer's page polls its conversation: the fragment renews the mark and brings the line.
    const fragment = await (await officer.get(`/console/inbox/lead/${lead.reference}`)).text();
    expect(fragment).toContain('hx-swap-oob="true"');
    expect(visibleText(fragment)).toContain('Également ouvert en ce moment par : Supervisor');
    // The marks lapse on their own.
    const later = Date.now() + (VIEW_TTL_SEC + 1) * 1000;
    expect(await listViewers(rt.store, lead.reference, later)).toEqual([]);
  });

  it('asks for confirmation before replying to a lead someone else holds', async () => {
    const say = whatsappUser(rt, 'whatsapp:+33600000304');
    await say('bonjour');
    const lead = await newLead(rt.store, { desk: 'investment-promotion', userId: 'whatsapp:+33600000304' });
    await claimLead(rt.store, lead.reference, staff.officer.id);
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const officer = await signedIn(rt.app, staff.officer.email);
    const page = `/console/leads/${lead.reference}`;
    // The holder needs no confirmation; anyone else is asked.
    expect(visibleText(await (await officer.get(page)).text())).not.toContain('Je confirme répondre');
    expect(visibleText(await (await supervisor.get(page)).text())).toContain(
      'Ce dossier est tenu par Officer One. Je confirme répondre à sa place.',
    );
    const before = (await rt.outbox()).length;
    const refused = await supervisor.post(`${page}/reply`, { idempotencyKey: uuid(), text: 'Je reprends.' });
    expect(refused.headers.get('location')).toBe(`${page}?done=confirm`);
    expect((await rt.outbox()).length).toBe(before);
    const sent = await supervisor.post(`${page}/reply`, {
      idempotencyKey: uuid(),
      text: 'Je reprends.',
      confirmOther: '1',
    });
    expect(sent.headers.get('location')).toBe(`${page}?done=sent`);
    expect(
      (await rt.outbox()).filter(
        (m) => m.to === 'whatsapp:+33600000304' && m.text.startsWith('Je reprends.'),
      ),
    ).toHaveLength(1);
    // Replying took the chat: the supervisor holds it now, and the officer is the one asked.
    const now = visibleText(await (await officer.get(page)).text());
    expect(now).toContain('Dossier tenu par : Supervisor');
    expect(now).toContain('Ce dossier est tenu par Supervisor. Je confirme répondre à sa place.');
  });

  it('gives contact details as links; the WhatsApp number only to the officer who holds the lead', async () => {
    const citizen = 'whatsapp:+22890112233';
    const lead = await createLead(rt.store, {
      kind: 'registration',
      programme: 'investment',
      contactPreference: 'phone',
      phone: '+33 6 12 34 56 78',
      email: 'kossi@example.test',
      channel: 'whatsapp',
      userId: citizen,
      address: citizen,
      lang: 'fr',
      desk: 'investment-promotion',
    });
    await claimLead(rt.store, lead.reference, staff.officer.id);
    const officer = await signedIn(rt.app, staff.officer.email);
    const html = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(html).toContain('href="tel:+33612345678"');
    expect(html).toContain('href="https://wa.me/33612345678"');
    expect(html).toContain('href="mailto:kossi@example.test"');
    expect(html).toContain('href="https://wa.me/22890112233"');
    expect(visibleText(html)).toContain('Numéro WhatsApp +22890112233');
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const other = await (await supervisor.get(`/console/leads/${lead.reference}`)).text();
    expect(other).not.toContain('22890112233');
  });
});

describe('SLA and workflow', { timeout: 120_000 }, () => {
  it('counts down to the desk’s SLA, coloured, and filters the overdue leads', async () => {
    const hour = 3_600_000;
    const fresh = await newLead(rt.store, { desk: 'digital-economy', userId: '6101', channel: 'telegram' });
    const near = await newLead(
      rt.store,
      { desk: 'digital-economy', userId: '6102', channel: 'telegram' },
      Date.now() - 3.5 * hour,
    );
    const late = await newLead(
      rt.store,
      { desk: 'digital-economy', userId: '6103', channel: 'telegram' },
      Date.now() - 5 * hour,
    );
    const other = await signedIn(rt.app, staff.otherOfficer.email);
    const list = await (await other.get('/console/leads')).text();
    const row = (ref: string) =>
      /<tr[^>]*>[\s\S]*?<\/tr>/g.exec(list.slice(list.indexOf(`>${ref}<`) - 200))?.[0] ?? '';
    expect(row(fresh.reference)).toMatch(/class="sla sla-ok"[^>]*>⏱ prise en charge attendue dans 3 h 5\d/);
    expect(row(near.reference)).toMatch(/class="sla sla-soon"[^>]*>⏱ prise en charge attendue dans 2\d min/);
    expect(row(late.reference)).toMatch(/class="sla sla-late"[^>]*>⚠ prise en charge en retard de 1 h/);
    const overdue = visibleText(await (await other.get('/console/leads?overdue=1')).text());
    expect(overdue).toContain(late.reference);
    expect(overdue).not.toContain(fresh.reference);
    expect(overdue).not.toContain(near.reference);
    const page = visibleText(await (await other.get(`/console/leads/${late.reference}`)).text());
    expect(page).toContain('prise en charge en retard de 1 h');
  });

  it('lists the overdue leads first on the supervisor’s dashboard, longest overdue first', async () => {
    const day = 86_400_000;
    const older = await newLead(
      rt.store,
      { desk: 'togolese-abroad', userId: '6201', channel: 'telegram' },
      Date.now() - 4 * day,
    );
    const old = await newLead(
      rt.store,
      { desk: 'togolese-abroad', userId: '6202', channel: 'telegram' },
      Date.now() - 2 * day,
    );
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const html = await (await supervisor.get('/console/dashboard')).text();
    const block = html.indexOf('<section aria-labelledby="h-overdue"');
    expect(block).toBeGreaterThan(0);
    expect(block).toBeLessThan(
      html.indexOf('<h2', block + 10) === -1 ? Infinity : html.indexOf('<h2', block + 10),
    );
    expect(html.indexOf(older.reference, block)).toBeLessThan(html.indexOf(old.reference, block));
    // Nothing of the rest of the dashboard comes before it.
    expect(html.slice(0, block)).not.toContain('<h2');
  });

  it('closes only with an outcome chosen and the confirmation ticked; a supervisor reopens, audited', async () => {
    const lead = await newLead(rt.store, {
      desk: 'investment-promotion',
      userId: '6301',
      channel: 'telegram',
    });
    await claimLead(rt.store, lead.reference, staff.officer.id);
    const officer = await signedIn(rt.app, staff.officer.email);
    const page = `/console/leads/${lead.reference}`;
    const html = await (await officer.get(page)).text();
    expect(html).toMatch(
      /<select id="outcome" name="outcome" required=""><option value="">— Choisir le résultat —/,
    );
    expect(html).toContain('name="confirm" value="1" required');

    for (const form of [
      { to: 'closed', outcome: '' },
      { to: 'closed', outcome: 'not_eligible' },
    ]) {
      const res = await officer.post(`${page}/status`, form);
      expect(res.headers.get('location')).toBe(`${page}?done=close`);
      expect((await getLead(rt.store, lead.reference))?.status).toBe('assigned');
    }
    const closed = await officer.post(`${page}/status`, {
      to: 'closed',
      outcome: 'not_eligible',
      confirm: '1',
    });
    expect(closed.headers.get('location')).toBe(`${page}?done=saved`);
    expect(await getLead(rt.store, lead.reference)).toMatchObject({
      status: 'closed',
      outcome: 'not_eligible',
    });

    // An officer cannot reopen; the button is only the supervisor's.
    expect(await (await officer.get(page)).text()).not.toContain('Rouvrir le dossier');
    expect((await officer.post(`${page}/reopen`)).status).toBe(403);
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    expect(await (await supervisor.get(page)).text()).toContain('Rouvrir le dossier');
    expect((await supervisor.post(`${page}/reopen`)).headers.get('location')).toBe(`${page}?done=reopened`);
    const reopened = await getLead(rt.store, lead.reference);
    expect(reopened).toMatchObject({ status: 'assigned', assignee: staff.officer.id });
    expect(reopened?.outcome).toBeUndefined();
    expect(reopened?.closedAt).toBeUndefined();
    // Reopening twice is a conflict notice, not an error page.
    expect((await supervisor.post(`${page}/reopen`)).headers.get('location')).toBe(`${page}?done=conflict`);
    const audit = await listAudit(rt.store, lead.reference);
    expect(audit.at(-1)).toMatchObject({
      action: 'reopened',
      actor: staff.supervisor.id,
      detail: { from: 'closed', to: 'assigned', outcome: 'not_eligible' },
    });
    expect(visibleText(await (await supervisor.get(page)).text())).toMatch(
      /Supervisor Réouverture Clôturé → Assigné, résultat : Non éligible/,
    );
  });

  it('lets a supervisor move a lead to another desk with a reason in the audit; officers cannot', async () => {
    // A handoff (togolese-abroad) about a company: it belongs to investment promotion.
    const lead = await newLead(rt.store, { desk: 'togolese-abroad', userId: '6401', channel: 'telegram' });
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const officer = await signedIn(rt.app, staff.officer.email);
    const page = `/console/leads/${lead.reference}`;
    const reason = 'Création d’entreprise : relève de la promotion des investissements';
    // The officer of investment promotion cannot see it yet, nor move anything.
    expect((await officer.get(page)).status).toBe(403);

    expect(
      (await supervisor.post(`${page}/transfer`, { desk: 'investment-promotion', reason: '' })).status,
    ).toBe(400);
    expect((await supervisor.post(`${page}/transfer`, { desk: 'togolese-abroad', reason })).status).toBe(400);
    expect(
      (
        await supervisor.post(`${page}/transfer`, {
          desk: 'investment-promotion',
          officerId: staff.otherOfficer.id,
          reason,
        })
      ).status,
    ).toBe(400);
    const moved = await supervisor.post(`${page}/transfer`, {
      desk: 'investment-promotion',
      officerId: staff.officer.id,
      reason,
    });
    expect(moved.headers.get('location')).toBe(`${page}?done=transferred`);
    expect(await getLead(rt.store, lead.reference)).toMatchObject({
      desk: 'investment-promotion',
      status: 'assigned',
      assignee: staff.officer.id,
    });
    expect((await listAudit(rt.store, lead.reference)).at(-1)).toMatchObject({
      action: 'transferred',
      actor: staff.supervisor.id,
      detail: { fromDesk: 'togolese-abroad', toDesk: 'investment-promotion', to: staff.officer.id, reason },
    });
    // Now the officer has it, and the audit reads as a sentence.
    const text = visibleText(await (await officer.get(page)).text());
    expect(text).toContain('Dossier tenu par : vous');
    expect(text).toContain(
      'Supervisor Transfert vers un autre bureau à Officer One, de Togolais de l’extérieur à Promotion des investissements, motif : Création',
    );
    expect((await officer.post(`${page}/transfer`, { desk: 'digital-economy', reason })).status).toBe(403);
    // Without an officer, the new desk claims it.
    await supervisor.post(`${page}/transfer`, { desk: 'digital-economy', reason: 'Projet numérique' });
    expect(await getLead(rt.store, lead.reference)).toMatchObject({ desk: 'digital-economy', status: 'new' });
    expect((await getLead(rt.store, lead.reference))?.assignee).toBeUndefined();
  });
});
