import { type BroadcastingOptions, createBroadcasting } from '../../functions/app/broadcasting.js';
import { loadConfig } from '../../functions/core/config.js';
import { silentLogger } from '../../functions/core/logger.js';
import type { Store } from '../../functions/store/client.js';
import type { FakeTelegram } from '../fakes/telegram-api.js';
import type { FakeTwilio } from '../fakes/twilio-api.js';

export const TWILIO = { accountSid: 'ACtest00000000000000000000000000', authToken: 'test-twilio-auth-token' };
export const SUPERVISOR = { id: 'officer-sup', role: 'supervisor' };
export const TEMPLATE_SID = `HX${'a'.repeat(32)}`;

/** Broadcasting wired to the loopback fakes through the real grammY and twilio clients. */
export function broadcastingFor(
  store: Store,
  fakes: { telegram: FakeTelegram; twilio: FakeTwilio },
  options: Partial<BroadcastingOptions> = {},
) {
  const config = loadConfig({
    APP_ENV: 'local',
    TABLE_NAME: store.tableName,
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: '123456:TEST',
    TELEGRAM_API_ROOT: fakes.telegram.apiRoot,
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_WHATSAPP_FROM: 'whatsapp:+10000000000',
    TWILIO_API_BASE_URL: fakes.twilio.baseUrl,
    BROADCAST_TELEGRAM_RATE: '200',
  });
  return createBroadcasting({ config, store, logger: silentLogger, ...options });
}

/** How many messages each Telegram chat received. */
export function receivedPerChat(telegram: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of telegram.sent()) {
    const chat = String(call.params.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}
