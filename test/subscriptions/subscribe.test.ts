import { describe, expect, it } from 'vitest';
import {
  countSubscribersBySource,
  getSubscriptions,
  listTopicSubscribers,
} from '../../functions/features/subscriptions/repository.js';
import { getContact } from '../../functions/store/contacts.js';
import {
  postTelegram,
  postWhatsApp,
  telegramChoice,
  telegramText,
  whatsappText,
} from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

async function lastReply(rt: Rt) {
  const outbox = await rt.outbox();
  return outbox[outbox.length - 1]!;
}

async function subscribers(rt: Rt, topic: string) {
  await rt.queue.idle();
  const { subscribers } = await listTopicSubscribers(rt.store, topic);
  return subscribers.map((s) => `${s.channel}:${s.userId}`).sort();
}

describe('subscriptions on Telegram', { timeout: 60_000 }, () => {
  it('/abonner shows a keyboard of topics; ticking subscribes, ticking again unsubscribes', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramText(701, '/abonner'));
    const keyboard = await lastReply(rt);
    expect(keyboard.buttons).toEqual([
      '⬜ Opportunités d’investissement',
      '⬜ Compétences et formations',
      '⬜ Événements',
      '⬜ Actualités consulaires et pratiques',
      'Menu',
    ]);

    await postTelegram(rt.app, telegramChoice(701, 'sub:toggle:events'));
    const ticked = await lastReply(rt);
    expect(ticked.text).toContain('vous êtes abonné(e) à « Événements »');
    expect(ticked.text).toContain('STOP');
    expect(ticked.buttons).toContain('✅ Événements');
    expect(await subscribers(rt, 'events')).toEqual(['telegram:701']);
    const contact = await getContact(rt.store, 'telegram', '701');
    expect(contact?.consent.updatesAt).toBeDefined();

    await postTelegram(rt.app, telegramChoice(701, 'sub:toggle:events'));
    expect((await lastReply(rt)).text).toContain('n’êtes plus abonné(e) à « Événements »');
    expect(await subscribers(rt, 'events')).toEqual([]);
    expect((await getContact(rt.store, 'telegram', '701'))?.consent.updatesAt).toBeUndefined();
  });

  it('answers in English to /subscribe and lists the subscriptions on request', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramText(702, '/subscribe', 'en'));
    expect((await lastReply(rt)).buttons).toContain('⬜ Investment opportunities');
    await postTelegram(rt.app, telegramChoice(702, 'sub:toggle:invest'));
    await postTelegram(rt.app, telegramChoice(702, 'sub:toggle:consular'));
    await postTelegram(rt.app, telegramText(702, 'my subscriptions', 'en'));
    const list = await lastReply(rt);
    expect(list.text).toBe('Your subscriptions:\n• Investment opportunities\n• Consular and practical news');
    const profile = await getSubscriptions(rt.store, 'telegram', '702');
    expect(profile).toMatchObject({ lang: 'en', topics: ['invest', 'consular'] });
  });

  it('/desabonner offers to leave; "Tout arrêter" ends everything', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramChoice(703, 'menu:updates'));
    await postTelegram(rt.app, telegramChoice(703, 'sub:toggle:skills'));
    await postTelegram(rt.app, telegramText(703, '/desabonner'));
    const leave = await lastReply(rt);
    expect(leave.text).toContain('pour vous désabonner');
    expect(leave.buttons).toContain('Tout arrêter');
    await postTelegram(rt.app, telegramChoice(703, 'sub:stop'));
    expect((await lastReply(rt)).text).toContain('tous vos abonnements sont arrêtés');
    expect(await subscribers(rt, 'skills')).toEqual([]);
  });

  it('a button for a topic that no longer exists re-shows the keyboard and changes nothing', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramChoice(704, 'sub:toggle:nope'));
    const answer = await lastReply(rt);
    expect(answer.text).toContain('Ce sujet n’existe plus');
    expect(await getSubscriptions(rt.store, 'telegram', '704')).toBeUndefined();
  });
});

describe('subscriptions on WhatsApp', () => {
  const from = 'whatsapp:+33612345678';

  it('the menu entry and numbered choices subscribe; STOP ends every subscription and is confirmed', async () => {
    const rt = await testRuntime();
    await postWhatsApp(rt.app, whatsappText(from, 'bonjour'));
    await postWhatsApp(rt.app, whatsappText(from, '4')); // "Recevoir les actualités"
    const keyboard = await lastReply(rt);
    expect(keyboard.text).toContain('1. ⬜ Opportunités d’investissement');
    await postWhatsApp(rt.app, whatsappText(from, '1'));
    await postWhatsApp(rt.app, whatsappText(from, '3'));
    const after = await lastReply(rt);
    expect(after.text).toContain('1. ✅ Opportunités d’investissement');
    expect(after.text).toContain('3. ✅ Événements');
    expect(await subscribers(rt, 'invest')).toEqual([`whatsapp:${from}`]);
    expect(await subscribers(rt, 'events')).toEqual([`whatsapp:${from}`]);

    await postWhatsApp(rt.app, whatsappText(from, 'mes abonnements'));
    expect((await lastReply(rt)).text).toContain('• Événements');

    await postWhatsApp(rt.app, whatsappText(from, 'ARRÊT'));
    expect((await lastReply(rt)).text).toContain('tous vos abonnements sont arrêtés');
    expect(await subscribers(rt, 'invest')).toEqual([]);
    expect(await subscribers(rt, 'events')).toEqual([]);
    expect(await getSubscriptions(rt.store, 'whatsapp', from)).toMatchObject({
      topics: [],
      endedReason: 'stop',
    });
  });

  it.each(['STOP', 'stop', 'Arret', 'UNSUBSCRIBE'])('"%s" ends every subscription', async (word) => {
    const rt = await testRuntime();
    await postWhatsApp(rt.app, whatsappText(from, 'abonner'));
    await postWhatsApp(rt.app, whatsappText(from, '2'));
    expect(await subscribers(rt, 'skills')).toHaveLength(1);
    await postWhatsApp(rt.app, whatsappText(from, word));
    expect(await subscribers(rt, 'skills')).toEqual([]);
    expect((await lastReply(rt)).text).toMatch(/arrêtés|have ended/);
  });

  it('STOP without subscriptions says so instead of pretending', async () => {
    const rt = await testRuntime();
    await postWhatsApp(rt.app, whatsappText(from, 'STOP'));
    expect((await lastReply(rt)).text).toContain('n’étiez abonné(e) à aucun sujet');
  });
});

describe('deep links', () => {
  it('records the first source, greets with the menu, and counts subscribers by source', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramText(801, '/start kpalime_2026'));
    const greeting = await lastReply(rt);
    expect(greeting.text).toContain('bienvenue');
    expect(greeting.buttons).toContain('Recevoir les actualités');
    await postTelegram(rt.app, telegramChoice(801, 'sub:toggle:events'));
    // A later link does not steal the attribution.
    await postTelegram(rt.app, telegramText(801, '/start other_post'));
    await postTelegram(rt.app, telegramText(802, '/start kpalime_2026'));
    await postTelegram(rt.app, telegramText(803, '/start ministry-post'));
    await postTelegram(rt.app, telegramChoice(803, 'sub:toggle:invest'));
    await postTelegram(rt.app, telegramChoice(804, 'sub:toggle:invest'));
    await rt.outbox();

    expect((await getSubscriptions(rt.store, 'telegram', '801'))?.source).toBe('kpalime_2026');
    expect(await countSubscribersBySource(rt.store)).toEqual([
      { source: '(none)', contacts: 1, subscribers: 1 },
      { source: 'kpalime_2026', contacts: 2, subscribers: 1 },
      { source: 'ministry-post', contacts: 1, subscribers: 1 },
    ]);
  });

  it.each(['/start <b>x</b>', `/start ${'a'.repeat(65)}`, '/start a b'])(
    'ignores an invalid payload %j safely: a normal greeting, nothing recorded',
    async (text) => {
      const rt = await testRuntime();
      const res = await postTelegram(rt.app, telegramText(805, text));
      expect(res.status).toBe(200);
      expect((await lastReply(rt)).buttons?.length).toBeGreaterThanOrEqual(6);
      expect(await getSubscriptions(rt.store, 'telegram', '805')).toBeUndefined();
    },
  );
});
