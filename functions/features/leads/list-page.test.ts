import { beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../../test/helpers/runtime.js';
import { listLeadsPage } from './list-page.js';
import { changeStatus, claimLead, createLead, type Lead, transferLead } from './repository.js';

/**
 * The first page reads each queue's head and only the queues that can still make the page read
 * further: with one crowded desk and two small ones whose leads fall between its own, every page,
 * forward and back, must be exactly the slice of the whole list sorted newest first.
 */
const DESKS = ['investment-promotion', 'digital-economy', 'togolese-abroad'];
const start = Date.UTC(2026, 9, 5, 8, 0, 0);
let rt: Awaited<ReturnType<typeof testRuntime>>;
let all: Lead[];

beforeAll(async () => {
  rt = await testRuntime();
  // 40 leads on the crowded desk, every 10 minutes; 6 and 4 on the others, at odd minutes in between.
  const plan = [
    ...Array.from({ length: 40 }, (_, i) => ({ desk: DESKS[0]!, at: start + i * 600_000 })),
    ...Array.from({ length: 6 }, (_, i) => ({ desk: DESKS[1]!, at: start + (i * 7 + 3) * 600_000 + 60_000 })),
    ...Array.from({ length: 4 }, (_, i) => ({
      desk: DESKS[2]!,
      at: start + (i * 11 + 30) * 600_000 + 120_000,
    })),
  ];
  const created = await Promise.all(
    plan.map(({ desk, at }, n) =>
      createLead(
        rt.store,
        {
          kind: 'registration',
          programme: 'investment',
          sector: 'agriculture',
          country: 'FR',
          fullName: `Personne ${n}`,
          contactPreference: 'chat',
          channel: 'telegram',
          userId: String(9100 + n),
          address: String(9100 + n),
          lang: 'fr',
          desk,
        },
        at,
      ),
    ),
  );
  all = created.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}, 120_000);

describe('listLeadsPage across uneven queues', { timeout: 60_000 }, () => {
  it('gives every page, forward and back, as the slice of the whole list', async () => {
    const refs = (leads: Lead[]) => leads.map((l) => l.reference);
    const limit = 5;
    const pages: { refs: string[]; older?: string | undefined; newer?: string | undefined }[] = [];
    let before: string | undefined;
    do {
      const page = await listLeadsPage(rt.store, {}, DESKS, { limit, before });
      pages.push({ refs: refs(page.leads), older: page.older, newer: page.newer });
      before = page.older;
    } while (before && pages.length < 20);
    expect(pages.flatMap((p) => p.refs)).toEqual(refs(all));
    for (const [i, p] of pages.entries()) expect(p.refs).toEqual(refs(all.slice(i * limit, (i + 1) * limit)));
    // Back from the last page to the first, by the `newer` cursors.
    for (let i = pages.length - 1; i > 0; i--) {
      const back = await listLeadsPage(rt.store, {}, DESKS, { limit, after: pages[i]!.newer });
      expect(refs(back.leads)).toEqual(pages[i - 1]!.refs);
    }
  });
});

describe('the usual view reads one queue per desk, whatever the status', { timeout: 60_000 }, () => {
  it('lists every status of a desk, follows a lead to its new desk, and filters by status by key', async () => {
    const desks = ['desk-a', 'desk-b'];
    const t = Date.UTC(2026, 10, 2, 8, 0, 0);
    const make = (n: number, desk: string) =>
      createLead(
        rt.store,
        {
          kind: 'registration',
          programme: 'investment',
          contactPreference: 'chat',
          channel: 'telegram',
          userId: String(9300 + n),
          address: String(9300 + n),
          lang: 'fr',
          desk,
        },
        t + n * 60_000,
      );
    const [fresh, claimed, closed, moved] = [
      await make(0, 'desk-a'),
      await make(1, 'desk-a'),
      await make(2, 'desk-a'),
      await make(3, 'desk-a'),
    ];
    await claimLead(rt.store, claimed!.reference, 'officer-a', t + 10 * 60_000);
    await claimLead(rt.store, closed!.reference, 'officer-a', t + 11 * 60_000);
    await changeStatus(
      rt.store,
      closed!.reference,
      { to: 'closed', outcome: 'not_eligible', actor: 'officer-a' },
      t + 12 * 60_000,
    );
    await transferLead(
      rt.store,
      moved!.reference,
      { desk: 'desk-b', reason: 'entreprise', actor: 'sup' },
      t + 13 * 60_000,
    );
    const refs = async (filter: Parameters<typeof listLeadsPage>[1]) =>
      (await listLeadsPage(rt.store, filter, desks, { limit: 10 })).leads.map((l) => l.reference);

    expect(await refs({ desk: 'desk-a' })).toEqual([closed!.reference, claimed!.reference, fresh!.reference]);
    expect(await refs({ desk: 'desk-b' })).toEqual([moved!.reference]);
    expect(await refs({})).toEqual([moved, closed, claimed, fresh].map((l) => l!.reference));
    expect(await refs({ desk: 'desk-a', status: 'assigned' })).toEqual([claimed!.reference]);
    expect(await refs({ status: 'closed' })).toEqual([closed!.reference]);
  });
});
