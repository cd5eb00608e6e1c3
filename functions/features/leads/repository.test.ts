import { beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Store } from '../../store/client.js';
import { listAudit } from './audit.js';
import {
  addNote,
  changeStatus,
  claimLead,
  createLead,
  getHold,
  getLead,
  handBack,
  InvalidTransitionError,
  LeadConflictError,
  listLeads,
  listLeadsOfUser,
  listNotes,
  type NewLead,
  openConversation,
  reassign,
} from './repository.js';

const base: NewLead = {
  kind: 'registration',
  programme: 'investment',
  sector: 'agriculture',
  country: 'FR',
  city: 'Paris',
  fullName: 'Kossi Mensah',
  profession: 'Agronome',
  contactPreference: 'chat',
  channel: 'telegram',
  userId: '42',
  address: '42',
  lang: 'fr',
  desk: 'investment-promotion',
};
const T0 = Date.parse('2026-03-01T10:00:00Z');

let store: Store;
beforeAll(async () => {
  store = await freshStore();
});

describe('createLead', { timeout: 60_000 }, () => {
  it('gives 50 concurrent registrations 50 distinct, readable references', async () => {
    const own = await freshStore();
    const leads = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createLead(own, { ...base, userId: `u${i}` }, T0)),
    );
    const refs = new Set(leads.map((l) => l.reference));
    expect(refs.size).toBe(50);
    for (const ref of refs) expect(ref).toMatch(/^TG-2026-\d{5}$/);
    expect([...refs].sort()[0]).toBe('TG-2026-00001');
    expect([...refs].sort()[49]).toBe('TG-2026-00050');
  });

  it('stores the lead as new, with a creation audit entry', async () => {
    const lead = await createLead(store, base, T0);
    expect(await getLead(store, lead.reference)).toMatchObject({ status: 'new', fullName: 'Kossi Mensah' });
    expect((await listAudit(store, lead.reference)).map((a) => a.action)).toEqual(['created']);
  });
});

describe('workflow', { timeout: 60_000 }, () => {
  it('lets exactly one of two officers claim a lead', async () => {
    const lead = await createLead(store, base, T0);
    const results = await Promise.allSettled([
      claimLead(store, lead.reference, 'officer-a', T0 + 1000),
      claimLead(store, lead.reference, 'officer-b', T0 + 1000),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(LeadConflictError);
  });

  it('follows new → assigned → contacted → qualified → closed(won), auditing each step', async () => {
    const lead = await createLead(store, base, T0);
    await claimLead(store, lead.reference, 'officer-a', T0 + 1);
    await changeStatus(store, lead.reference, { to: 'contacted', actor: 'officer-a' }, T0 + 2);
    await changeStatus(store, lead.reference, { to: 'qualified', actor: 'officer-a' }, T0 + 3);
    const { lead: closed } = await changeStatus(
      store,
      lead.reference,
      { to: 'closed', outcome: 'won', actor: 'officer-a' },
      T0 + 4,
    );
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'won',
      firstContactAt: new Date(T0 + 2).toISOString(),
    });
    expect((await listAudit(store, lead.reference)).map((a) => a.action)).toEqual([
      'created',
      'claimed',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
  });

  it.each([
    ['new', 'contacted', undefined],
    ['new', 'closed', 'no_response'],
    ['assigned', 'qualified', undefined],
    ['assigned', 'closed', 'won'],
    ['assigned', 'closed', undefined],
  ] as const)('refuses %s → %s (%s)', async (from, to, outcome) => {
    const lead = await createLead(store, base, T0);
    if (from === 'assigned') await claimLead(store, lead.reference, 'officer-a', T0 + 1);
    await expect(
      changeStatus(store, lead.reference, { to, outcome, actor: 'x' }, T0 + 2),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('reassigns, adds notes, and lists by desk, status, assignee, search and date', async () => {
    const own = await freshStore();
    const a = await createLead(own, base, T0);
    const b = await createLead(own, { ...base, fullName: 'Élodie Agbéko', userId: '7' }, T0 + 86_400_000);
    await reassign(own, b.reference, 'officer-b', 'supervisor-1', T0 + 86_400_001);
    await addNote(own, a.reference, 'Rappeler lundi', 'officer-a', T0 + 5);
    const desk = ['investment-promotion', 'digital-economy'];
    expect((await listLeads(own, {}, desk)).map((l) => l.reference)).toEqual([b.reference, a.reference]);
    expect(await listLeads(own, { status: 'assigned' }, desk)).toHaveLength(1);
    expect(await listLeads(own, { assignee: 'officer-b' }, desk)).toHaveLength(1);
    expect((await listLeads(own, { search: 'elodie' }, desk))[0]?.reference).toBe(b.reference);
    expect((await listLeads(own, { search: a.reference.toLowerCase() }, desk))[0]?.reference).toBe(
      a.reference,
    );
    expect(await listLeads(own, { to: '2026-03-01' }, desk)).toHaveLength(1);
    expect(await listLeads(own, { desk: 'digital-economy' }, desk)).toHaveLength(0);
    expect(await listLeadsOfUser(own, 'telegram', '7')).toHaveLength(1);
    expect((await listNotes(own, a.reference))[0]?.text).toBe('Rappeler lundi');
  });

  it('holds the conversation while open and returns a notice on hand back', async () => {
    const lead = await createLead(store, { ...base, userId: 'h1', address: 'h1' }, T0);
    await claimLead(store, lead.reference, 'officer-a', T0 + 1);
    await openConversation(store, lead.reference, 'officer-a', T0 + 2);
    expect(await getHold(store, 'telegram', 'h1')).toMatchObject({ reference: lead.reference });
    const { notice } = await handBack(store, lead.reference, 'officer-a', T0 + 3);
    expect(notice).toMatchObject({ channel: 'telegram', address: 'h1' });
    expect(notice?.reply.text).toMatch(/assistant/);
    expect(await getHold(store, 'telegram', 'h1')).toBeUndefined();
  });

  it('releases the conversation when the lead is closed', async () => {
    const lead = await createLead(store, { ...base, userId: 'h2', address: 'h2' }, T0);
    await claimLead(store, lead.reference, 'officer-a', T0 + 1);
    await openConversation(store, lead.reference, 'officer-a', T0 + 2);
    const { notice, lead: closed } = await changeStatus(
      store,
      lead.reference,
      { to: 'closed', outcome: 'not_eligible', actor: 'officer-a' },
      T0 + 3,
    );
    expect(closed.conversationOpen).toBe(false);
    expect(notice?.address).toBe('h2');
    expect(await getHold(store, 'telegram', 'h2')).toBeUndefined();
  });
});
