import type { Lang } from '../../../core/types.js';
import type { Lead } from '../model.js';
import type { SlaClock } from '../sla-clock.js';
import { slaClock } from '../sla-clock.js';
import type { DateFormat } from './labels.js';
import { ROUTING } from './leads-service.js';
import { leadConsoleTexts } from './texts.js';

/** "12 min", "3 h", "2 j": the time left (or past) on a clock, rounded down. */
export function remainingLabel(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')}` : ''}`;
  return `${Math.floor(hours / 24)} ${lang === 'fr' ? 'j' : 'd'}`;
}

export function slaText(clock: SlaClock, lang: Lang): string {
  const lt = leadConsoleTexts(lang);
  const d = remainingLabel(clock.remainingMs, lang);
  if (clock.remainingMs < 0) return clock.kind === 'claim' ? lt.slaClaimLate(d) : lt.slaContactLate(d);
  return clock.kind === 'claim' ? lt.slaClaimIn(d) : lt.slaContactIn(d);
}

/**
 * The countdown to the desk's SLA on an open lead, coloured by how near it is (`sla-ok`,
 * `sla-soon`, `sla-late`), with the deadline in the officer's time zone as its title. Nothing
 * for a lead past its first contact or closed.
 */
export function SlaBadge(props: {
  lead: Pick<Lead, 'status' | 'createdAt' | 'desk'>;
  nowMs: number;
  lang: Lang;
  fmt: DateFormat;
}) {
  const clock = slaClock(props.lead, ROUTING, props.nowMs);
  if (!clock) return null;
  const due = props.fmt(new Date(clock.dueAtMs).toISOString());
  return (
    <span class={`sla sla-${clock.level}`} title={leadConsoleTexts(props.lang).slaDue(due)}>
      {clock.level === 'late' ? '⚠ ' : '⏱ '}
      {slaText(clock, props.lang)}
    </span>
  );
}
