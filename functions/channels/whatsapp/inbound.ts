import { z } from 'zod';
import type { InboundMessage } from '../../core/types.js';

/** The fields of Twilio's WhatsApp webhook the assistant uses; anything else is ignored. */
export const twilioInboundSchema = z.object({
  From: z.string().min(1).max(256),
  MessageSid: z.string().min(1).max(64),
  Body: z.string().max(8000).optional(),
  NumMedia: z.coerce.number().int().min(0).max(100).optional(),
  MediaUrl0: z.string().max(2048).optional(),
  MediaContentType0: z.string().max(128).optional(),
  ProfileName: z.string().max(256).optional(),
  WaId: z.string().max(64).optional(),
  ButtonPayload: z.string().max(256).optional(),
  Forwarded: z.string().max(8).optional(),
});
export type TwilioInbound = z.infer<typeof twilioInboundSchema>;

export function normalizeWhatsApp(form: TwilioInbound, receivedAtMs: number): InboundMessage {
  const base = {
    channel: 'whatsapp' as const,
    // The address Twilio gives is the channel's own id for this person (a number may be hidden).
    userId: form.From,
    address: form.From,
    externalId: form.MessageSid,
    displayName: form.ProfileName,
    receivedAtMs,
    ...(form.Forwarded === 'true' ? { forwarded: true } : {}),
  };
  if (form.ButtonPayload) return { ...base, kind: 'choice', choice: form.ButtonPayload, text: form.Body };
  if ((form.NumMedia ?? 0) > 0) {
    // A voice note (audio/ogg on WhatsApp): the worker fetches MediaUrl0 and transcribes it.
    const audio = form.MediaContentType0?.toLowerCase().startsWith('audio/') && form.MediaUrl0;
    return {
      ...base,
      kind: 'media',
      text: form.Body,
      ...(audio
        ? { media: { kind: 'audio', url: form.MediaUrl0, contentType: form.MediaContentType0 } }
        : {}),
    };
  }
  return { ...base, kind: 'text', text: form.Body ?? '' };
}
