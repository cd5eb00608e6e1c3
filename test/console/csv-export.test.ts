import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { listOfficers } from '../../functions/console/officers/repository.js';
import { leadsCsv } from '../../functions/features/leads/console/csv.js';
import { getLead, type Lead, leadItem } from '../../functions/features/leads/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { type ConsoleClient, newLead, type Staff, seedStaff, signedIn } from './helpers.js';

const clock = Date.parse('2026-11-22T09:00:00Z');
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({}, { now: () => clock });
  staff = await seedStaff(rt.store);
  officer = await signedIn(rt.app, staff.officer.email);
});

/** A lead with every exported attribute set, plus the ones the export leaves out (a transcript). */
async function fullLead(): Promise<Lead> {
  const base = await newLead(
    rt.store,
    { desk: 'investment-promotion', userId: 'whatsapp:+33612345678' },
    clock,
  );
  const lead: Lead = {
    ...base,
    status: 'closed',
    outcome: 'won',
    amountRange: { min: 10_000, max: 50_000, currency: 'EUR' },
    email: 'kossi@example.test',
    phone: '+33 6 12 34 56 78',
    assignee: staff.officer.id,
    assignedAt: '2026-11-22T09:05:00.000Z',
    closedAt: '2026-11-22T10:00:00.000Z',
    escalatedAt: '2026-11-22T09:30:00.000Z',
    transcript: [{ direction: 'in', text: 'Bonjour', at: '2026-11-22T08:59:00.000Z' }],
  };
  await rt.store.doc.send(new PutCommand({ TableName: rt.store.tableName, Item: leadItem(lead) }));
  return lead;
}

describe('CSV export through the console', () => {
  it('reads only the exported attributes and still fills every column, as from the whole lead', async () => {
    const lead = await fullLead();
    await newLead(rt.store, { desk: 'investment-promotion', fullName: 'Ama Koffi' }, clock + 1000);
    const res = await officer.get('/console/leads.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).replace('\uFEFF', '').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    // Newest first: Ama's lead, then the full one.
    expect(lines[1]).toContain('Ama Koffi');
    const names = new Map((await listOfficers(rt.store)).map((o) => [o.id, o.name]));
    const stored = await getLead(rt.store, lead.reference);
    const expected = leadsCsv([stored!], 'fr', names, { viewerId: staff.officer.id })
      .replace('\uFEFF', '')
      .trimEnd()
      .split('\n')[1];
    expect(lines[2]).toBe(expected);
    // Every column has a value: a projection that dropped an attribute would leave one empty.
    expect(lines[2]!.split(',').filter((cell) => cell === '')).toEqual([]);
    expect(lines[2]).toContain('+33612345678');
  });

  it('leaves the chat number out for an officer who does not hold the lead, and exports for Excel', async () => {
    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const text = await (
      await supervisor.get('/console/leads.csv?desk=investment-promotion&format=excel')
    ).text();
    const rows = text.split('\r\n');
    const full = rows.find((r) => r.includes('kossi@example.test'));
    expect(full).toBeDefined();
    expect(full).not.toContain('+33612345678');
    expect(full).toContain('2026-11-22 09:00:00');
    expect(rows.at(-1)).toBe('');
  });
});
