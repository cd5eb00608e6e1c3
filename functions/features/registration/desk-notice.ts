import type { Reply } from '../../core/types.js';
import { DESK_CHANNEL } from '../leads/officers.js';
import type { Lead } from '../leads/repository.js';
import type { Desk } from '../leads/routing/routing.js';
import { summary } from './flow.js';

/** Lines of the conversation shown to the desk for a handoff: the last few, each cut short. */
const TRANSCRIPT_LINES = 8;
const LINE_CHARS = 200;

/**
 * The message a desk's Telegram group receives for a new lead: its summary and a claim button.
 * Desks work in French; the citizen's language is stated so the officer answers in it.
 */
export function deskNotification(lead: Lead, desk: Desk): Reply {
  const head =
    lead.kind === 'handoff'
      ? `Demande de contact avec un agent ${lead.reference}`
      : `Nouvelle inscription ${lead.reference}`;
  const lines = [`${head} — ${desk.names.fr}`, summary(lead, 'fr')];
  if (lead.kind === 'handoff' && lead.transcript?.length) {
    lines.push(
      'Conversation :',
      ...lead.transcript
        .slice(-TRANSCRIPT_LINES)
        .map((m) => `${m.direction === 'in' ? '»' : '«'} ${m.text.slice(0, LINE_CHARS)}`),
    );
  }
  lines.push(`Langue : ${lead.lang === 'fr' ? 'français' : 'anglais'} · canal : ${lead.channel}`);
  lines.push(lead.assignee ? `Attribuée à : ${lead.assignee}` : 'À prendre en charge.');
  return {
    text: lines.join('\n'),
    options: lead.assignee ? [] : [{ id: `lead:claim:${lead.reference}`, label: 'Prendre en charge' }],
  };
}

/** The notice for the desk's Telegram group, addressed to it, or none when the desk has no group. */
export function deskNotices(lead: Lead, desk: Desk): Reply[] {
  if (!desk.telegramChatId) return [];
  return [{ ...deskNotification(lead, desk), to: { channel: DESK_CHANNEL, address: desk.telegramChatId } }];
}
