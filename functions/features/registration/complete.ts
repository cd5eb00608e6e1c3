import type { Reply } from '../../core/types.js';
import { menuReply, type Turn, type TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { pickAssignee } from '../leads/assignment.js';
import { consentItem } from '../leads/consent.js';
import type { OfficerDirectory } from '../leads/officers.js';
import { type ConsentReceipt, type NewLead, prepareLead } from '../leads/repository.js';
import { type RoutingTable, routeLead } from '../leads/routing/routing.js';
import { deskNotices } from './desk-notice.js';
import type { Answers } from './flow.js';
import { CONSENT_PURPOSES, CONSENT_TEXT_ID, registrationTexts } from './texts.js';

export interface CompletionDeps {
  store: Store;
  routing: RoutingTable;
  directory: OfficerDirectory;
}

/**
 * Turns confirmed answers into a lead. Nothing is written here but the reference counter: the lead,
 * its audit entry and the consent receipt go in the turn's `puts`, committed by the worker in the
 * same transaction as the state and the replies (the person's confirmation and the desk's notice),
 * so a crash or a retry never leaves a lead without its messages or sends them twice.
 */
export function createCompletion(deps: CompletionDeps) {
  return async (turn: Turn, a: Answers): Promise<TurnResult> => {
    const { message, contact } = turn;
    const lang = contact.lang;
    const at = new Date(turn.nowMs).toISOString();
    const desk = routeLead(deps.routing, { kind: 'registration', programme: a.programme, sector: a.sector });
    const assignee = await pickAssignee(deps.store, deps.directory, desk);
    const consent: ConsentReceipt = {
      textId: CONSENT_TEXT_ID,
      purposes: CONSENT_PURPOSES,
      at: a.consentAt ?? at,
      channel: message.channel,
    };
    const input: NewLead = {
      kind: 'registration',
      programme: a.programme,
      sector: a.sector,
      country: a.country,
      city: a.city,
      fullName: a.fullName,
      profession: a.profession,
      amountRange: a.amountRange,
      contactPreference: a.contactPreference ?? 'chat',
      email: a.email,
      phone: a.phone,
      channel: message.channel,
      userId: message.userId,
      address: message.address,
      lang,
      desk: desk.id,
      consent,
      assignee,
    };
    const { lead, items } = await prepareLead(deps.store, input, turn.nowMs);
    lead.consent = { ...consent, reference: lead.reference };
    items[0] = { ...items[0], consent: lead.consent };
    const t = registrationTexts(lang);
    const replies: Reply[] = [
      menuReply(lang, t.done(lead.reference, desk.names[lang], t.how[lead.contactPreference])),
    ];
    replies.push(...deskNotices(lead, desk));
    return {
      replies,
      contact: { ...contact, consent: { ...contact.consent, contactAt: consent.at } },
      state: {
        flow: 'idle',
        step: undefined,
        data: {},
        options: replies[0]?.options?.map((o) => o.id) ?? [],
        updatedAtMs: turn.nowMs,
      },
      puts: [...items, consentItem(message.userId, lead.consent)],
    };
  };
}
