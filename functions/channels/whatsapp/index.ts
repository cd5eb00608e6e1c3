import type { ChannelAdapter } from '../../core/channel.js';
import { CHANNEL_LIMITS } from '../../core/text-cut.js';
import { whatsappBroadcast } from './broadcast.js';
import { fetchWhatsAppMedia } from './media.js';
import { renderWhatsApp } from './render.js';
import { createWhatsAppSender } from './sender.js';

/** Room kept for the numbered options the renderer appends to the text. */
const OPTIONS_ROOM = 360;

/** WhatsApp through Twilio: numbered lists, the 24-hour free-text window, content templates. */
export const whatsapp: ChannelAdapter = {
  id: 'whatsapp',
  displayName: 'WhatsApp',
  limits: {
    maxText: CHANNEL_LIMITS.whatsapp,
    answerRoom: CHANNEL_LIMITS.whatsapp - OPTIONS_ROOM,
    // About one phone screen of WhatsApp text; the rest comes with "Lire la suite".
    screenful: 700,
  },
  capabilities: {
    buttons: false,
    templates: true,
    // Twilio error 63016: free text outside the window.
    freeTextWindow: { ms: 24 * 3600 * 1000, error: '63016' },
    deepLinks: false,
    groups: false,
  },
  isGroupAddress: () => false,
  phoneNumber: (address) => /^whatsapp:(\+\d{6,15})$/.exec(address)?.[1],
  preview: (reply) => ({ text: renderWhatsApp(reply) }),
  createSender: (config) =>
    config.TWILIO_ACCOUNT_SID && config.TWILIO_WHATSAPP_FROM
      ? createWhatsAppSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_WHATSAPP_FROM,
          apiBaseUrl: config.TWILIO_API_BASE_URL,
        })
      : undefined,
  broadcast: whatsappBroadcast,
  fetchMedia: fetchWhatsAppMedia,
};
