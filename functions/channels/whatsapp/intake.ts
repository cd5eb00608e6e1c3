import type { ChannelIntake } from '../../core/channel.js';
import { WHATSAPP_WEBHOOK_PATH, whatsappWebhook } from './webhook.js';

/** Twilio's WhatsApp webhook (signed form posts). */
export const whatsappIntake: ChannelIntake = {
  id: 'whatsapp',
  path: WHATSAPP_WEBHOOK_PATH,
  webhook: ({ config, queue, now }) =>
    whatsappWebhook({
      authToken: config.TWILIO_AUTH_TOKEN,
      publicUrl: config.PUBLIC_URL,
      queue,
      now,
    }),
};
