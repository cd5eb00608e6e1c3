import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICERS, seedDemoOfficers } from '../../functions/console/officers/demo.js';
import { listAudit } from '../../functions/features/leads/audit.js';
import { createLead, getLead } from '../../functions/features/leads/repository.js';
import { listMessages } from '../../functions/store/messages.js';
import { listen } from '../fakes/http-fake.js';
import { launchChromium } from '../helpers/browser.js';
import { postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

// A plain-http public URL: the browser talks to a loopback server, where Secure cookies would not stick.
const PUBLIC_URL = 'http://localhost:3000';
const CITIZEN = 'whatsapp:+33611223344';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let server: Awaited<ReturnType<typeof listen>>;
let browser: Browser;

beforeAll(async () => {
  rt = await testRuntime({ PUBLIC_URL });
  await seedDemoOfficers(rt.config, rt.store);
  server = await listen(rt.app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rt?.queue.idle();
});

describe('officers’ console in a real browser', () => {
  it('logs in as the demo officer, claims a lead, moves it on, replies to the chat, exports CSV', async () => {
    // A citizen writes on WhatsApp (real webhook), and has a lead on the demo officer's desk.
    const webhook = await postWhatsApp(rt.app, whatsappText(CITIZEN, 'Bonjour, je veux investir au Togo'), {
      url: `${PUBLIC_URL}/webhooks/whatsapp`,
    });
    expect(webhook.status).toBe(200);
    await rt.queue.idle();
    const lead = await createLead(rt.store, {
      kind: 'registration',
      programme: 'investment',
      sector: 'agriculture',
      country: 'FR',
      city: 'Lyon',
      fullName: 'Kafui Adjovi',
      profession: 'Ingénieure agronome',
      amountRange: { min: 10_000, max: 50_000, currency: 'EUR' },
      contactPreference: 'chat',
      channel: 'whatsapp',
      userId: CITIZEN,
      address: CITIZEN,
      lang: 'fr',
      desk: 'investment-promotion',
    });
    const agent = DEMO_OFFICERS.find((o) => o.role === 'officer')!;

    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/leads`);
    expect(page.url()).toContain('/console/login');
    await page.getByLabel('Adresse e-mail').fill(agent.email);
    await page.getByLabel('Mot de passe').fill(agent.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/console/leads');

    await page.getByRole('link', { name: lead.reference }).click();
    await page.waitForURL(`**/console/leads/${lead.reference}`);
    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    await page.waitForURL('**done=saved');
    await page.getByRole('button', { name: '→ Contacté' }).click();
    await page.waitForURL('**done=saved');
    expect(await getLead(rt.store, lead.reference)).toMatchObject({
      status: 'contacted',
      assignee: expect.any(String),
    });

    const reply = 'Bonjour Madame Adjovi, je suis votre conseiller à la promotion des investissements.';
    await page.getByLabel('Répondre au citoyen').fill(reply);
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.waitForURL('**done=sent');
    await page.getByText('Message envoyé.').waitFor();
    const outbox = await rt.outbox();
    // The officer's text goes out with its check code line (features/official/check-codes.ts).
    const sent = outbox.filter(
      (m) => m.to === CITIZEN && m.text.startsWith(`${reply}\n\nCode de vérification : `),
    );
    expect(sent).toHaveLength(1);
    expect((await listMessages(rt.store, 'whatsapp', CITIZEN)).at(-1)).toMatchObject({ text: sent[0]?.text });

    // A live inbox: the citizen writes back while the list and the lead page are open; both show it
    // without a reload (htmx polling, under the strict CSP), and the navigation counts one waiting.
    const cspErrors: string[] = [];
    const list = await context.newPage();
    for (const p of [page, list]) {
      p.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
      });
    }
    await list.goto(`${server.url}/console/leads`);
    expect(await list.getByText(/citoyen en attente depuis/).count()).toBe(0);
    const question = 'Merci ! Quand puis-je venir au ministère ?';
    const back = await postWhatsApp(rt.app, whatsappText(CITIZEN, question), {
      url: `${PUBLIC_URL}/webhooks/whatsapp`,
    });
    expect(back.status).toBe(200);
    await rt.queue.idle();
    await list
      .getByText(/citoyen en attente depuis/)
      .first()
      .waitFor({ timeout: 20_000 });
    await list.locator('header .badge', { hasText: '1' }).waitFor({ timeout: 20_000 });
    await page.getByText(question).waitFor({ timeout: 20_000 });
    expect(cspErrors).toEqual([]);
    await list.close();

    // README's picture: CONSOLE_SCREENSHOT=docs/console.png refreshes it; by default the tree stays clean.
    const shot = process.env.CONSOLE_SCREENSHOT ?? join(tmpdir(), 'togo-console.png');
    await mkdir(dirname(shot), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });

    await page.goto(`${server.url}/console/leads?programme=investment`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exporter en CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(lead.reference);
    expect(csv).toContain('Kafui Adjovi');
    expect(csv).toContain('Contacté');

    // Usable on a phone: no page-wide horizontal scrolling (wide tables scroll inside their box).
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/console/leads/${lead.reference}`, '/console/leads', '/console/dashboard']) {
      await page.goto(`${server.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  }, 120_000);
  it('supervisor: SLA countdown and the "en retard" filter, cross-desk transfer, close with confirmation, reopen', async () => {
    const handoff = (userId: string, ageMs: number) =>
      createLead(
        rt.store,
        {
          kind: 'handoff',
          fullName: 'Edem Agbeko',
          contactPreference: 'chat',
          channel: 'telegram',
          userId,
          address: userId,
          lang: 'fr',
          desk: 'togolese-abroad',
          question: 'Je veux créer une entreprise de transformation de manioc',
        },
        Date.now() - ageMs,
      );
    const late = await handoff('7701', 5 * 3_600_000);
    const fresh = await handoff('7702', 60_000);
    const supervisor = DEMO_OFFICERS.find((o) => o.role === 'supervisor')!;
    const agent = DEMO_OFFICERS.find((o) => o.role === 'officer')!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('Adresse e-mail').fill(supervisor.email);
    await page.getByLabel('Mot de passe').fill(supervisor.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/console/**');

    // The countdown, coloured; then only the overdue ones.
    await page.goto(`${server.url}/console/leads`);
    const lateRow = page.locator('tr', { has: page.getByRole('link', { name: late.reference }) });
    await expect
      .poll(() => lateRow.locator('.sla-late').textContent())
      .toMatch(/prise en charge en retard de 3 h/);
    const freshRow = page.locator('tr', { has: page.getByRole('link', { name: fresh.reference }) });
    expect(await freshRow.locator('.sla-ok').textContent()).toMatch(/prise en charge attendue dans 1 h 5\d/);
    expect(await lateRow.locator('.sla-late').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(253, 231, 233)',
    );
    await page.getByLabel('Seulement les dossiers en retard').check();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL('**overdue=1**');
    expect(await page.getByRole('link', { name: late.reference }).count()).toBe(1);
    expect(await page.getByRole('link', { name: fresh.reference }).count()).toBe(0);
    // The dashboard lists it first.
    await page.goto(`${server.url}/console/dashboard`);
    expect(await page.locator('h2').first().textContent()).toMatch(/Dossiers en retard/);

    // A handoff about a company: moved to investment promotion, to its officer, with a reason.
    await page.goto(`${server.url}/console/leads/${late.reference}`);
    await page.getByText('Transférer vers un autre bureau', { exact: true }).first().click();
    await page
      .getByLabel('Nouveau bureau', { exact: true })
      .selectOption({ label: 'Promotion des investissements' });
    await page
      .getByLabel('Agent du nouveau bureau')
      .selectOption({ label: `${agent.name} — Promotion des investissements` });
    await page.getByLabel('Motif du transfert').fill('Création d’entreprise : promotion des investissements');
    await page.getByRole('button', { name: 'Transférer vers un autre bureau' }).click();
    await page.waitForURL('**done=transferred');
    expect(await getLead(rt.store, late.reference)).toMatchObject({
      desk: 'investment-promotion',
      status: 'assigned',
    });
    await page.getByText('motif : Création d’entreprise').waitFor();

    // Closing: no outcome preselected; the browser refuses until one is chosen and confirmed.
    await page.getByText('Clôturer', { exact: true }).first().click();
    expect(await page.getByLabel('Résultat', { exact: true }).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Clôturer' }).click();
    expect((await getLead(rt.store, late.reference))?.status).toBe('assigned');
    await page.getByLabel('Résultat', { exact: true }).selectOption({ label: 'Sans réponse' });
    await page.getByRole('button', { name: 'Clôturer' }).click();
    expect((await getLead(rt.store, late.reference))?.status).toBe('assigned');
    await page.getByLabel('Je confirme la clôture de ce dossier.').check();
    await page.getByRole('button', { name: 'Clôturer' }).click();
    await page.waitForURL('**done=saved');
    expect(await getLead(rt.store, late.reference)).toMatchObject({
      status: 'closed',
      outcome: 'no_response',
    });

    // Reopened by the supervisor, audited.
    await page.getByRole('button', { name: 'Rouvrir le dossier' }).click();
    await page.waitForURL('**done=reopened');
    await page.getByText('Dossier rouvert.').waitFor();
    expect((await getLead(rt.store, late.reference))?.status).toBe('assigned');
    expect((await listAudit(rt.store, late.reference)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['transferred', 'status_changed', 'reopened']),
    );
    await context.close();
  }, 120_000);
});
