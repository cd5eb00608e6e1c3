import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICERS } from '../../functions/console/officers/demo.js';
import { getOfficerByEmail } from '../../functions/console/officers/repository.js';
import { listen } from '../fakes/http-fake.js';
import { launchChromium } from '../helpers/browser.js';
import { type ConsoleDemo, seedConsoleDemo, signedInContext } from '../helpers/console-demo.js';
import { postTelegram, telegramText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

// A plain-http public URL: the browser talks to a loopback server, where Secure cookies would not stick.
const PUBLIC_URL = 'http://localhost:3000';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let rt: Awaited<ReturnType<typeof testRuntime>>;
let server: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let demo: ConsoleDemo;

beforeAll(async () => {
  rt = await testRuntime({ PUBLIC_URL });
  demo = await seedConsoleDemo(rt, PUBLIC_URL);
  server = await listen(rt.app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rt?.queue.idle();
});

/** Every console page each role opens (the lead page: the held demo lead). */
const pagesOf = (role: 'officer' | 'supervisor' | 'admin') =>
  ({
    officer: [
      '/console/leads',
      `/console/leads/${demo.held.reference}`,
      '/console/dashboard',
      '/console/account',
    ],
    supervisor: [
      '/console/leads',
      `/console/leads/${demo.held.reference}`,
      '/console/dashboard',
      '/console/canned',
      '/console/broadcasts',
      '/console/account',
    ],
    admin: ['/console/officers', '/console/official', '/console/account'],
  })[role];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeFindings(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('console pages in a real browser', { timeout: 180_000 }, () => {
  it('has no serious or critical axe-core finding on any page, signed out or in, for every role', async () => {
    // The pages' CSP refuses inline scripts, axe's included: the test browser bypasses it.
    const anonymous = await browser.newContext({ bypassCSP: true });
    const login = await anonymous.newPage();
    await login.goto(`${server.url}/console/login`);
    const findings: Record<string, string[]> = {};
    const note = (path: string, found: AxeViolation[]) => {
      if (found.length)
        findings[path] = found.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes[0]?.target}`);
    };
    note('/console/login', await axeFindings(login));
    await anonymous.close();
    for (const role of ['officer', 'supervisor', 'admin'] as const) {
      const context = await signedInContext(browser, server.url, role, undefined, { bypassCSP: true });
      const page = await context.newPage();
      for (const path of pagesOf(role)) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBe(200);
        note(`${role} ${path}`, await axeFindings(page));
      }
      await context.close();
    }
    expect(findings).toEqual({});
  });

  it('fits a 390 px phone: lists as cards, no word broken, a one-line header, no page-wide scroll', async () => {
    for (const role of ['officer', 'supervisor', 'admin'] as const) {
      const context = await signedInContext(browser, server.url, role, { width: 390, height: 844 });
      const page = await context.newPage();
      for (const path of pagesOf(role)) {
        await page.goto(`${server.url}${path}`);
        const layout = await page.evaluate(() => {
          const width = window.innerWidth;
          const header = document.querySelector('header')!;
          // The header's items: all on one line when each one's top is above every other's bottom.
          const items = [...header.querySelectorAll('nav a, .me > a, .me button')]
            .map((el) => el.getBoundingClientRect())
            .filter((r) => r.height > 0);
          // Elements wider than the screen (a box that scrolls inside is allowed to hold wide content).
          const tooWide = [...document.querySelectorAll('body *')]
            .filter((el) => !el.closest('.wrap, header nav'))
            .filter((el) => el.getBoundingClientRect().width > width + 0.5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
          // A word split over two lines: a text node whose single word spans several line boxes.
          const broken: string[] = [];
          const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent ?? '';
            for (const m of text.matchAll(/[\p{L}\p{N}’'-]{4,}/gu)) {
              const range = document.createRange();
              range.setStart(n, m.index!);
              range.setEnd(n, m.index! + m[0].length);
              const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (tops.size > 1) broken.push(m[0]);
            }
          }
          return {
            scroll: document.documentElement.scrollWidth - width,
            headerHeight: header.getBoundingClientRect().height,
            oneLine:
              items.length > 1 &&
              Math.max(...items.map((r) => r.top)) < Math.min(...items.map((r) => r.bottom)),
            tooWide,
            broken,
            cards: [...document.querySelectorAll('table.cards tr')]
              .filter((tr) => tr.closest('tbody'))
              .map((tr) => getComputedStyle(tr).display),
          };
        });
        expect(layout.scroll, `${role} ${path}: horizontal scroll`).toBeLessThanOrEqual(0);
        expect(layout.tooWide, `${role} ${path}: wider than the screen`).toEqual([]);
        expect(layout.broken, `${role} ${path}: words broken mid-word`).toEqual([]);
        expect(layout.oneLine, `${role} ${path}: header on one line`).toBe(true);
        expect(layout.headerHeight, `${role} ${path}: header height`).toBeLessThan(56);
        for (const display of layout.cards) expect(display, `${role} ${path}: rows as cards`).toBe('block');
      }
      if (role !== 'admin') {
        await page.goto(`${server.url}/console/leads`);
        const rows = await page.locator('table.cards tbody tr').count();
        expect(rows).toBeGreaterThan(1);
      } else {
        await page.goto(`${server.url}/console/officers`);
        expect(await page.locator('table.cards tbody tr').count()).toBe(DEMO_OFFICERS.length);
        // Usable: each officer's desk can be changed without scrolling sideways.
        const select = page.locator('table.cards select').first();
        const box = (await select.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      await context.close();
    }
  });

  it('folds the list’s filters on a 390 px phone: the first lead in the first screen, open when a filter is set', async () => {
    for (const role of ['officer', 'supervisor'] as const) {
      const context = await signedInContext(
        browser,
        server.url,
        role,
        { width: 390, height: 844 },
        { bypassCSP: true },
      );
      const page = await context.newPage();
      await page.goto(`${server.url}/console/leads`);
      const summary = page.locator('details.fold > summary');
      expect(await summary.textContent()).toBe('Filtres');
      expect(await page.locator('#f-search').isVisible(), `${role}: fields folded`).toBe(false);
      // The first lead's card, whole, in the first 390 × 844 screen.
      const card = (await page.locator('table.cards tbody tr').first().boundingBox())!;
      expect(card.height, `${role}: first card shown`).toBeGreaterThan(0);
      expect(card.y + card.height, `${role}: first card in the first screen`).toBeLessThanOrEqual(844);
      expect(await axeFindings(page), `${role}: axe, folded`).toEqual([]);
      await summary.click();
      expect(await page.locator('#f-search').isVisible(), `${role}: fields unfolded`).toBe(true);
      expect(await axeFindings(page), `${role}: axe, unfolded`).toEqual([]);
      // A filter in force: the form shows it at once, and the summary counts it.
      await page.goto(`${server.url}/console/leads?status=new&waiting=1`);
      expect(await summary.textContent()).toBe('Filtres (2 actifs)');
      expect(await page.locator('#f-search').isVisible(), `${role}: open with a filter`).toBe(true);
      await context.close();
    }
    // On a laptop the fields are there without a click, and no summary stands in the way.
    const wide = await signedInContext(browser, server.url, 'officer');
    const page = await wide.newPage();
    await page.goto(`${server.url}/console/leads`);
    expect(await page.locator('#f-search').isVisible()).toBe(true);
    expect(await page.locator('details.fold > summary').isVisible()).toBe(false);
    await wide.close();
  });

  it('links the officer’s Telegram account from the account page', async () => {
    const context = await signedInContext(browser, server.url, 'officer');
    const page = await context.newPage();
    await page.goto(`${server.url}/console/account`);
    await page.getByRole('button', { name: 'Lier mon compte Telegram' }).click();
    const code = (await page.locator('#telegram-code').textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await page.getByText(/expire à .* \(dans 10 minutes\)/).count()).toBe(1);

    expect((await postTelegram(rt.app, telegramText(4501, `/lier ${code}`))).status).toBe(200);
    await rt.queue.idle();
    await page.goto(`${server.url}/console/account`);
    await page.getByText(/Votre compte Telegram est lié à la console depuis le/).waitFor();
    const agent = await getOfficerByEmail(rt.store, DEMO_OFFICERS.find((o) => o.role === 'officer')!.email);
    expect(agent?.telegramUserId).toBe('4501');

    await page.getByRole('button', { name: 'Délier mon compte Telegram' }).click();
    await page.getByText(/n’est plus lié/).waitFor();
    expect((await getOfficerByEmail(rt.store, agent!.email))?.telegramUserId).toBeUndefined();
    await context.close();
  });
});
