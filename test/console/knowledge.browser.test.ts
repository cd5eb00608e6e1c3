import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../fakes/http-fake.js';
import { launchChromium } from '../helpers/browser.js';
import { postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { PASSWORD, type Staff, seedStaff } from './helpers.js';
import { grantEditors, importBase } from './knowledge-helpers.js';

// A plain-http public URL: the browser talks to a loopback server, where Secure cookies would not stick.
const PUBLIC_URL = 'http://localhost:3000';
const CITIZEN = 'whatsapp:+33622334455';
const QUESTION = 'Comment adhérer au club des apiculteurs de la diaspora ?';
const ANSWER_FR =
  'Le ministère ne gère aucune adhésion à un club des apiculteurs de la diaspora. Pour un projet agricole au Togo, tapez « investir » ou demandez à parler à un agent.';
const ANSWER_EN =
  'The ministry runs no membership of a diaspora beekeepers’ club. For a farming project in Togo, type "invest" or ask to talk to an officer.';
const MINISTRY =
  "Ministère des Affaires étrangères, de l'Intégration régionale et des Togolais de l'extérieur";

let rt: Awaited<ReturnType<typeof testRuntime>>;
let server: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let staff: Staff;

beforeAll(async () => {
  // The running functions look for a newly published base every second (30 s by default).
  rt = await testRuntime({ PUBLIC_URL, KB_REFRESH_SECONDS: '1', RATE_LIMIT_PER_MINUTE: '0' });
  staff = await seedStaff(rt.store);
  await grantEditors(rt.store, staff);
  await importBase(rt.store, rt.config);
  server = await listen(rt.app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rt?.queue.idle();
});

/** What the citizen gets back on WhatsApp for one message (through the real webhook and queue). */
async function ask(text: string): Promise<string> {
  const before = (await rt.outbox()).filter((m) => m.to === CITIZEN).length;
  const res = await postWhatsApp(rt.app, whatsappText(CITIZEN, text), {
    url: `${PUBLIC_URL}/webhooks/whatsapp`,
  });
  expect(res.status).toBe(200);
  const replies = (await rt.outbox()).filter((m) => m.to === CITIZEN).slice(before);
  return replies.map((m) => m.text).join('\n');
}

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/console/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  return page;
}

/** axe-core in the page (the CSP is bypassed for the test's own script only): serious and critical findings. */
async function axeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('from an unanswered question to a published answer, in a real browser', () => {
  it('gap on the dashboard → Répondre → draft → second officer reviews the diff and publishes → the citizen is answered → gap resolved', async () => {
    // 1. The assistant cannot answer: the question lands in the gap report.
    expect(await ask(QUESTION)).toContain('Je ne sais pas répondre');

    // 2. The editor sees it on the dashboard and starts a new entry from it.
    const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const editor = await signIn(editorContext, staff.officer.email);
    await editor.goto(`${server.url}/console/dashboard`);
    await editor.getByText(QUESTION).waitFor();
    await editor.getByRole('link', { name: `Répondre à la question « ${QUESTION} »` }).click();
    await editor.waitForURL('**/console/knowledge/gaps/answer**');
    await editor.getByLabel('Titre').fill('Club des apiculteurs de la diaspora');
    await editor.getByLabel('Texte de la réponse (Markdown)').fill(ANSWER_FR);
    await editor.getByLabel(MINISTRY, { exact: true }).check();
    await editor.getByLabel('Bureau responsable').selectOption({ label: 'Togolais de l’extérieur' });
    await editor.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await editor.waitForURL('**/console/knowledge/club-des-apiculteurs-de-la-diaspora?done=gap-drafted**');
    await editor.getByText('Nouvelle fiche commencée à partir de la question').waitFor();

    // The English version, in its own form beside the French one.
    const english = editor.locator('form', {
      has: editor.getByRole('heading', { name: 'Modifier la version anglaise' }),
    });
    await english.getByLabel('Titre').fill('Diaspora beekeepers’ club');
    await english.getByLabel('Texte de la réponse (Markdown)').fill(ANSWER_EN);
    // The preview follows the text as it is typed (htmx, under the strict CSP): as the channels show it.
    await english.locator('.bubble', { hasText: 'The ministry runs no membership' }).first().waitFor();
    await english.getByLabel(MINISTRY, { exact: true }).check();
    await english.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await editor.waitForURL('**done=saved**');
    // The author cannot publish their own draft, and the page says why.
    await editor.getByText('Vous êtes l’auteur de ce brouillon').waitFor();
    expect(await editor.getByRole('button', { name: /^Publier/ }).count()).toBe(0);
    // Nothing a draft says reaches a citizen.
    expect(await ask(QUESTION)).toContain('Je ne sais pas répondre');

    // 3. A supervisor reviews the diff (additions marked in text, not only colour) and publishes.
    const reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const reviewer = await signIn(reviewerContext, staff.supervisor.email);
    await reviewer.getByRole('link', { name: 'Base de connaissances' }).click();
    await reviewer.getByLabel('État').selectOption({ label: 'Nouveau brouillon (jamais publiée)' });
    await reviewer.getByRole('button', { name: 'Filtrer' }).click();
    await reviewer.getByRole('link', { name: 'Club des apiculteurs de la diaspora' }).click();
    await reviewer.getByText('Nouvelle fiche : tout le contenu de la version').waitFor();
    expect(await reviewer.locator('#kb-diff li.add', { hasText: '+ Ajouté :' }).count()).toBeGreaterThan(1);
    const published = Date.now();
    await reviewer.getByRole('button', { name: /^Publier/ }).click();
    await reviewer.waitForURL('**done=published**');
    await reviewer.getByText('1 question sans réponse est résolue.').waitFor();

    // 4. The running runtime answers the citizen from the new entry, without a restart.
    let reply = '';
    while (Date.now() - published < 60_000) {
      reply = await ask(QUESTION);
      if (reply.includes('Le ministère ne gère aucune adhésion')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(reply).toContain('Le ministère ne gère aucune adhésion');
    expect(reply).toContain('Source : Club des apiculteurs de la diaspora');
    const liveMs = Date.now() - published;
    expect(liveMs).toBeLessThan(60_000);
    console.log(`publish → citizen answered: ${liveMs} ms (KB_REFRESH_SECONDS=1)`);

    // 5. The gap shows resolved on the dashboard.
    await reviewer.goto(`${server.url}/console/dashboard`);
    const stats = reviewer.locator('#kb-gap-stats');
    await expect.poll(async () => (await stats.innerText()).replace(/\s+/g, ' ')).toMatch(/Résolues 1\b/);
    expect(await reviewer.locator('#kb-gaps').getByText(QUESTION).count()).toBe(0);
    await editorContext.close();
    await reviewerContext.close();
  }, 180_000);

  it('the knowledge pages at 390 px: no page-wide scrolling, no serious axe finding', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    const page = await signIn(context, staff.officer.email);
    const paths = [
      '/console/knowledge',
      '/console/knowledge/money-transfers',
      '/console/knowledge/club-des-apiculteurs-de-la-diaspora',
      '/console/knowledge/new',
      '/console/dashboard',
    ];
    const findings: string[] = [];
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      findings.push(...(await axeFindings(page)).map((f) => `${path}: ${f}`));
    }
    expect(findings).toEqual([]);
    await context.close();
  }, 120_000);
});
