import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Officer } from '../../../console/officers/repository.js';
import { senderFor } from '../../../core/channel.js';
import { AppError } from '../../../core/errors.js';
import { getContact } from '../../../store/contacts.js';
import { isConditionFailure, storeCall } from '../../../store/dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from '../../../store/keys.js';
import { type LoggedMessage, listMessages, messageItem } from '../../../store/messages.js';
import { withCheckCode } from '../../official/check-codes.js';
import { AUDIT_ACTION, auditPut } from '../audit.js';
import { touchHold } from '../hold-activity.js';
import { type Lead, openConversation } from '../repository.js';
import { leadTexts } from '../texts.js';
import {
  type LeadsConsoleDeps,
  sendTemplate,
  templateVariables,
  usableTemplates,
  type WhatsAppTemplate,
} from './templates.js';

export class ReplyError extends AppError {}
/** Free text refused: the WhatsApp window is closed (the console offers templates instead). */
export class WindowClosedError extends ReplyError {}
/** The citizen can no longer be reached (data erased) or the template is not approved. */
export class ReplyNotPossibleError extends ReplyError {}
/** The channel refused the message; nothing was sent and the officer may retry. */
export class ReplySendError extends ReplyError {}

/** When the citizen last wrote: the newest inbound in the log, else the contact's last visit. */
export async function lastInboundMs(
  deps: LeadsConsoleDeps,
  lead: Lead,
  log?: LoggedMessage[],
): Promise<number | undefined> {
  if (!lead.userId) return undefined;
  const messages = log ?? (await listMessages(deps.store, lead.channel, lead.userId));
  const lastIn = messages.filter((m) => m.direction === 'in').at(-1);
  if (lastIn) return Date.parse(lastIn.at);
  const contact = await getContact(deps.store, lead.channel, lead.userId);
  return contact ? Date.parse(contact.lastSeenAt) : undefined;
}

export interface ReplyOptions {
  /** Free text is allowed (Telegram always; WhatsApp inside the 24-hour window). */
  freeText: boolean;
  /** Approved templates that can really be sent (WhatsApp outside the window). */
  templates: WhatsAppTemplate[];
  lastInboundAt?: string | undefined;
}

export async function replyOptions(
  deps: LeadsConsoleDeps,
  lead: Lead,
  log?: LoggedMessage[],
): Promise<ReplyOptions> {
  if (!lead.userId || !lead.address) return { freeText: false, templates: [] };
  // Free text only within the channel's window after the citizen's last message (WhatsApp: 24 h).
  const window = deps.channels.get(lead.channel).capabilities.freeTextWindow;
  if (!window) return { freeText: true, templates: [] };
  const last = await lastInboundMs(deps, lead, log);
  const now = (deps.now ?? Date.now)();
  const freeText = last !== undefined && now - last < window.ms;
  return {
    freeText,
    templates: freeText ? [] : usableTemplates(deps.templates ?? [], senderFor(deps.senders, lead.channel)),
    lastInboundAt: last === undefined ? undefined : new Date(last).toISOString(),
  };
}

export type ReplyContent = { kind: 'text'; text: string } | { kind: 'template'; name: string };

/**
 * Sends an officer's message to the citizen through the bot, exactly once per idempotency key
 * (the form carries one, so a double submit or a retried request never sends twice):
 * claim the key with a conditional write, send, then log the message and the audit entry.
 * A failed send releases the key so the officer can retry; nothing was delivered.
 */
export async function replyToCitizen(
  deps: LeadsConsoleDeps,
  officer: Officer,
  lead: Lead,
  idempotencyKey: string,
  content: ReplyContent,
): Promise<'sent' | 'duplicate'> {
  const options = await replyOptions(deps, lead);
  const { userId, address } = lead;
  if (!userId || !address) throw new ReplyNotPossibleError('the citizen can no longer be reached');
  if (content.kind === 'text' && !options.freeText)
    throw new WindowClosedError('WhatsApp 24-hour window closed');
  const template =
    content.kind === 'template' ? options.templates.find((t) => t.name === content.name) : undefined;
  if (content.kind === 'template' && !template) throw new ReplyNotPossibleError('no such approved template');

  const nowMs = (deps.now ?? Date.now)();
  const key = keys.consoleReply(idempotencyKey);
  try {
    await storeCall('claimReply', () =>
      deps.store.doc.send(
        new PutCommand({
          TableName: deps.store.tableName,
          Item: {
            ...key,
            type: 'consoleReply',
            status: 'sending',
            reference: lead.reference,
            officerId: officer.id,
            expiresAtSec: nowSec(nowMs) + 7 * DAY_SEC,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailure(error)) return 'duplicate';
    throw error;
  }

  let text: string;
  try {
    const sender = senderFor(deps.senders, lead.channel);
    if (template) {
      text = await sendTemplate(
        sender,
        deps.config.TWILIO_WHATSAPP_FROM,
        address,
        template,
        templateVariables(template, { ref: lead.reference, name: lead.fullName }),
      );
    } else {
      // Officers' free text carries a check code the citizen can verify ("vérifier K7F3-Q2MA").
      text = await withCheckCode(deps, { ...lead, text: (content as { text: string }).text, nowMs });
      await sender.send(address, { text });
    }
  } catch (error) {
    await deps.store.doc
      .send(new DeleteCommand({ TableName: deps.store.tableName, Key: key }))
      .catch(() => undefined);
    deps.logger.warn('console reply not sent', { reference: lead.reference, error });
    throw new ReplySendError('the channel refused the message', { cause: error });
  }

  const at = new Date(nowMs).toISOString();
  await storeCall('logReply', () =>
    deps.store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: deps.store.tableName,
              Key: key,
              UpdateExpression: 'SET #status = :sent, sentAt = :at',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':sent': 'sent', ':at': at },
            },
          },
          {
            Put: {
              TableName: deps.store.tableName,
              Item: messageItem(lead.channel, userId, nowMs, `console-${idempotencyKey}`, {
                direction: 'out',
                text,
                at,
                by: officer.id,
              }),
            },
          },
          auditPut(deps.store, {
            ref: lead.reference,
            at,
            actor: officer.id,
            action: AUDIT_ACTION.replied,
            detail: { channel: lead.channel, ...(template ? { template: template.name } : {}) },
          }),
        ],
      }),
    ),
  );

  // The officer is talking: the bot steps back until the conversation is handed back (or the
  // hold runs out), and the person is told; an officer's reply keeps the hold alive.
  if (lead.status !== 'closed' && !lead.conversationOpen) {
    const opened = await openConversation(deps.store, lead.reference, officer.id, nowMs).then(
      () => true,
      (error) => {
        deps.logger.warn('conversation not opened after reply', { reference: lead.reference, error });
        return false;
      },
    );
    if (opened && options.freeText) {
      await senderFor(deps.senders, lead.channel)
        .send(address, { text: leadTexts(lead.lang).officerJoined })
        .catch((error) => deps.logger.warn('officer-joined notice not sent', { error }));
    }
  } else if (lead.conversationOpen) {
    await touchHold(deps.store, lead.channel, userId, lead.reference, nowMs);
  }
  return 'sent';
}
