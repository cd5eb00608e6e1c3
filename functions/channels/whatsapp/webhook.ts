import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { InboundQueue } from '../../core/queue.js';
import { normalizeWhatsApp, twilioInboundSchema } from './inbound.js';

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export interface WhatsAppWebhookDeps {
  authToken: string;
  /** The public URL Twilio calls, as configured: the signature covers it, never a URL rebuilt from the request. */
  publicUrl: string;
  queue: InboundQueue;
  now?: () => number;
}

function readForm(raw: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const existing = form[key];
    if (existing === undefined) form[key] = value;
    else form[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

/** Twilio's WhatsApp webhook: verify, validate, queue, and acknowledge with empty TwiML. */
export function whatsappWebhook(deps: WhatsAppWebhookDeps) {
  const url = deps.publicUrl.replace(/\/+$/, '') + WHATSAPP_WEBHOOK_PATH;
  const now = deps.now ?? Date.now;
  return new Hono().post('/', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new HTTPException(400, {
        message: 'Expected a form body (application/x-www-form-urlencoded), as Twilio sends.',
      });
    }
    const form = readForm(await c.req.text());
    const signature = c.req.header('x-twilio-signature');
    if (!signature) throw new HTTPException(403, { message: 'Missing X-Twilio-Signature.' });
    if (!validateRequest(deps.authToken, signature, url, form)) {
      throw new HTTPException(403, { message: 'Invalid X-Twilio-Signature.' });
    }
    const parsed = twilioInboundSchema.safeParse(form);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
      throw new HTTPException(400, {
        message: `Missing or invalid field(s): ${fields}. From and MessageSid are required, once each.`,
      });
    }
    await deps.queue.enqueue(normalizeWhatsApp(parsed.data, now()));
    return c.body(EMPTY_TWIML, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  });
}
