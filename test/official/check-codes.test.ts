import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/core/config.js';
import { loadRoutingTable } from '../../functions/features/leads/routing/routing.js';
import { newCheckCode } from '../../functions/features/official/check-codes.js';
import { newLead, seedStaff, signedIn } from '../console/helpers.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

const CODE = /Code de vérification : ([A-Z2-9]{4}-[A-Z2-9]{4})/;
const DESK = loadRoutingTable().desks.find((d) => d.id === 'investment-promotion')!;

/** A citizen on WhatsApp with a lead, and an officer's console reply: returns the code it carried. */
async function officerMessage(env: Record<string, string> = {}) {
  let clock = Date.parse('2026-03-02T14:05:00Z');
  const rt = await testRuntime(env, { now: () => clock });
  const staff = await seedStaff(rt.store);
  const from = 'whatsapp:+33622220001';
  await postWhatsApp(rt.app, whatsappText(from, 'Bonjour'));
  await rt.queue.idle();
  const lead = await newLead(rt.store, { desk: DESK.id, userId: from }, clock);
  const officer = await signedIn(rt.app, staff.officer.email);
  const res = await officer.post(`/console/leads/${lead.reference}/reply`, {
    idempotencyKey: randomUUID(),
    text: 'Votre dossier est bien reçu.',
  });
  expect(res.headers.get('location')).toContain('done=sent');
  // The officer's own message (an "an officer is answering you" notice may follow it).
  const sent = (await rt.outbox()).filter((m) => m.to === from && m.text.includes('Votre dossier')).at(-1)!;
  const code = CODE.exec(sent.text)?.[1];
  expect(code).toBeDefined();
  const last = async () => (await rt.outbox()).at(-1)!.text;
  return { rt, code: code!, text: sent.text, last, advance: (ms: number) => (clock += ms) };
}

describe('check codes on officers’ console messages', { timeout: 90_000 }, () => {
  it('valid: "vérifier <code>" on Telegram says which desk sent it and when, never the content', async () => {
    const { rt, code, last } = await officerMessage();
    await postTelegram(rt.app, telegramText(9201, `vérifier ${code}`));
    const answer = await last();
    expect(answer).toContain(`✅ Le code ${code} est authentique`);
    expect(answer).toContain(DESK.names.fr);
    expect(answer).toContain('2 mars 2026 à 14:05 (heure de Lomé)');
    expect(answer).not.toContain('Votre dossier');
  });

  it('valid: the officer’s message forwarded on WhatsApp and on Telegram, in English too', async () => {
    const { rt, code, text, last } = await officerMessage();
    await postWhatsApp(rt.app, whatsappText('whatsapp:+33622220002', text, { Forwarded: 'true' }));
    expect(await last()).toContain(`✅ Le code ${code} est authentique`);
    const forward = telegramText(9202, text, 'en');
    (forward.message as Record<string, unknown>).forward_origin = {
      type: 'hidden_user',
      date: 0,
      sender_user_name: 'M',
    };
    await postTelegram(rt.app, telegramText(9202, 'English', 'en'));
    await postTelegram(rt.app, forward);
    const answer = await last();
    expect(answer).toContain(`✅ The code ${code} is genuine`);
    expect(answer).toContain(DESK.names.en);
  });

  it('forged: a code nobody issued is said not to come from the ministry', async () => {
    const { rt, last } = await officerMessage();
    await postTelegram(rt.app, telegramText(9203, 'Vérifier K7F3-Q2MA'));
    expect(await last()).toContain('❌ Aucun message du ministère ne porte le code K7F3-Q2MA.');
  });

  it('expired: after the configured number of days the code no longer verifies', async () => {
    const { rt, code, last, advance } = await officerMessage({ CHECK_CODE_TTL_DAYS: '30' });
    advance(29 * 24 * 3600 * 1000);
    await postTelegram(rt.app, telegramText(9204, `vérifier ${code}`));
    expect(await last()).toContain('est authentique');
    advance(2 * 24 * 3600 * 1000);
    await postTelegram(rt.app, telegramText(9204, `vérifier ${code}`));
    expect(await last()).toContain(`⚠️ Le code ${code} a expiré (les codes sont valables 30 jours)`);
  });

  it('rate-limited: past the hourly limit no code is looked up, even a valid one', async () => {
    const { rt, code, last, advance } = await officerMessage({ CHECK_CODE_CHECKS_PER_HOUR: '3' });
    for (const guess of ['AAAA-2222', 'BBBB-3333', 'CCCC-4444']) {
      await postTelegram(rt.app, telegramText(9205, `vérifier ${guess}`));
      expect(await last()).toContain(`ne porte le code ${guess}`);
    }
    await postTelegram(rt.app, telegramText(9205, `vérifier ${code}`));
    expect(await last()).toBe(
      'Vous avez fait beaucoup de vérifications de codes : réessayez dans une heure.',
    );
    // Another person is not affected, and the limit lifts the next hour.
    await postTelegram(rt.app, telegramText(9206, `vérifier ${code}`));
    expect(await last()).toContain('est authentique');
    advance(3600 * 1000);
    await postTelegram(rt.app, telegramText(9205, `vérifier ${code}`));
    expect(await last()).toContain('est authentique');
  });
});

describe('newCheckCode', () => {
  it('draws 8 symbols of the 32-letter alphabet, without repeats over many draws', () => {
    const codes = Array.from({ length: 5000 }, newCheckCode);
    for (const c of codes) {
      expect(c).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      // Letters and digits both, so a code is never read as a word or a year.
      expect(c).toMatch(/\d/);
      expect(c).toMatch(/[A-Z]/);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('codes last 90 days unless configured', () => {
    expect(loadConfig({}).CHECK_CODE_TTL_DAYS).toBe(90);
    expect(loadConfig({ CHECK_CODE_TTL_DAYS: '30' }).CHECK_CODE_TTL_DAYS).toBe(30);
    expect(() => loadConfig({ CHECK_CODE_TTL_DAYS: '0' })).toThrow(/CHECK_CODE_TTL_DAYS/);
  });
});
