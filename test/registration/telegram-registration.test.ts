import { describe, expect, it } from 'vitest';
import { createOfficer } from '../../functions/console/officers/repository.js';
import { getLead, listLeadsOfUser } from '../../functions/features/leads/repository.js';
import { postTelegram, telegramText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { received, telegramUser } from './chat.js';

const DIGITAL_DESK = '-1002';
const env = {
  DESK_TELEGRAM_CHAT_IDS: `investment-promotion=-1001,digital-economy=${DIGITAL_DESK},togolese-abroad=-1003`,
  RATE_LIMIT_PER_MINUTE: '0',
};

describe('registration on Telegram, through the webhook with buttons', { timeout: 90_000 }, () => {
  it('registers with inline keyboards, in English, and routes to the digital economy desk', async () => {
    const rt = await testRuntime(env);
    const ama = telegramUser(rt, 5001, 'en');
    const desk = received(rt, DIGITAL_DESK);

    expect((await ama.say('/start')).buttons).toContain('Share my skills');
    const start = await ama.press('menu:skills');
    expect(start.text).toMatch(/Let’s register your interest[\s\S]*\(2\/9\) In which sector/);
    expect(start.buttons).toEqual(expect.arrayContaining(['Digital and ICT', '← Back', 'Cancel']));
    expect((await ama.press('sector:health')).buttons).toContain('France');
    expect((await ama.press('country:FR')).text).toMatch(/Which city/);
    expect((await ama.say('Lyon')).text).toMatch(/full name/);
    expect((await ama.say('Kossi Mensah')).text).toMatch(/profession or skills/);
    const contact = await ama.say('Software developer, 10 years');
    expect(contact.buttons).toEqual(expect.arrayContaining(['Here, in this chat', 'By email', 'By phone']));
    expect((await ama.press('contact:phone')).text).toMatch(/phone number/);
    expect((await ama.say('0612')).text).toMatch(/does not look valid/);
    const consent = await ama.say('+33 6 00 00 00 02');
    expect(consent.text).toMatch(/law No\. 2019-014[\s\S]*Do you agree/);
    expect(consent.buttons).toEqual(expect.arrayContaining(['Yes, I agree', 'No']));
    const summary = await ama.press('consent:yes');
    expect(summary.text).toMatch(
      /Skills transfer or mentoring[\s\S]*Health[\s\S]*France[\s\S]*Lyon[\s\S]*\+33600000002/,
    );
    const done = await ama.press('confirm:yes');
    const ref = /TG-\d{4}-\d{5}/.exec(done.text)?.[0];
    expect(done.text).toContain('Digital economy');

    expect(await getLead(rt.store, ref!)).toMatchObject({
      programme: 'skills_transfer',
      sector: 'health',
      desk: 'digital-economy',
      lang: 'en',
      phone: '+33600000002',
      channel: 'telegram',
      userId: '5001',
    });
    const notice = await desk();
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain(ref!);
  });

  it('tells the status only to the person who registered', async () => {
    const rt = await testRuntime(env);
    const ama = telegramUser(rt, 5002);
    await ama.say('/start');
    for (const step of ['menu:invest', 'sector:energy', 'country:BE']) await ama.press(step);
    for (const text of ['Bruxelles', 'Afi Lawson', 'Ingénieure']) await ama.say(text);
    for (const step of ['amt:50000-200000', 'contact:chat', 'consent:yes']) await ama.press(step);
    const ref = /TG-\d{4}-\d{5}/.exec((await ama.press('confirm:yes')).text)![0];

    expect((await ama.say(`statut ${ref}`)).text).toMatch(
      new RegExp(`Demande ${ref} \\(Investissement\\) : reçue`),
    );
    expect((await ama.say('statut')).text).toContain(ref);
    const other = telegramUser(rt, 6000);
    const answer = await other.say(`statut ${ref}`);
    expect(answer.text).toMatch(new RegExp(`Je ne trouve pas de demande ${ref} à votre nom`));
    expect(answer.text).not.toContain('Investissement');
    expect((await other.say('status TG-2026-99999')).text).toMatch(/cannot find a request TG-2026-99999/);
  });

  it('lets a desk officer claim from the group, refuses strangers, and the citizen sees the change', async () => {
    const rt = await testRuntime(env);
    const officer = await createOfficer(rt.store, {
      email: 'officer@example.org',
      name: 'Agent Démo',
      role: 'officer',
      desk: 'investment-promotion',
      telegramUserId: '777',
      password: 'correct horse battery',
    });
    const ama = telegramUser(rt, 5003);
    await ama.press('menu:invest');
    await ama.say('agriculture');
    for (const text of ['Ghana', 'Accra', 'Ama Kouassi', 'Agronome', '10k - 50k', 'ici', 'oui'])
      await ama.say(text);
    const ref = /TG-\d{4}-\d{5}/.exec((await ama.say('oui')).text)![0];

    // Officers chatting in their desk group get no citizen menu.
    const group = received(rt, '-1001');
    await postTelegram(rt.app, {
      ...telegramText(777, '/start'),
      message: { ...telegramText(777, '/start').message, chat: { id: -1001, type: 'group', title: 'Desk' } },
    });
    await rt.queue.idle();
    expect(await group()).toHaveLength(1); // the lead's notice only

    const stranger = telegramUser(rt, 999);
    expect((await stranger.press(`lead:claim:${ref}`)).text).toMatch(/seul un agent enregistré/);
    expect((await getLead(rt.store, ref))?.status).toBe('new');

    const agent = telegramUser(rt, 777);
    expect((await agent.press(`lead:claim:${ref}`)).text).toBe(
      `✅ Demande ${ref} prise en charge par Agent Démo.`,
    );
    // The citizen is told once, by the worker, in their own chat.
    expect((await ama.say('menu')).text).toMatch(
      new RegExp(`^Bonne nouvelle : un agent a pris en charge votre demande ${ref}`),
    );
    expect(await getLead(rt.store, ref)).toMatchObject({ status: 'assigned', assignee: officer.id });
    expect((await agent.press(`lead:claim:${ref}`)).text).toMatch(/déjà prise en charge/);
    expect((await ama.say(`statut ${ref}`)).text).toMatch(/prise en charge par un agent/);
  });

  it('assigns to the officer with the fewest open leads on a least-open desk', async () => {
    const rt = await testRuntime(env);
    const make = (email: string) =>
      createOfficer(rt.store, {
        email,
        name: email,
        role: 'officer',
        desk: 'digital-economy',
        password: 'correct horse battery',
      });
    const [a, b] = [await make('a@example.org'), await make('b@example.org')];
    const register = async (userId: number) => {
      const u = telegramUser(rt, userId);
      await u.press('menu:skills');
      for (const step of ['sector:digital', 'country:FR']) await u.press(step);
      for (const text of ['Paris', 'Kodjo Amouzou', 'Développeur']) await u.say(text);
      for (const step of ['contact:chat', 'consent:yes', 'confirm:yes']) await u.press(step);
      return (await listLeadsOfUser(rt.store, 'telegram', String(userId)))[0]!;
    };
    const first = await register(7001);
    const second = await register(7002);
    expect(first.status).toBe('assigned');
    expect(new Set([first.assignee, second.assignee])).toEqual(new Set([a.id, b.id]));
  });

  it.each([
    ['programme', [], 'lottery', /did not recognise this programme/],
    ['sector', ['investment'], 'zzz', /did not recognise this sector/],
    ['country', ['investment', 'energy'], 'Atlantis', /do not recognise this country/],
    ['city', ['investment', 'energy', 'Canada'], '12345', /city name does not look valid/],
    ['full name', ['investment', 'energy', 'Canada', 'Ottawa'], 'Kossi', /first and last name/],
    [
      'profession',
      ['investment', 'energy', 'Canada', 'Ottawa', 'Kossi Mensah'],
      '-',
      /profession or skills in a few words/,
    ],
    [
      'amount',
      ['investment', 'energy', 'Canada', 'Ottawa', 'Kossi Mensah', 'Engineer'],
      'a lot',
      /not an amount range/,
    ],
    [
      'contact',
      ['investment', 'energy', 'Canada', 'Ottawa', 'Kossi Mensah', 'Engineer', '10k-50k'],
      'carrier pigeon',
      /Choose how to be contacted/,
    ],
    [
      'email',
      ['investment', 'energy', 'Canada', 'Ottawa', 'Kossi Mensah', 'Engineer', '10k-50k', 'email'],
      'kossi at example',
      /email address does not look valid/,
    ],
    [
      'consent',
      ['investment', 'energy', 'Canada', 'Ottawa', 'Kossi Mensah', 'Engineer', '10k-50k', 'here'],
      'maybe',
      /Answer "yes" to agree/,
    ],
    [
      'confirmation',
      ['investment', 'energy', 'Canada', 'Ottawa', 'Kossi Mensah', 'Engineer', '10k-50k', 'here', 'yes'],
      'hmm',
      /Answer "yes" to send your request/,
    ],
  ])('re-prompts a wrong %s in English and stays on the question', async (_step, answers, wrong, error) => {
    const rt = await testRuntime(env);
    const kossi = telegramUser(rt, 9100, 'en');
    await kossi.say('/start');
    await kossi.say('I want to register my interest');
    for (const answer of answers) await kossi.say(answer);
    const reprompt = await kossi.say(wrong);
    expect(reprompt.text).toMatch(error);
    expect(reprompt.buttons).toContain('Cancel');
    expect(await listLeadsOfUser(rt.store, 'telegram', '9100')).toHaveLength(0);
  });

  it('does not take an old menu button for an answer mid-registration', async () => {
    const rt = await testRuntime(env);
    const kossi = telegramUser(rt, 9101, 'en');
    await kossi.say('/start');
    await kossi.press('menu:invest');
    expect((await kossi.press('menu:updates')).text).toMatch(
      /You are registering your interest[\s\S]*In which sector/,
    );
    expect((await kossi.press('reg:cancel')).text).toMatch(
      /Registration cancelled: I kept none of your answers/,
    );
  });
});
