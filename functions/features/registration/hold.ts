import type { InboundMessage, Reply } from '../../core/types.js';
import type { Turn, TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { auditItem } from '../leads/audit.js';
import { leadKeys } from '../leads/keys.js';
import { DESK_CHANNEL, type OfficerDirectory } from '../leads/officers.js';
import { type ConversationHold, getHold, handBack, holdFromItem } from '../leads/repository.js';
import { DELETE_MY_DATA, ERASURE_FLOW, MY_DATA } from '../privacy/index.js';
import { STOP } from '../subscriptions/chat.js';

export const DEFAULT_HOLD_TIMEOUT_MS = 24 * 3600 * 1000;

/** Audit actions of the rights a citizen used while an officer held the chat (the officer sees them). */
export const HOLD_AUDIT = {
  stop: 'citizen_stop',
  myData: 'citizen_my_data',
  erasure: 'citizen_erasure',
} as const;

/** The data right or STOP this turn asks for, if any: these pass an officer's hold. */
export function rightAsked(turn: Turn): (typeof HOLD_AUDIT)[keyof typeof HOLD_AUDIT] | undefined {
  const { optionId, text } = turn.input;
  // The answer to "really erase?" belongs to the erasure, whatever it says.
  if (turn.state.flow === ERASURE_FLOW) return HOLD_AUDIT.erasure;
  switch (optionId) {
    case 'privacy:delete':
    case 'erase:yes':
    case 'erase:no':
      return HOLD_AUDIT.erasure;
    case 'privacy:my-data':
      return HOLD_AUDIT.myData;
    case 'sub:stop':
      return HOLD_AUDIT.stop;
    case undefined:
      break;
    default:
      return undefined;
  }
  if (STOP.test(text)) return HOLD_AUDIT.stop;
  if (MY_DATA.test(text)) return HOLD_AUDIT.myData;
  if (DELETE_MY_DATA.test(text)) return HOLD_AUDIT.erasure;
  return undefined;
}

/** The engine's `reads` entry: the worker reads the hold with the contact and the state. */
export const holdReads = (message: InboundMessage) => [leadKeys.hold(message.channel, message.userId)];

const lastActivityMs = (hold: ConversationHold) =>
  Math.max(Date.parse(hold.at) || 0, Date.parse(hold.activeAt ?? '') || 0);

/**
 * While an officer holds a person's conversation, the bot says nothing to them: the turn ends with
 * no reply and the state untouched, and the worker still logs the message for the officer. Three
 * exceptions: STOP and the data rights ("mes données", "supprimer mes données" and its
 * confirmation) are always honoured, with an entry in the lead's audit trail so the officer sees
 * it; and a hold with no officer activity for `timeoutMs` ends by itself, the person being told
 * the assistant is back before their message is answered.
 */
export function holdInterceptor(store: Store, timeoutMs = DEFAULT_HOLD_TIMEOUT_MS, alerts?: HoldAlerts) {
  return async (turn: Turn): Promise<TurnResult | undefined> => {
    const { channel, userId } = turn.message;
    const key = leadKeys.hold(channel, userId);
    const hold = turn.reads?.has(key)
      ? holdFromItem(turn.reads.get(key))
      : await getHold(store, channel, userId);
    if (!hold) return undefined;
    if (turn.nowMs - lastActivityMs(hold) >= timeoutMs) {
      const { notice } = await handBack(store, hold.reference, 'bot', turn.nowMs);
      if (notice) turn.notices?.push(notice.reply);
      return undefined;
    }
    const right = rightAsked(turn);
    if (right) {
      // Let the turn go on to the right's own handler; the audit entry rides on the engine's puts.
      turn.notePuts?.push(
        auditItem({
          ref: hold.reference,
          at: new Date(turn.nowMs).toISOString(),
          actor: 'citizen',
          action: right,
        }),
      );
      return undefined;
    }
    const alert = alerts ? await holderAlert(alerts, hold) : undefined;
    // The alert rides with the turn: the worker commits it with the message and sends it once.
    return { replies: alert ? [alert] : [], contact: turn.contact, state: turn.state };
  };
}

/**
 * The Telegram message to the officer who holds the conversation: a citizen wrote. Only to an
 * officer who linked their Telegram account with a code; no personal data, the reference and the
 * console's link.
 */
async function holderAlert(alerts: HoldAlerts, hold: ConversationHold): Promise<Reply | undefined> {
  const officer = await alerts.directory.getOfficer?.(hold.officerId);
  if (!officer?.active || !officer.telegramUserId || !officer.telegramLinkedAt) return undefined;
  const link = `${alerts.publicUrl.replace(/\/$/, '')}/console/leads/${hold.reference}`;
  return {
    text: `💬 Le citoyen du dossier ${hold.reference} vient de vous écrire (conversation que vous tenez). Répondez dans la console : ${link}`,
    to: { channel: DESK_CHANNEL, address: officer.telegramUserId },
  };
}

/** Who to tell when a citizen writes in a held conversation (absent: nobody is told). */
export interface HoldAlerts {
  directory: OfficerDirectory;
  /** The console's public address, for the link in the alert. */
  publicUrl: string;
}
