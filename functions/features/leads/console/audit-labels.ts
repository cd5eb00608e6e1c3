import { consoleTexts } from '../../../console/i18n.js';
import type { Lang } from '../../../core/types.js';
import type { AuditEntry } from '../audit.js';
import { channelLabel, deskLabel } from './labels.js';
import { leadConsoleTexts } from './texts.js';

/** Who did it, by name: an officer's id becomes their name, `citizen`/`bot`/`sla` a word. */
export function actorLabel(actor: string, lang: Lang, names: Map<string, string>): string {
  const t = consoleTexts(lang);
  if (names.has(actor)) return names.get(actor)!;
  if (actor === 'citizen') return t.citizen;
  if (actor === 'bot') return t.bot;
  if (actor === 'sla') return lang === 'fr' ? 'Contrôle des délais' : 'SLA check';
  if (actor === 'system') return lang === 'fr' ? 'Système' : 'System';
  return lang === 'fr' ? 'Agent supprimé' : 'Removed officer';
}

/**
 * An audit entry's detail as a sentence ("Assigné → Contacté, résultat : Abouti"), never as the
 * stored `key: value` pairs. Unknown keys are left out rather than shown as codes.
 */
export function auditDetailLabel(
  entry: Pick<AuditEntry, 'action' | 'detail'>,
  lang: Lang,
  names: Map<string, string>,
) {
  const t = consoleTexts(lang);
  const a = leadConsoleTexts(lang).audit;
  const d = entry.detail ?? {};
  const who = (id: unknown) => (typeof id === 'string' && id ? actorLabel(id, lang, names) : a.nobody);
  const status = (s: unknown) => t.statuses[String(s)] ?? '';
  const parts: string[] = [];
  if (
    typeof d.from === 'string' &&
    typeof d.to === 'string' &&
    (entry.action === 'status_changed' || entry.action === 'reopened')
  ) {
    parts.push(a.status(status(d.from), status(d.to)));
  } else if ('to' in d && (entry.action === 'reassigned' || 'from' in d)) {
    parts.push(a.fromTo(who(d.from), who(d.to)));
  } else if ('to' in d) {
    parts.push(a.to(who(d.to)));
  }
  if (typeof d.outcome === 'string' && t.outcomes[d.outcome]) parts.push(a.outcome(t.outcomes[d.outcome]!));
  if (typeof d.fromDesk === 'string' && typeof d.toDesk === 'string') {
    parts.push(a.fromTo(deskLabel(d.fromDesk, lang), deskLabel(d.toDesk, lang)));
  } else if (typeof d.desk === 'string') {
    parts.push(a.desk(deskLabel(d.desk, lang)));
  }
  if (d.kind === 'claim') parts.push(a.claimSla);
  if (d.kind === 'contact') parts.push(a.contactSla);
  if (typeof d.channel === 'string') parts.push(a.via(channelLabel(d.channel)));
  if (typeof d.template === 'string') parts.push(a.template);
  if (typeof d.role === 'string' && t.roles[d.role]) parts.push(a.role(t.roles[d.role]!));
  if (typeof d.reason === 'string' && d.reason) parts.push(a.reason(d.reason));
  return parts.join(', ');
}
