import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Reply, Senders } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { listAudit } from './audit.js';
import type { OfficerDirectory } from './officers.js';
import { changeStatus, claimLead, createLead, getLead, type NewLead } from './repository.js';
import { loadRoutingTable } from './routing/routing.js';
import { runEscalation, startEscalationTimer } from './sla.js';

const routing = loadRoutingTable(undefined, 'investment-promotion=-1001');
const desk = routing.desks.find((d) => d.id === 'investment-promotion')!;
const CLAIM_MS = desk.sla.claimMinutes * 60_000;
const CONTACT_MS = desk.sla.contactMinutes * 60_000;
const T0 = Date.parse('2026-05-04T08:00:00Z');

const input: NewLead = {
  kind: 'registration',
  programme: 'investment',
  sector: 'energy',
  country: 'FR',
  contactPreference: 'chat',
  channel: 'telegram',
  userId: '1',
  address: '1',
  lang: 'fr',
  desk: 'investment-promotion',
};

function recordingSenders() {
  const sent: { address: string; reply: Reply }[] = [];
  const sender = { send: async (address: string, reply: Reply) => void sent.push({ address, reply }) };
  return { sent, senders: { telegram: sender, whatsapp: sender } as Senders };
}

const directory: OfficerDirectory = {
  listDeskOfficers: async () => [
    { id: 'sup-1', role: 'supervisor', active: true, desk: 'investment-promotion', telegramUserId: '4242' },
    { id: 'off-1', role: 'officer', active: true, desk: 'investment-promotion', telegramUserId: '4343' },
  ],
  findByTelegramUserId: async () => undefined,
};

let store: Store;
beforeAll(async () => {
  store = await freshStore();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runEscalation', { timeout: 60_000 }, () => {
  it('escalates an unclaimed lead once, to the desk group and its supervisor, visibly', async () => {
    const own = await freshStore();
    const lead = await createLead(own, input, T0);
    const { sent, senders } = recordingSenders();
    const deps = { store: own, routing, directory, senders };

    expect(await runEscalation({ ...deps, nowMs: T0 + CLAIM_MS - 1000 })).toEqual([]);
    expect(await runEscalation({ ...deps, nowMs: T0 + CLAIM_MS + 1000 })).toEqual([
      { reference: lead.reference, desk: 'investment-promotion', kind: 'claim' },
    ]);
    expect(await runEscalation({ ...deps, nowMs: T0 + CLAIM_MS + 120_000 })).toEqual([]);

    expect(sent.map((s) => s.address).sort()).toEqual(['-1001', '4242']);
    expect(sent[0]?.reply.text).toContain(`${lead.reference}`);
    expect(await getLead(own, lead.reference)).toMatchObject({
      escalatedAt: new Date(T0 + CLAIM_MS + 1000).toISOString(),
      escalatedClaimAt: new Date(T0 + CLAIM_MS + 1000).toISOString(),
    });
    expect((await listAudit(own, lead.reference)).filter((a) => a.action === 'escalated')).toHaveLength(1);
  });

  it('escalates a claimed but uncontacted lead once, and never a contacted one', async () => {
    const late = await createLead(store, input, T0);
    const onTime = await createLead(store, input, T0);
    await claimLead(store, late.reference, 'off-1', T0 + 60_000);
    await claimLead(store, onTime.reference, 'off-1', T0 + 60_000);
    await changeStatus(store, onTime.reference, { to: 'contacted', actor: 'off-1' }, T0 + 120_000);

    const first = await runEscalation({ store, routing, nowMs: T0 + CONTACT_MS + 1000 });
    expect(first.filter((e) => [late.reference, onTime.reference].includes(e.reference))).toEqual([
      { reference: late.reference, desk: 'investment-promotion', kind: 'contact' },
    ]);
    const again = await runEscalation({ store, routing, nowMs: T0 + CONTACT_MS + 5000 });
    expect(again.find((e) => e.reference === late.reference)).toBeUndefined();
    expect((await getLead(store, late.reference))?.escalatedContactAt).toBeDefined();
  });

  it('escalates once even when two runs race', async () => {
    const own = await freshStore();
    await createLead(own, input, T0);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => runEscalation({ store: own, routing, nowMs: T0 + CLAIM_MS + 1000 })),
    );
    expect(runs.flat()).toHaveLength(1);
  });

  it('runs on a local timer, driven here by fake time', async () => {
    const own = await freshStore();
    const lead = await createLead(own, input, T0);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = T0;
    const stop = startEscalationTimer({ store: own, routing, intervalMs: 60_000, now: () => clock });
    clock = T0 + CLAIM_MS + 1000;
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(
      async () => expect((await getLead(own, lead.reference))?.escalatedClaimAt).toBeDefined(),
      {
        timeout: 5000,
      },
    );
    stop();
  });
});
