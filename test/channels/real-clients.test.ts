import { describe, expect, it } from 'vitest';
import { useChannelFakes } from '../helpers/channel-fakes.js';
import {
  postTelegram,
  postWhatsApp,
  telegramChoice,
  telegramText,
  whatsappText,
} from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

describe('replies through the real grammY and twilio clients, against loopback fakes', () => {
  const fakes = useChannelFakes();
  const { env } = fakes;

  it('sends the Telegram menu with sendMessage and an inline keyboard', async () => {
    const rt = await testRuntime(env());
    await postTelegram(rt.app, telegramText(9001, '/start'));
    await rt.queue.idle();
    const call = fakes.telegram.sent().find((c) => c.params.chat_id === '9001' || c.params.chat_id === 9001);
    expect(call?.params.text).toMatch(/Que souhaitez-vous faire/);
    const markup = call?.params.reply_markup as
      | { inline_keyboard: { callback_data: string }[][] }
      | undefined;
    const keyboard = markup?.inline_keyboard ?? [];
    expect(keyboard.flat().map((b) => b.callback_data)).toContain('menu:ask');
  });

  it('answers a button press and stops its spinner with answerCallbackQuery', async () => {
    const rt = await testRuntime(env());
    await postTelegram(rt.app, telegramText(9002, '/start'));
    const choice = telegramChoice(9002, 'menu:help');
    await postTelegram(rt.app, choice);
    await rt.queue.idle();
    expect(
      fakes.telegram.calls.some(
        (c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === choice.callback_query.id,
      ),
    ).toBe(true);
  });

  it('sends the WhatsApp menu with messages.create, as a numbered list', async () => {
    const rt = await testRuntime(env());
    await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000003', 'bonjour'));
    await rt.queue.idle();
    const call = fakes.twilio.messages.find((m) => m.params.To === 'whatsapp:+33600000003');
    expect(call?.params.From).toBe('whatsapp:+10000000000');
    expect(call?.params.Body).toContain('1. Poser une question');
  });

  it('retries a Telegram 429 after retry_after and a 5xx, and still sends once', async () => {
    const rt = await testRuntime(env());
    fakes.telegram.failNext(1, 429);
    await postTelegram(rt.app, telegramText(9003, 'bonjour'));
    await rt.queue.idle();
    fakes.telegram.failNext(1, 502);
    await postTelegram(rt.app, telegramText(9003, 'menu'));
    await rt.queue.idle();
    expect(fakes.telegram.sent().filter((c) => String(c.params.chat_id) === '9003')).toHaveLength(2);
  });

  it('retries a Twilio 429 and sends once', async () => {
    const rt = await testRuntime(env());
    fakes.twilio.failNext(1, 429);
    await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000004', 'bonjour'));
    await rt.queue.idle();
    expect(fakes.twilio.messages.filter((m) => m.params.To === 'whatsapp:+33600000004')).toHaveLength(1);
  });
});
