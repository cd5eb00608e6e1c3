import { afterAll, beforeAll } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio-api.js';

export const FAKE_TWILIO_CREDENTIALS = {
  accountSid: 'ACtest00000000000000000000000000',
  authToken: 'test-twilio-auth-token',
};

/**
 * Loopback fakes of the Telegram Bot API and Twilio's Messages API for the test file, started once
 * and closed after it; `env()` is the configuration that points the real clients at them.
 */
export function useChannelFakes() {
  const fakes = {} as { telegram: FakeTelegram; twilio: FakeTwilio };
  beforeAll(async () => {
    fakes.telegram = await startFakeTelegram();
    fakes.twilio = await startFakeTwilio(FAKE_TWILIO_CREDENTIALS);
  });
  afterAll(async () => {
    await fakes.telegram.close();
    await fakes.twilio.close();
  });
  return {
    get telegram() {
      return fakes.telegram;
    },
    get twilio() {
      return fakes.twilio;
    },
    env: () => ({
      TELEGRAM_BOT_TOKEN: '123456:TEST',
      TELEGRAM_API_ROOT: fakes.telegram.apiRoot,
      TWILIO_ACCOUNT_SID: FAKE_TWILIO_CREDENTIALS.accountSid,
      TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
      TWILIO_API_BASE_URL: fakes.twilio.baseUrl,
    }),
  };
}
