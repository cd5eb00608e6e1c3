import { describe, expect, it } from 'vitest';
import { deliverNotice } from '../../functions/features/leads/notify.js';
import {
  changeStatus,
  claimLead,
  handBack,
  listLeadsOfUser,
  openConversation,
} from '../../functions/features/leads/repository.js';
import { listMessages } from '../../functions/store/messages.js';
import { testRuntime } from '../helpers/runtime.js';
import { received, telegramUser, whatsappUser } from './chat.js';

const ABROAD_DESK = '-1003';
const env = {
  DESK_TELEGRAM_CHAT_IDS: `investment-promotion=-1001,digital-economy=-1002,togolese-abroad=${ABROAD_DESK}`,
  RATE_LIMIT_PER_MINUTE: '0',
};
const FROM = 'whatsapp:+33600000201';

describe('talking to an officer', { timeout: 90_000 }, () => {
  it('creates a handoff lead carrying the conversation, silences the bot while held, and hands back', async () => {
    const rt = await testRuntime(env);
    const say = whatsappUser(rt, FROM);
    const desk = received(rt, ABROAD_DESK);
    await say('bonjour');
    const offer = await say('je veux parler à un agent');
    expect(offer).toMatch(/loi n° 2019-014[\s\S]*Voulez-vous être mis\(e\) en relation/);
    const done = await say('1');
    const ref = /TG-\d{4}-\d{5}/.exec(done)?.[0];
    expect(done).toMatch(/C’est transmis[\s\S]*Togolais de l’extérieur/);

    const [lead] = await listLeadsOfUser(rt.store, 'whatsapp', FROM);
    expect(lead).toMatchObject({ reference: ref, kind: 'handoff', desk: 'togolese-abroad', status: 'new' });
    expect(lead?.transcript?.map((m) => m.text)).toEqual(
      expect.arrayContaining(['bonjour', 'je veux parler à un agent']),
    );
    const notice = await desk();
    expect(notice[0]?.text).toMatch(/Demande de contact avec un agent[\s\S]*» je veux parler à un agent/);

    // A second request while the first is open does not create another lead.
    expect(await say('menu')).toMatch(/Parler à un agent/);
    expect(await say('5')).toMatch(new RegExp(`${ref} est déjà entre les mains d’un agent`));
    expect(await listLeadsOfUser(rt.store, 'whatsapp', FROM)).toHaveLength(1);

    await claimLead(rt.store, ref!, 'officer-1');
    await openConversation(rt.store, ref!, 'officer-1');
    expect(await say('Allô, vous êtes là ?')).toBe('');
    expect(await say('menu')).toBe('');
    const log = await listMessages(rt.store, 'whatsapp', FROM);
    expect(log.map((m) => m.text)).toEqual(expect.arrayContaining(['Allô, vous êtes là ?', 'menu']));

    const { notice: back } = await handBack(rt.store, ref!, 'officer-1');
    await deliverNotice({ store: rt.store, senders: rt.senders }, back!);
    expect(await say('bonjour')).toMatch(/L’agent a terminé l’échange[\s\S]*Que souhaitez-vous faire/);
  });

  it('answers again when the officer closes the lead while holding the chat', async () => {
    const rt = await testRuntime(env);
    const ama = telegramUser(rt, 8001);
    await ama.press('menu:officer');
    const ref = /TG-\d{4}-\d{5}/.exec((await ama.press('handoff:yes')).text)![0];
    await claimLead(rt.store, ref, 'officer-1');
    await openConversation(rt.store, ref, 'officer-1');
    expect((await ama.say('bonjour ?')).text).toBe('');
    await changeStatus(rt.store, ref, { to: 'contacted', actor: 'officer-1' });
    const { notice } = await changeStatus(rt.store, ref, {
      to: 'closed',
      outcome: 'no_response',
      actor: 'officer-1',
    });
    await deliverNotice({ store: rt.store, senders: rt.senders }, notice!);
    expect((await ama.say('bonjour')).text).toMatch(
      /L’agent a terminé l’échange[\s\S]*Que souhaitez-vous faire/,
    );
  });

  it('reaches an officer from the middle of a registration, and declining changes nothing', async () => {
    const rt = await testRuntime(env);
    const ama = telegramUser(rt, 8002);
    await ama.press('menu:invest');
    expect((await ama.press('menu:officer')).text).toMatch(/Voulez-vous être mis\(e\) en relation/);
    expect((await ama.say('non')).text).toMatch(/Que puis-je faire d’autre/);
    expect(await listLeadsOfUser(rt.store, 'telegram', '8002')).toHaveLength(0);
  });
});
