import { z } from 'zod';
import type { ConsoleDeps } from '../../../console/env.js';
import type { ChannelSender } from '../../../core/types.js';
import file from './whatsapp-templates.json' with { type: 'json' };

const templateSchema = z.object({
  name: z.string().min(1),
  label: z.string().min(1),
  /** Twilio ContentSid; empty until Meta approves the template. */
  contentSid: z.string(),
  variables: z.array(
    z.object({ key: z.string().min(1), label: z.string().min(1), from: z.enum(['reference', 'name']) }),
  ),
  /** The approved text, for the officer's preview and the local outbox. */
  preview: z.string().min(1),
});
export type WhatsAppTemplate = z.infer<typeof templateSchema>;

export const DEFAULT_TEMPLATES: WhatsAppTemplate[] = z
  .object({ templates: z.array(templateSchema) })
  .parse(file).templates;

const REAL_SID = /^HX[0-9a-f]{32}$/i;

/** A Twilio-backed sender exposes its lazily built client (see channels/whatsapp/sender.ts). */
type TwilioBacked = ChannelSender & {
  client(): Promise<{ messages: { create(params: Record<string, unknown>): Promise<unknown> } }>;
};
const isTwilioBacked = (sender: ChannelSender): sender is TwilioBacked =>
  typeof (sender as Partial<TwilioBacked>).client === 'function';

/**
 * Templates that can really be sent: with Twilio, only those with a real ContentSid (an empty one
 * would be a send that fails); the local outbox renders any of them.
 */
export function usableTemplates(templates: WhatsAppTemplate[], sender: ChannelSender): WhatsAppTemplate[] {
  return isTwilioBacked(sender) ? templates.filter((t) => REAL_SID.test(t.contentSid)) : templates;
}

export function templateVariables(
  template: WhatsAppTemplate,
  lead: { ref: string; name?: string | undefined },
): Record<string, string> {
  return Object.fromEntries(
    template.variables.map((v) => [v.key, v.from === 'reference' ? lead.ref : (lead.name ?? '')]),
  );
}

export function renderTemplate(template: WhatsAppTemplate, variables: Record<string, string>): string {
  return template.preview.replace(/\{\{(\w+)\}\}/g, (_, key: string) => variables[key] ?? '');
}

/** Sends an approved template: Twilio's Content API when configured, else the outbox's rendering. */
export async function sendTemplate(
  sender: ChannelSender,
  from: string | undefined,
  address: string,
  template: WhatsAppTemplate,
  variables: Record<string, string>,
): Promise<string> {
  const text = renderTemplate(template, variables);
  if (isTwilioBacked(sender)) {
    const twilio = await sender.client();
    await twilio.messages.create({
      from,
      to: address,
      contentSid: template.contentSid,
      contentVariables: JSON.stringify(variables),
    });
  } else {
    await sender.send(address, { text });
  }
  return text;
}

/** What the lead pages need beyond the shell's deps: the approved WhatsApp templates. */
export interface LeadsConsoleDeps extends ConsoleDeps {
  /** Defaults to `whatsapp-templates.json`. */
  templates?: WhatsAppTemplate[] | undefined;
}
