import type { ChannelDirectory } from '../../core/channel.js';
import { reply, type Turn, type TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { DESK_CHANNEL, type OfficerDirectory } from '../leads/officers.js';
import { claimedNotice, claimLead, getLead, LeadConflictError } from '../leads/repository.js';

export const CLAIM_PREFIX = 'lead:claim:';

/** Desks work in French: these answers go to the desk's Telegram group. */
const TEXTS = {
  unknownOfficer:
    'Désolé, seul un agent enregistré (compte Telegram relié dans la console) peut prendre en charge une demande.',
  otherDesk: (ref: string) =>
    `La demande ${ref} relève d’un autre bureau : vous ne pouvez pas la prendre en charge.`,
  notFound: (ref: string) => `Demande ${ref} introuvable.`,
  claimed: (ref: string, by: string) => `✅ Demande ${ref} prise en charge par ${by}.`,
  taken: (ref: string) => `La demande ${ref} est déjà prise en charge.`,
};

/**
 * The "claim" button of a desk notification, pressed in the desk's Telegram group: the Telegram
 * account must belong to an active officer of that desk (or a supervisor/admin). Runs before
 * everything else, so a button press is never mistaken for an answer to some other question.
 */
export function claimInterceptor(deps: { store: Store; directory: OfficerDirectory }) {
  return async (turn: Turn): Promise<TurnResult | undefined> => {
    const id = turn.input.optionId;
    if (!id?.startsWith(CLAIM_PREFIX)) return undefined;
    const ref = id.slice(CLAIM_PREFIX.length);
    const answer = (text: string) => reply(turn, [{ text }]);
    const officer =
      turn.message.channel === DESK_CHANNEL
        ? await deps.directory.findByTelegramUserId(turn.message.userId)
        : undefined;
    if (!officer?.active) return answer(TEXTS.unknownOfficer);
    const lead = await getLead(deps.store, ref);
    if (!lead) return answer(TEXTS.notFound(ref));
    if (officer.role === 'officer' && officer.desk !== lead.desk) return answer(TEXTS.otherDesk(ref));
    try {
      const claimed = await claimLead(deps.store, ref, officer.id, turn.nowMs);
      const notice = claimedNotice(claimed);
      return reply(turn, [
        { text: TEXTS.claimed(ref, officer.name ?? officer.id) },
        // Sent by the worker with the group's answer, exactly once.
        ...(notice ? [{ ...notice.reply, to: { channel: notice.channel, address: notice.address } }] : []),
      ]);
    } catch (error) {
      if (error instanceof LeadConflictError) return answer(TEXTS.taken(ref));
      throw error;
    }
  };
}

/**
 * Group chats (Telegram's negative chat ids) are desks' rooms, not citizens' chats: apart from the
 * claim buttons above, the bot says nothing there, so officers talking among themselves (or a
 * `/start` typed in the group) never get the citizen menu.
 */
export function groupChatInterceptor(channels: ChannelDirectory) {
  return (turn: Turn): TurnResult | undefined => {
    const { channel, address } = turn.message;
    if (!channels.get(channel).isGroupAddress(address)) return undefined;
    return { replies: [], contact: turn.contact, state: turn.state };
  };
}
