import type { ChannelBroadcast, SendResult } from '../../core/channel.js';
import { createWhatsAppSender } from './sender.js';

/** Twilio errors: 429 backs off; 63016 is free text outside the 24 h window; 21610 an opted-out number. */
export function classifyTwilioError(error: unknown): SendResult {
  const e = error as { status?: number; code?: number; message?: string };
  if (e.status === 429) return { kind: 'retry', afterMs: 1000, throttled: true, reason: e.message ?? '429' };
  if (e.code === 21610) return { kind: 'blocked', reason: `${e.code} ${e.message ?? ''}`.trim() };
  if (e.status && e.status >= 400 && e.status < 500) {
    return { kind: 'failed', reason: `${e.code ?? e.status} ${e.message ?? ''}`.trim() };
  }
  return { kind: 'retry', afterMs: 1000, throttled: false, reason: e.message ?? String(error) };
}

const attempt = async (call: () => Promise<unknown>): Promise<SendResult> => {
  try {
    await call();
    return { kind: 'sent' };
  } catch (error) {
    return classifyTwilioError(error);
  }
};

/** Broadcasts through Twilio's Messages API: free text, or a content template outside the window. */
export const whatsappBroadcast: ChannelBroadcast = {
  ratePerSecond: (config) => config.BROADCAST_WHATSAPP_RATE,
  createSender(config) {
    if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_WHATSAPP_FROM) return undefined;
    const from = config.TWILIO_WHATSAPP_FROM;
    const twilio = createWhatsAppSender({
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      from,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
    });
    return {
      text: (address, text) =>
        attempt(async () => (await twilio.client()).messages.create({ from, to: address, body: text })),
      template: (address, template) =>
        attempt(async () =>
          (await twilio.client()).messages.create({
            from,
            to: address,
            contentSid: template.contentSid,
            contentVariables: JSON.stringify(template.variables),
          }),
        ),
    };
  },
};
