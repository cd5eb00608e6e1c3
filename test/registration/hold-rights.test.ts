import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../functions/features/leads/audit.js';
import { getHold, getLead } from '../../functions/features/leads/repository.js';
import { getSubscriptions } from '../../functions/features/subscriptions/repository.js';
import { getContact } from '../../functions/store/contacts.js';
import { type ConsoleClient, newLead, type Staff, seedStaff, signedIn } from '../console/helpers.js';
import { testRuntime } from '../helpers/runtime.js';
import { whatsappUser } from './chat.js';

let clock = Date.parse('2026-11-22T09:00:00Z');
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0', HOLD_TIMEOUT_HOURS: '24' }, { now: () => clock });
  staff = await seedStaff(rt.store);
  officer = await signedIn(rt.app, staff.officer.email);
});

let phone = 611_000_000;
/** A subscribed citizen whose conversation an officer has taken by replying from the console. */
async function heldCitizen() {
  const from = `whatsapp:+33${++phone}`;
  const say = whatsappUser(rt, from);
  await say('bonjour');
  await say('actualités');
  expect(await say('1')).toMatch(/✅/);
  const lead = await newLead(rt.store, { desk: 'investment-promotion', userId: from }, clock);
  const sent = await officer.post(`/console/leads/${lead.reference}/reply`, {
    idempotencyKey: randomUUID(),
    text: 'Bonjour, je suis votre conseiller.',
  });
  expect(sent.status).toBe(303);
  return { from, say, lead };
}

describe('an officer’s hold on a conversation', { timeout: 90_000 }, () => {
  it('tells the citizen an officer joined, and stays silent on ordinary messages', async () => {
    const { say, lead } = await heldCitizen();
    // The officer's message and the notice went out with the reply (the inbox collects both).
    expect(await say('Merci, j’ai une question')).toMatch(
      /Bonjour, je suis votre conseiller[\s\S]*Un agent du ministère vous répond désormais directement/,
    );
    expect(await say('menu')).toBe('');
    expect(await getHold(rt.store, 'whatsapp', lead.userId!)).toBeDefined();
  });

  it('honours STOP and "mes données" during the hold, and the officer sees them in the audit trail', async () => {
    const { from, say, lead } = await heldCitizen();
    await say('ping');
    expect(await say('STOP')).toMatch(/tous vos abonnements/);
    expect((await getSubscriptions(rt.store, 'whatsapp', from))?.topics ?? []).toEqual([]);
    expect(await say('mes données')).toMatch(/\S/);
    const actions = (await listAudit(rt.store, lead.reference)).map((e) => [e.actor, e.action]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['citizen', 'citizen_stop'],
        ['citizen', 'citizen_my_data'],
      ]),
    );
    const page = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(page).toContain('STOP demandé par la personne');
    // Still held: the bot says nothing to anything else.
    expect(await say('allô ?')).toBe('');
  });

  it('honours "supprimer mes données" and its confirmation during the hold', async () => {
    const { from, say } = await heldCitizen();
    await say('ping');
    expect(await say('supprimer mes données')).toMatch(/\S/);
    await say('oui');
    // Erased (the local outbox copies too, the confirmation included: see erasure-leaves-nothing).
    expect(await getContact(rt.store, 'whatsapp', from)).toBeUndefined();
    expect((await rt.outbox()).filter((m) => m.to === from)).toEqual([]);
  });

  it('ends by itself after the configured time without officer activity, and says the bot is back', async () => {
    const { say, lead } = await heldCitizen();
    await say('ping');
    clock += 23 * 3600 * 1000;
    // An officer's reply keeps the hold alive: 23 h after it, still held.
    officer = await signedIn(rt.app, staff.officer.email); // sessions last 8 hours
    const more = await officer.post(`/console/leads/${lead.reference}/reply`, {
      idempotencyKey: randomUUID(),
      text: 'Je reviens vers vous.',
    });
    expect(more.headers.get('location')).toMatch(/done=sent/);
    await say('ok');
    clock += 23 * 3600 * 1000;
    expect(await say('toujours là ?')).toBe('');
    clock += 2 * 3600 * 1000;
    expect(await say('menu')).toMatch(/L’agent a terminé l’échange[\s\S]*Que souhaitez-vous faire/);
    expect((await getLead(rt.store, lead.reference))?.conversationOpen).toBe(false);
    expect(await getHold(rt.store, 'whatsapp', lead.userId!)).toBeUndefined();
  });
});
