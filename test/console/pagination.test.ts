import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLead, type Lead } from '../../functions/features/leads/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { visibleText } from './french.js';
import { type ConsoleClient, type Staff, seedStaff, signedIn } from './helpers.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let supervisor: ConsoleClient;
/** Newest first, as the list shows them. */
let leads: Lead[];

const DESKS = ['investment-promotion', 'digital-economy', 'togolese-abroad'];
const COUNT = 64;
const start = Date.UTC(2026, 10, 2, 9, 0, 0);

beforeAll(async () => {
  rt = await testRuntime();
  staff = await seedStaff(rt.store);
  supervisor = await signedIn(rt.app, staff.supervisor.email);
  const created: Lead[] = [];
  for (let i = 0; i < COUNT; i += 16) {
    created.push(
      ...(await Promise.all(
        Array.from({ length: 16 }, (_, j) =>
          createLead(
            rt.store,
            {
              kind: 'registration',
              programme: 'investment',
              sector: 'agriculture',
              // Every other lead lives in Belgium: the filter the links must keep.
              country: (i + j) % 2 === 0 ? 'BE' : 'FR',
              fullName: `Personne ${String(i + j).padStart(2, '0')}`,
              contactPreference: 'chat',
              channel: 'telegram',
              userId: String(7000 + i + j),
              address: String(7000 + i + j),
              lang: 'fr',
              desk: DESKS[(i + j) % DESKS.length]!,
            },
            // One minute apart: a strict order, newest last.
            start + (i + j) * 60_000,
          ),
        ),
      )),
    );
  }
  leads = created.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}, 120_000);
afterAll(() => rt?.queue.idle());

const refsIn = (html: string) =>
  [...html.matchAll(/href="\/console\/leads\/(TG-\d{4}-\d+)"/g)].map((m) => m[1]);
const link = (html: string, rel: 'next' | 'prev') =>
  new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html)?.[1]?.replaceAll('&amp;', '&');

describe('the lead list in pages', { timeout: 120_000 }, () => {
  it('shows 50 leads a page, newest first, with French links to the next and previous pages', async () => {
    const first = await (await supervisor.get('/console/leads')).text();
    expect(refsIn(first)).toEqual(leads.slice(0, 50).map((l) => l.reference));
    const text = visibleText(first);
    expect(text).toContain('Page suivante');
    expect(text).not.toContain('Page précédente');
    expect(text).toContain(`Total: ${COUNT}`);

    const nextHref = link(first, 'next')!;
    expect(nextHref).toMatch(/^\/console\/leads\?before=/);
    const second = await (await supervisor.get(nextHref)).text();
    expect(refsIn(second)).toEqual(leads.slice(50).map((l) => l.reference));
    expect(visibleText(second)).toContain('Page précédente');
    expect(visibleText(second)).not.toContain('Page suivante');

    const back = await (await supervisor.get(link(second, 'prev')!)).text();
    expect(refsIn(back)).toEqual(leads.slice(0, 50).map((l) => l.reference));
  });

  it('keeps the filters in the page links, and the polled fragment pages the same way', async () => {
    const belgians = leads.filter((l) => l.country === 'BE');
    const narrow = await (await supervisor.get('/console/leads?country=BE&sort=created')).text();
    expect(refsIn(narrow)).toEqual(belgians.map((l) => l.reference));
    expect(visibleText(narrow)).not.toContain('Page suivante');

    // Filters that keep every lead: two pages, and the links carry the filters.
    const first = await (await supervisor.get('/console/leads?status=new&programme=investment')).text();
    const nextHref = link(first, 'next')!;
    expect(nextHref).toContain('status=new');
    expect(nextHref).toContain('programme=investment');
    const fragment = await (
      await supervisor.get(nextHref.replace('/console/leads', '/console/inbox/leads'))
    ).text();
    expect(refsIn(fragment)).toEqual(leads.slice(50).map((l) => l.reference));
    // The fragment polls its own page, not the first.
    expect(fragment).toContain(
      `hx-get="/console/inbox/leads?${nextHref.split('?')[1]!.replaceAll('&', '&amp;')}"`,
    );
  });

  it('reads a bad cursor as the first page, never a 500', async () => {
    const res = await supervisor.get('/console/leads?before=not-a-cursor');
    expect(res.status).toBe(200);
    expect(refsIn(await res.text())).toEqual(leads.slice(0, 50).map((l) => l.reference));
  });

  it('pages the views that read the whole list (sorted by citizen message) by number', async () => {
    const first = await (await supervisor.get('/console/leads?sort=citizen')).text();
    expect(refsIn(first)).toHaveLength(50);
    const nextHref = link(first, 'next')!;
    expect(nextHref).toContain('sort=citizen');
    expect(nextHref).toContain('page=2');
    const second = await (await supervisor.get(nextHref)).text();
    expect(refsIn(second)).toHaveLength(COUNT - 50);
    expect(new Set([...refsIn(first), ...refsIn(second)]).size).toBe(COUNT);
  });

  it('gives the API in pages with a cursor, and the whole list when it fits in one', async () => {
    type Answer = { count: number; next: string | null; leads: { reference: string }[] };
    const first = (await (await supervisor.get('/api/leads?limit=40')).json()) as Answer;
    expect(first.count).toBe(40);
    expect(first.leads.map((l) => l.reference)).toEqual(leads.slice(0, 40).map((l) => l.reference));
    const second = (await (
      await supervisor.get(`/api/leads?limit=40&cursor=${encodeURIComponent(first.next!)}`)
    ).json()) as Answer;
    expect(second.leads.map((l) => l.reference)).toEqual(leads.slice(40).map((l) => l.reference));
    expect(second.next).toBeNull();

    const belgians = (await (await supervisor.get('/api/leads?country=BE')).json()) as Answer;
    expect(belgians).toMatchObject({ count: COUNT / 2, next: null });

    // A name search pages too (by offset).
    const search = (await (await supervisor.get('/api/leads?search=personne&limit=60')).json()) as Answer;
    expect(search.count).toBe(60);
    const rest = (await (
      await supervisor.get(`/api/leads?search=personne&limit=60&cursor=${search.next}`)
    ).json()) as Answer;
    expect(rest).toMatchObject({ count: COUNT - 60, next: null });

    for (const bad of ['0', '501', 'many']) {
      expect((await supervisor.get(`/api/leads?limit=${bad}`)).status).toBe(400);
    }
  });

  it('keeps the dashboard figures between reloads, and drops them as soon as a lead changes', async () => {
    const total = async () =>
      /Total: <strong>(\d+)<\/strong>/.exec(await (await supervisor.get('/console/dashboard')).text())?.[1];
    expect(await total()).toBe(String(COUNT));
    await createLead(rt.store, {
      kind: 'registration',
      programme: 'investment',
      contactPreference: 'chat',
      channel: 'telegram',
      userId: '7999',
      address: '7999',
      lang: 'fr',
      desk: 'digital-economy',
    });
    expect(await total()).toBe(String(COUNT + 1));
  });
});
