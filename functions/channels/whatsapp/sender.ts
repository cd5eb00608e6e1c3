import type { ChannelSender, Reply } from '../../core/types.js';
import { renderWhatsApp } from './render.js';

export interface WhatsAppSenderOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Twilio REST root; tests point it at a loopback fake. */
  apiBaseUrl?: string | undefined;
}

type TwilioClient = import('twilio').Twilio;

/**
 * Sends through Twilio's Messages API. The twilio package is large, so it is loaded on the first
 * send, not at cold start: the webhook path never pays for it.
 */
export function createWhatsAppSender(
  options: WhatsAppSenderOptions,
): ChannelSender & { client(): Promise<TwilioClient> } {
  let client: Promise<TwilioClient> | undefined;
  const getClient = () => {
    client ??= import('twilio').then(({ default: twilio }) => {
      // autoRetry: Twilio's own exponential backoff on 429 (Too Many Requests).
      const c = twilio(options.accountSid, options.authToken, { autoRetry: true, maxRetries: 3 });
      if (options.apiBaseUrl) c.api.baseUrl = options.apiBaseUrl;
      return c;
    });
    return client;
  };
  return {
    client: getClient,
    async send(address: string, reply: Reply) {
      const twilio = await getClient();
      await twilio.messages.create({ from: options.from, to: address, body: renderWhatsApp(reply) });
    },
  };
}
