import { reply, type Turn, type TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { PROGRAMMES } from '../leads/catalog.js';
import { getLead, type Lead, listLeadsOfUser } from '../leads/repository.js';
import { statusLabel } from '../leads/texts.js';

/** "statut TG-2026-00042", "status tg-2026-42", "statut" alone, "mes demandes", "my requests". */
export const STATUS_QUERY =
  /^\s*(?:statut|status|suivi|suivre|track|mes demandes|my requests)\b[\s:]*(?:(?:de |of |ma demande |my request )?(TG)[\s-]*(\d{4})[\s-]*(\d{1,6}))?\s*[.!?]*\s*$/i;

const TEXTS = {
  fr: {
    notFound: (ref: string) =>
      `Je ne trouve pas de demande ${ref} à votre nom. Vérifiez la référence (elle a la forme TG-2026-00042).`,
    none: 'Vous n’avez pas de demande enregistrée depuis cette conversation.',
    one: (l: Lead, label: string, date: string) =>
      `Demande ${l.reference}${l.programme ? ` (${PROGRAMMES[l.programme].fr})` : ''} : ${label}. Dernière mise à jour le ${date}.`,
  },
  en: {
    notFound: (ref: string) =>
      `I cannot find a request ${ref} in your name. Check the reference (it looks like TG-2026-00042).`,
    none: 'You have no request registered from this chat.',
    one: (l: Lead, label: string, date: string) =>
      `Request ${l.reference}${l.programme ? ` (${PROGRAMMES[l.programme].en})` : ''}: ${label}. Last updated on ${date}.`,
  },
} as const;

/**
 * Tells a person where their request is. Only its owner (same channel and user id) learns anything:
 * anyone else gets the same neutral "not found for you" as for a reference that does not exist.
 */
export function statusQuery(store: Store) {
  return async (turn: Turn): Promise<TurnResult> => {
    const lang = turn.contact.lang;
    const t = TEXTS[lang];
    const date = (iso: string) =>
      new Date(iso).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' });
    const m = STATUS_QUERY.exec(turn.input.text);
    const { channel, userId } = turn.message;
    if (m?.[1]) {
      const ref = `TG-${m[2]}-${m[3]!.padStart(5, '0')}`;
      const lead = await getLead(store, ref);
      if (!lead || lead.channel !== channel || lead.userId !== userId)
        return reply(turn, [{ text: t.notFound(ref) }]);
      return reply(turn, [
        { text: t.one(lead, statusLabel(lang, lead.status, lead.outcome), date(lead.updatedAt)) },
      ]);
    }
    const leads = await listLeadsOfUser(store, channel, userId);
    if (leads.length === 0) return reply(turn, [{ text: t.none }]);
    return reply(turn, [
      {
        text: leads
          .slice(0, 10)
          .map((l) => t.one(l, statusLabel(lang, l.status, l.outcome), date(l.updatedAt)))
          .join('\n'),
      },
    ]);
  };
}
