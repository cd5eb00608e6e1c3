import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_OFFICERS, seedDemoOfficers } from '../../functions/console/officers/demo.js';
import { getOfficerByEmail } from '../../functions/console/officers/repository.js';
import {
  claimLead,
  createLead,
  type Lead,
  openConversation,
} from '../../functions/features/leads/repository.js';
import { postWhatsApp, whatsappText } from './requests.js';
import type { testRuntime } from './runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;

/** The people of the demo leads: the names and numbers the console tests already use. */
const PEOPLE = [
  {
    name: 'Kafui Adjovi',
    country: 'FR',
    city: 'Lyon',
    programme: 'investment',
    desk: 'investment-promotion',
  },
  {
    name: 'Kossi Mensah',
    country: 'BE',
    city: 'Bruxelles',
    programme: 'business_creation',
    desk: 'investment-promotion',
  },
  {
    name: 'Afi Lawson',
    country: 'CA',
    city: 'Montréal',
    programme: 'digital_training',
    desk: 'digital-economy',
  },
  {
    name: 'Yao Agbodjan',
    country: 'DE',
    city: 'Hambourg',
    programme: 'skills_transfer',
    desk: 'togolese-abroad',
  },
  {
    name: 'Ama Kpodar',
    country: 'US',
    city: 'Atlanta',
    programme: 'investment',
    desk: 'investment-promotion',
  },
  {
    name: 'Edem Amouzou',
    country: 'CI',
    city: 'Abidjan',
    programme: 'business_creation',
    desk: 'investment-promotion',
  },
] as const;

export interface ConsoleDemo {
  /** A lead the demo officer holds, whose citizen wrote last (the waiting marker). */
  held: Lead;
  leads: Lead[];
}

/**
 * The console's demo data for browser tests and the screenshots: the demo officers, leads of every
 * desk in several states, and one held WhatsApp conversation waiting for the officer.
 */
export async function seedConsoleDemo(rt: Runtime, publicUrl: string): Promise<ConsoleDemo> {
  await seedDemoOfficers(rt.config, rt.store);
  const agent = (await getOfficerByEmail(rt.store, DEMO_OFFICERS.find((o) => o.role === 'officer')!.email))!;
  const now = Date.now();
  const leads: Lead[] = [];
  for (const [i, p] of PEOPLE.entries()) {
    const userId = `whatsapp:+336112233${String(40 + i)}`;
    leads.push(
      await createLead(
        rt.store,
        {
          kind: 'registration',
          programme: p.programme,
          sector: 'agriculture',
          country: p.country,
          city: p.city,
          fullName: p.name,
          profession: 'Ingénieure agronome',
          contactPreference: 'chat',
          channel: 'whatsapp',
          userId,
          address: userId,
          lang: 'fr',
          desk: p.desk,
        },
        now - (PEOPLE.length - i) * 3 * 3600_000,
      ),
    );
  }
  // The first: the citizen wrote, the agent took the lead and the chat, the citizen wrote again.
  const held = leads[0]!;
  const url = `${publicUrl}/webhooks/whatsapp`;
  await postWhatsApp(rt.app, whatsappText(held.userId!, 'Bonjour, je veux investir au Togo'), { url });
  await rt.queue.idle();
  await claimLead(rt.store, held.reference, agent.id);
  await openConversation(rt.store, held.reference, agent.id);
  await postWhatsApp(rt.app, whatsappText(held.userId!, 'Bonjour, êtes-vous disponible demain ?'), { url });
  await rt.queue.idle();
  await claimLead(rt.store, leads[1]!.reference, agent.id);
  return { held, leads };
}

/** A browser context signed in as a demo officer of this role. */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  role: 'officer' | 'supervisor' | 'admin',
  viewport = { width: 1280, height: 900 },
  options: { bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const who = DEMO_OFFICERS.find((o) => o.role === role)!;
  const context = await browser.newContext({
    viewport,
    locale: 'fr-FR',
    timezoneId: 'Africa/Lome',
    ...options,
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console/login`);
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  await page.close();
  return context;
}
