import type { Reply } from '../../core/types.js';
import { menuReply, reply, type Turn, type TurnResult, toMenu } from '../../engine/engine.js';
import { isNo, isYes } from '../../engine/words.js';
import type { Store } from '../../store/client.js';
import { listMessages } from '../../store/messages.js';
import { pickAssignee } from '../leads/assignment.js';
import { consentItem } from '../leads/consent.js';
import type { OfficerDirectory } from '../leads/officers.js';
import { type ConsentReceipt, listLeadsOfUser, prepareLead } from '../leads/repository.js';
import { type RoutingTable, routeLead } from '../leads/routing/routing.js';
import { deskNotices } from './desk-notice.js';
import { HANDOFF_CONSENT_PURPOSES, HANDOFF_CONSENT_TEXT_ID } from './texts.js';

export const HANDOFF_FLOW = 'handoff';

/** "je veux parler à un agent", "talk to an officer", "un humain"... */
export const OFFICER_REQUEST =
  /^\s*(?:je (?:veux|voudrais|souhaite) )?(?:parler|discuter|[ée]changer) (?:à|a|avec) (?:un|une) (?:agent|conseill[eè]re?|humain|personne)|^\s*(?:i (?:want|would like|d like) to )?(?:talk|speak|chat) (?:to|with) (?:an?|the) (?:officer|human|person|agent|advisor)|^\s*(?:agent|conseiller|humain|officer|human)\s*[.!?]*\s*$/i;

/** How much of the conversation travels with a handoff. */
const TRANSCRIPT_MESSAGES = 30;

const TEXTS = {
  fr: {
    confirm:
      'Je peux transmettre votre demande à un agent du ministère. Il lira cette conversation et vous répondra ici. Selon la loi n° 2019-014, nous conservons cette conversation et votre nom d’affichage uniquement pour traiter votre demande ; vous pouvez les consulter (« mes données ») ou les supprimer (« supprimer mes données »).\n\nVoulez-vous être mis(e) en relation ?',
    yes: 'Oui, transmettre',
    no: 'Non, merci',
    again: 'Répondez « oui » pour être mis(e) en relation avec un agent, ou « non ».',
    done: (ref: string, desk: string) =>
      `C’est transmis (référence ${ref}). Un agent du bureau « ${desk} » vous répondra ici. En attendant, je reste à votre disposition.`,
    already: (ref: string) =>
      `Votre demande ${ref} est déjà entre les mains d’un agent, qui vous répondra ici. En attendant, je reste à votre disposition.`,
    declined: 'Très bien. Que puis-je faire d’autre pour vous ?',
  },
  en: {
    confirm:
      'I can pass your request to an officer of the ministry. They will read this conversation and answer you here. Under Togo’s law No. 2019-014 we keep this conversation and your display name only to handle your request; you can see them ("my data") or delete them ("delete my data").\n\nDo you want to be put in touch?',
    yes: 'Yes, pass it on',
    no: 'No, thanks',
    again: 'Answer "yes" to be put in touch with an officer, or "no".',
    done: (ref: string, desk: string) =>
      `Done (reference ${ref}). An officer of the "${desk}" desk will answer you here. Meanwhile, I remain at your service.`,
    already: (ref: string) =>
      `Your request ${ref} is already with an officer, who will answer you here. Meanwhile, I remain at your service.`,
    declined: 'All right. What else can I do for you?',
  },
} as const;

export interface HandoffDeps {
  store: Store;
  routing: RoutingTable;
  directory: OfficerDirectory;
}

/**
 * "Talk to an officer", from anywhere (menu, knowledge answer's offer, mid-registration): asks
 * for the person's agreement, then creates a lead of kind `handoff` carrying the conversation so far.
 */
export function createHandoff(deps: HandoffDeps) {
  const start = async (turn: Turn): Promise<TurnResult> => {
    const t = TEXTS[turn.contact.lang];
    const open = (await listLeadsOfUser(deps.store, turn.message.channel, turn.message.userId)).find(
      (l) => l.kind === 'handoff' && l.status !== 'closed',
    );
    if (open) return toMenu(turn, t.already(open.reference));
    return reply(
      turn,
      [
        {
          text: t.confirm,
          options: [
            { id: 'handoff:yes', label: t.yes },
            { id: 'handoff:no', label: t.no },
          ],
        },
      ],
      { flow: HANDOFF_FLOW, step: 'confirm', data: { from: turn.state.flow } },
    );
  };

  const step = async (turn: Turn): Promise<TurnResult> => {
    const lang = turn.contact.lang;
    const t = TEXTS[lang];
    const { optionId, text } = turn.input;
    if (optionId === 'handoff:no' || (!optionId && isNo(text))) return toMenu(turn, t.declined);
    if (!(optionId === 'handoff:yes' || (!optionId && isYes(text)))) {
      return reply(turn, [
        {
          text: t.again,
          options: [
            { id: 'handoff:yes', label: t.yes },
            { id: 'handoff:no', label: t.no },
          ],
        },
      ]);
    }
    const { message, contact } = turn;
    const at = new Date(turn.nowMs).toISOString();
    const transcript = await listMessages(deps.store, message.channel, message.userId, TRANSCRIPT_MESSAGES);
    const question = [...transcript]
      .reverse()
      .find((m) => m.direction === 'in' && m.text.length > 12 && !/^\d+$/.test(m.text))?.text;
    const desk = routeLead(deps.routing, { kind: 'handoff' });
    const consent: ConsentReceipt = {
      textId: HANDOFF_CONSENT_TEXT_ID,
      purposes: HANDOFF_CONSENT_PURPOSES,
      at,
      channel: message.channel,
    };
    const { lead, items } = await prepareLead(
      deps.store,
      {
        kind: 'handoff',
        fullName: contact.displayName,
        contactPreference: 'chat',
        channel: message.channel,
        userId: message.userId,
        address: message.address,
        lang,
        desk: desk.id,
        question,
        transcript,
        consent,
        assignee: await pickAssignee(deps.store, deps.directory, desk),
      },
      turn.nowMs,
    );
    lead.consent = { ...consent, reference: lead.reference };
    items[0] = { ...items[0], consent: lead.consent };
    const replies: Reply[] = [menuReply(lang, t.done(lead.reference, desk.names[lang]))];
    replies.push(...deskNotices(lead, desk));
    return {
      replies,
      contact,
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

  return { start, step };
}
