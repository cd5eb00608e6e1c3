import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../functions/core/logger.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

/**
 * The whole log of a conversation on both channels, at debug level, including a redelivery and a
 * person who blocked the bot (so the warning and dead-letter paths log too), holds none of what
 * people wrote, none of their names, numbers or ids.
 */
describe('no personal data in logs', () => {
  let telegram: FakeTelegram;
  const BLOCKED = '876543219';
  beforeAll(async () => {
    telegram = await startFakeTelegram({ blocked: new Set([BLOCKED]) });
  });
  afterAll(() => telegram.close());

  it('logs a conversation without a phone number, a name, an id or a message text', async () => {
    const lines: string[] = [];
    const rt = await testRuntime(
      { TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_API_ROOT: telegram.apiRoot },
      {
        logger: createLogger('debug', (line) => lines.push(line)),
        queue: { baseDelayMs: 10, maxDelayMs: 20, maxReceives: 3 },
      },
    );
    const phone = 'whatsapp:+22890123456';
    const said = [
      'Bonjour, je suis Kossi Agbeko',
      'Comment renouveler mon passeport à Lomé ?',
      'english',
      'How do I register a company in Kara?',
    ];
    for (const text of said)
      await postWhatsApp(rt.app, whatsappText(phone, text, { ProfileName: 'Kossi Agbeko' }));

    const tgUser = 987654321;
    const first = telegramText(tgUser, 'Je m’appelle Abla Dzifa, mon numéro est +33 6 12 34 56 78');
    await postTelegram(rt.app, first);
    await rt.queue.idle();
    await postTelegram(rt.app, first); // redelivered: the duplicate is logged at debug level
    await postTelegram(rt.app, telegramText(Number(BLOCKED), 'Mon email est abla.dzifa@example.org'));
    await rt.outbox();

    expect(telegram.sent().length).toBeGreaterThan(0);
    expect(rt.queue.deadLetters).toHaveLength(1);
    const log = lines.join('\n');
    expect(lines.some((l) => l.includes('duplicate inbound ignored'))).toBe(true);
    expect(lines.some((l) => l.includes('dead-letter'))).toBe(true);
    const forbidden = [
      '22890123456',
      '90123456',
      '612345678',
      '6 12 34 56 78',
      String(tgUser),
      BLOCKED,
      'Kossi',
      'Agbeko',
      'Abla',
      'Dzifa',
      'abla.dzifa',
      'passeport',
      'Lomé',
      'Kara',
      'register a company',
    ];
    for (const needle of forbidden) expect(log, `log contains "${needle}"`).not.toContain(needle);
  }, 30_000);
});
