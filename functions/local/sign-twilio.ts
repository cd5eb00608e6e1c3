import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { loadConfig } from '../core/config.js';

/**
 * Prints the X-Twilio-Signature for a form body, so a signed WhatsApp webhook can be posted with curl:
 *   npm run --silent twilio:sign -- 'From=whatsapp:+33600000001&MessageSid=SM1&Body=bonjour'
 */
const body = process.argv[2];
if (!body) {
  process.stderr.write("usage: npm run --silent twilio:sign -- 'From=...&MessageSid=...&Body=...'\n");
  process.exit(2);
}
const config = loadConfig();
const params: Record<string, string> = {};
for (const [key, value] of new URLSearchParams(body)) params[key] = value;
const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/whatsapp`;
process.stdout.write(`${getExpectedTwilioSignature(config.TWILIO_AUTH_TOKEN, url, params)}\n`);
