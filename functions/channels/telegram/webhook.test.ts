import { describe, expect, it } from 'vitest';
import { postTelegram, telegramChoice, telegramText } from '../../../test/helpers/requests.js';
import { testRuntime } from '../../../test/helpers/runtime.js';
import { secretsEqual } from './webhook.js';

describe('Telegram webhook', () => {
  it('acknowledges an update with 200 and replies with the menu as buttons', async () => {
    const rt = await testRuntime();
    const res = await postTelegram(rt.app, telegramText(501, '/start'));
    expect(res.status).toBe(200);
    const [reply] = await rt.outbox();
    expect(reply).toMatchObject({ channel: 'telegram', to: '501' });
    expect(reply!.buttons).toContain('Poser une question');
  });

  it.each([
    ['a wrong secret', 'nope'],
    ['an empty secret', ''],
  ])('refuses %s with 401', async (_name, secret) => {
    const rt = await testRuntime();
    const res = await postTelegram(rt.app, telegramText(502, 'hello'), secret);
    expect(res.status).toBe(401);
    expect(await rt.outbox()).toHaveLength(0);
  });

  it('refuses a missing secret header with 401', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request('/webhooks/telegram', {
      method: 'POST',
      body: JSON.stringify(telegramText(1, 'x')),
    });
    expect(res.status).toBe(401);
  });

  it.each([
    ['malformed JSON', '{"update_id": 1, "message": '],
    ['JSON that is not an update', '{"hello": "world"}'],
    ['a message without chat', '{"update_id": 5, "message": {"message_id": 1, "text": "hi"}}'],
    ['an array', '[1,2,3]'],
    ['a negative update id', '{"update_id": -1}'],
  ])('answers 400 to %s', async (_name, body) => {
    const rt = await testRuntime();
    const res = await postTelegram(rt.app, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toHaveProperty('error');
  });

  it('ignores update kinds the bot does not handle, with 200', async () => {
    const rt = await testRuntime();
    const res = await postTelegram(rt.app, {
      update_id: 77,
      edited_message: { message_id: 1, date: 0, chat: { id: 1 } },
    });
    expect(res.status).toBe(200);
    expect(await rt.outbox()).toHaveLength(0);
  });

  it('answers a redelivered update_id once', async () => {
    const rt = await testRuntime();
    const update = telegramText(503, 'bonjour');
    const statuses = await Promise.all(
      [1, 2, 3, 4, 5].map(() => Promise.resolve(postTelegram(rt.app, update)).then((r) => r.status)),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await rt.outbox()).toHaveLength(1);
  });

  it('replies in English to an English speaker, and switches with /lang', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramText(504, 'hello', 'en'));
    await postTelegram(rt.app, telegramText(504, '/lang fr', 'en'));
    await postTelegram(rt.app, telegramChoice(504, 'menu:help'));
    const texts = (await rt.outbox()).map((m) => m.text);
    expect(texts[0]).toMatch(/Hello and welcome/);
    expect(texts[1]).toMatch(/je vous réponds désormais en français/);
    expect(texts[2]).toMatch(/Écrivez votre question/);
  });

  it('says a photo is not understood yet', async () => {
    const rt = await testRuntime();
    const update = telegramText(505, '');
    const { text: _text, ...message } = update.message;
    await postTelegram(rt.app, {
      ...update,
      message: { ...message, photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }] },
    });
    const [reply] = await rt.outbox();
    expect(reply!.text).toMatch(/messages texte/);
  });
});

describe('secretsEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['', 'abc', false],
    [undefined, 'abc', false],
    ['abcd', 'abc', false],
  ])('compares %j with %j', (given, expected, result) => {
    expect(secretsEqual(given, expected)).toBe(result);
  });
});
