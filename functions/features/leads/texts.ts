import type { Lang } from '../../core/types.js';
import type { LeadOutcome, LeadStatus } from './status.js';

/** What the leads module says to citizens (and the labels the console may reuse). */
const TEXTS = {
  fr: {
    claimed: (ref: string) =>
      `Bonne nouvelle : un agent a pris en charge votre demande ${ref}. Il reviendra vers vous par le moyen de contact que vous avez choisi.`,
    handedBack:
      'L’agent a terminé l’échange. L’assistant automatique vous répond de nouveau ; écrivez « menu » pour voir ce que je peux faire.',
    officerJoined:
      'Un agent du ministère vous répond désormais directement ; l’assistant automatique se met en pause. Vous pouvez toujours écrire STOP, « mes données » ou « supprimer mes données ».',
    status: {
      new: 'reçue, en attente d’un agent',
      assigned: 'prise en charge par un agent',
      contacted: 'un agent vous a contacté(e)',
      qualified: 'en cours d’étude par le bureau',
      closed: 'clôturée',
    } satisfies Record<LeadStatus, string>,
    outcome: {
      won: 'aboutie',
      not_eligible: 'non éligible',
      no_response: 'sans réponse de votre part',
    } satisfies Record<LeadOutcome, string>,
  },
  en: {
    claimed: (ref: string) =>
      `Good news: an officer has taken charge of your request ${ref}. They will get back to you by the contact method you chose.`,
    handedBack:
      'The officer has finished the conversation. The automatic assistant is answering you again; type "menu" to see what I can do.',
    officerJoined:
      'An officer of the ministry is now answering you directly; the automatic assistant is paused. You can still write STOP, "my data" or "delete my data".',
    status: {
      new: 'received, waiting for an officer',
      assigned: 'taken in charge by an officer',
      contacted: 'an officer has contacted you',
      qualified: 'being studied by the desk',
      closed: 'closed',
    } satisfies Record<LeadStatus, string>,
    outcome: {
      won: 'successful',
      not_eligible: 'not eligible',
      no_response: 'no answer from you',
    } satisfies Record<LeadOutcome, string>,
  },
} as const;

export const leadTexts = (lang: Lang) => TEXTS[lang];

/** "clôturée (non éligible)", "prise en charge par un agent"... */
export function statusLabel(lang: Lang, status: LeadStatus, outcome?: LeadOutcome): string {
  const t = TEXTS[lang];
  return status === 'closed' && outcome ? `${t.status.closed} (${t.outcome[outcome]})` : t.status[status];
}
