import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContact } from '../../functions/store/contacts.js';
import { listMessages } from '../../functions/store/messages.js';
import { postTelegram, telegramText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

// Finding 10 of the hostile-input issue: group messages landed in the sender's personal log, and the
// contact's address followed whichever chat wrote last.
let rt: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(async () => {
  await rt.queue.idle();
});

const inGroup = (userId: number, text: string) => {
  const update = telegramText(userId, text);
  return {
    ...update,
    message: { ...update.message, chat: { id: -100777, type: 'supergroup', title: 'Desk' } },
  };
};

describe('Telegram group chats', () => {
  it('keep a group message out of the sender’s log, and their private address as it was', async () => {
    expect((await postTelegram(rt.app, telegramText(4242, 'bonjour'))).status).toBe(200);
    await rt.queue.idle();
    expect((await getContact(rt.store, 'telegram', '4242'))?.address).toBe('4242');

    await postTelegram(rt.app, inGroup(4242, 'mon numéro perso est le +33 6 12 34 56 78'));
    await rt.queue.idle();

    const contact = await getContact(rt.store, 'telegram', '4242');
    expect(contact?.address).toBe('4242');
    const log = JSON.stringify(await listMessages(rt.store, 'telegram', '4242'));
    expect(log).toContain('bonjour');
    expect(log).not.toContain('+33 6 12 34 56 78');
  });

  it('record nothing of someone only ever seen in a group', async () => {
    await postTelegram(rt.app, inGroup(5151, 'je passe juste'));
    await rt.queue.idle();
    expect(await getContact(rt.store, 'telegram', '5151')).toBeUndefined();
    expect(await listMessages(rt.store, 'telegram', '5151')).toEqual([]);
  });
});
