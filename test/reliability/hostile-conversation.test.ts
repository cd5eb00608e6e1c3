import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS } from '../../functions/core/text-cut.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio-api.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

const TWILIO = { accountSid: 'ACfuzz0000000000000000000000000', authToken: 'test-twilio-auth-token' };

const HOSTILE: [string, string][] = [
  ['emoji only', '🇹🇬🙏🏾😀👨‍👩‍👧‍👦'],
  ['4,000 characters', 'Je voudrais savoir comment investir au Togo. '.repeat(89).slice(0, 4000)],
  ['right-to-left text', 'مرحبا، كيف يمكنني الاستثمار في توغو؟ \u202Eשלום'],
  ['HTML injection', '<b>bonjour</b><script>alert("x")</script><img src=x onerror=alert(1)>'],
  ['Markdown injection', '*gras* _italique_ `code` [clic](https://evil.example/phish) ||spoiler|| ~barré~'],
  ['a link', 'https://evil.example/login?next=%2F&token=abc'],
  ['control characters', 'bon\u0000jour\u0007\u001b[31m rouge'],
  ['zero-width and combining', 'pa\u200Bsse\u0301port\uFEFF'],
  ['only spaces', '     '],
  ['a number out of range', '99'],
];

/** What a polite answer is not: an error dump, a template hole, or nothing. */
const IMPOLITE = /\b(error|erreur|exception|undefined|null|NaN)\b|\[object |\$\{|stack/i;

/**
 * Unexpected input through the real engine, the real grammY and twilio clients and loopback
 * fakes: each message gets a polite answer within the channel's length limit, Telegram messages
 * are sent without any parse_mode (so no markup a user typed is ever interpreted), and nothing
 * the person typed comes back as markup.
 */
describe('hostile conversation input', () => {
  let telegram: FakeTelegram;
  let twilio: FakeTwilio;
  beforeAll(async () => {
    telegram = await startFakeTelegram();
    twilio = await startFakeTwilio(TWILIO);
  });
  afterAll(async () => {
    await telegram.close();
    await twilio.close();
  });

  it('answers each politely, within limits, never with a parse mode', async () => {
    const rt = await testRuntime({
      TELEGRAM_BOT_TOKEN: '123456:TEST',
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
      TWILIO_API_BASE_URL: twilio.baseUrl,
    });
    for (const [i, [, text]] of HOSTILE.entries()) {
      const wa = await postWhatsApp(
        rt.app,
        whatsappText(`whatsapp:+2289100${String(i).padStart(4, '0')}`, text),
      );
      expect(wa.status).toBe(200);
      const tg = await postTelegram(rt.app, telegramText(31_000 + i, text));
      expect(tg.status).toBe(200);
    }
    await rt.queue.idle();
    expect(rt.queue.deadLetters).toHaveLength(0);

    for (const [i, [label]] of HOSTILE.entries()) {
      const tgReplies = telegram.sent().filter((c) => String(c.params.chat_id) === String(31_000 + i));
      expect(tgReplies.length, label).toBeGreaterThan(0);
      for (const call of tgReplies) {
        const text = String(call.params.text);
        expect(call.params.parse_mode, label).toBeUndefined();
        expect(text.length, label).toBeLessThanOrEqual(CHANNEL_LIMITS.telegram);
        expect(text.trim().length, label).toBeGreaterThan(0);
        expect(text, label).not.toMatch(IMPOLITE);
        expect(text, label).not.toContain('<script>');
      }
      const waReplies = twilio.messages.filter(
        (m) => m.params.To === `whatsapp:+2289100${String(i).padStart(4, '0')}`,
      );
      expect(waReplies.length, label).toBeGreaterThan(0);
      for (const m of waReplies) {
        expect(m.params.Body!.length, label).toBeLessThanOrEqual(CHANNEL_LIMITS.whatsapp);
        expect(m.params.Body, label).not.toMatch(IMPOLITE);
        expect(m.params.Body, label).not.toContain('<script>');
      }
    }
    // No Bot API call of any kind asked Telegram to parse markup.
    expect(telegram.calls.every((c) => c.params.parse_mode === undefined)).toBe(true);
  }, 60_000);
});
