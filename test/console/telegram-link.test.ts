import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOfficer } from '../../functions/console/officers/repository.js';
import {
  issueLinkCode,
  LINK_CODE_TTL_MS,
  MAX_TRIES,
  redeemLinkCode,
} from '../../functions/features/officers/telegram-link.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { visibleText } from './french.js';
import { type ConsoleClient, newLead, type Staff, seedStaff, signedIn } from './helpers.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0' });
  staff = await seedStaff(rt.store);
  officer = await signedIn(rt.app, staff.officer.email);
}, 120_000);
afterAll(() => rt?.queue.idle());

/** The bot's answers to one Telegram user, in order. */
const botSaid = async (userId: number) =>
  (await rt.outbox()).filter((m) => m.channel === 'telegram' && m.to === String(userId)).map((m) => m.text);

const sendBot = async (userId: number, text: string) => {
  const update = telegramText(userId, text);
  expect((await postTelegram(rt.app, update)).status).toBe(200);
  await rt.queue.idle();
  return update;
};

const codeOnPage = (html: string) => /<strong id="telegram-code">([A-Z0-9-]+)<\/strong>/.exec(html)?.[1];

describe('linking an officer’s Telegram account', { timeout: 120_000 }, () => {
  it('shows a one-time code on the account page; the bot links the account and says so; unlinking works', async () => {
    const page = visibleText(await (await officer.get('/console/account')).text());
    expect(page).toContain('Votre compte Telegram n’est pas lié');
    const issued = await officer.post('/console/account/telegram/code');
    expect(issued.status).toBe(200);
    const html = await issued.text();
    const code = codeOnPage(html)!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(visibleText(html)).toContain('/lier');
    expect(visibleText(html)).toMatch(/expire à .*\(dans 10 minutes\)/);

    await sendBot(4201, `/lier ${code.toLowerCase()}`);
    expect((await botSaid(4201)).at(-1)).toMatch(/^✅ Compte Telegram lié à la console pour Officer One/);
    const linked = await getOfficer(rt.store, staff.officer.id);
    expect(linked).toMatchObject({ telegramUserId: '4201' });
    expect(linked?.telegramLinkedAt).toBeDefined();
    expect(visibleText(await (await officer.get('/console/account')).text())).toContain(
      'Votre compte Telegram est lié à la console depuis le',
    );

    // The same code again (from someone else): already used.
    await sendBot(4202, code);
    expect((await botSaid(4202)).at(-1)).toBe(
      'Ce code a déjà servi. Demandez un nouveau code sur votre page « Mon compte » de la console.',
    );

    const unlinked = await officer.post('/console/account/telegram/unlink');
    expect(visibleText(await unlinked.text())).toContain('Votre compte Telegram n’est plus lié');
    const after = await getOfficer(rt.store, staff.officer.id);
    expect(after?.telegramUserId).toBeUndefined();
    expect(after?.telegramLinkedAt).toBeUndefined();
  });

  it('refuses an expired code, a replaced code and a wrong one, then too many wrong tries', async () => {
    const now = Date.now();
    const old = await issueLinkCode(rt.store, staff.otherOfficer.id, now - LINK_CODE_TTL_MS - 1000);
    expect(await redeemLinkCode(rt.store, '4301', old.code, now)).toEqual({ result: 'expired' });

    const first = await issueLinkCode(rt.store, staff.otherOfficer.id, now);
    const second = await issueLinkCode(rt.store, staff.otherOfficer.id, now);
    // Only the newest code of an officer works.
    expect((await redeemLinkCode(rt.store, '4302', first.code, now)).result).toBe('invalid');
    expect(await redeemLinkCode(rt.store, '4302', second.code, now)).toMatchObject({ result: 'linked' });
    // A redelivered update with the same code and account is told it is linked, once more.
    expect(await redeemLinkCode(rt.store, '4302', second.code, now)).toMatchObject({ result: 'linked' });

    // Wrong codes, through the bot: after MAX_TRIES, even a right code is refused for a while.
    for (let i = 0; i < MAX_TRIES; i++) await sendBot(4303, '/lier AAAA-BBBB');
    expect((await botSaid(4303)).at(-1)).toBe(
      'Ce code n’est pas valide. Demandez un nouveau code sur votre page « Mon compte » de la console.',
    );
    const good = await issueLinkCode(rt.store, staff.supervisor.id);
    await sendBot(4303, `/lier ${good.code}`);
    expect((await botSaid(4303)).at(-1)).toMatch(/^Trop de codes erronés\. Réessayez dans 10 minutes\.$/);
    expect((await getOfficer(rt.store, staff.supervisor.id))?.telegramUserId).toBeUndefined();
    // The window over, a right code works.
    const later = Date.now() + 11 * 60_000;
    const again = await issueLinkCode(rt.store, staff.supervisor.id, later);
    expect(await redeemLinkCode(rt.store, '4303', again.code, later)).toMatchObject({ result: 'linked' });
  });

  it('alerts the officer holding the conversation once per citizen message, only when linked', async () => {
    const citizen = 'whatsapp:+33611000001';
    expect((await postWhatsApp(rt.app, whatsappText(citizen, 'Bonjour'))).status).toBe(200);
    await rt.queue.idle();
    const lead = await newLead(rt.store, {
      desk: 'investment-promotion',
      userId: citizen,
      fullName: 'Afi Alert',
    });
    expect((await officer.post(`/console/leads/${lead.reference}/conversation`)).status).toBe(303);
    const alerts = async () =>
      (await rt.outbox()).filter((m) => m.channel === 'telegram' && m.text.includes(lead.reference));

    // Not linked (unlinked in the first test): the citizen writes, nobody is alerted.
    expect((await postWhatsApp(rt.app, whatsappText(citizen, 'Vous êtes là ?'))).status).toBe(200);
    await rt.queue.idle();
    expect(await alerts()).toHaveLength(0);

    // Linked: one alert to the holder's own chat, even when Twilio delivers the message twice.
    const { code } = await issueLinkCode(rt.store, staff.officer.id);
    await sendBot(4401, `/lier ${code}`);
    const message = whatsappText(citizen, 'Je voudrais un rendez-vous.', { MessageSid: 'SMalert0000000001' });
    expect((await postWhatsApp(rt.app, message)).status).toBe(200);
    expect((await postWhatsApp(rt.app, message)).status).toBe(200);
    await rt.queue.idle();
    const sent = await alerts();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: '4401' });
    expect(sent[0]!.text).toContain(`https://assistant.example.test/console/leads/${lead.reference}`);
    // No personal detail in the alert, nor the citizen's words.
    expect(sent[0]!.text).not.toContain('Afi');
    expect(sent[0]!.text).not.toContain('rendez-vous');
    // Nobody else was told (the other linked officer, 4302).
    expect(
      (await rt.outbox()).filter((m) => m.to === '4302' && m.text.includes(lead.reference)),
    ).toHaveLength(0);

    // A second message: a second alert.
    expect((await postWhatsApp(rt.app, whatsappText(citizen, 'Merci.'))).status).toBe(200);
    await rt.queue.idle();
    expect(await alerts()).toHaveLength(2);
  });
});
