import type { Lang } from '../../../core/types.js';
import type { Lead } from '../model.js';
import { slaClock } from '../sla-clock.js';
import { type DateFormat, deskLabel } from './labels.js';
import { ROUTING } from './leads-service.js';
import { SlaBadge } from './sla-badge.js';
import { leadConsoleTexts } from './texts.js';

/** Open leads past their desk's SLA, the longest overdue first. */
export function overdueLeads(leads: Lead[], nowMs: number): Lead[] {
  return leads
    .map((lead) => ({ lead, clock: slaClock(lead, ROUTING, nowMs) }))
    .filter((x) => x.clock?.level === 'late')
    .sort((a, b) => a.clock!.remainingMs - b.clock!.remainingMs)
    .map((x) => x.lead);
}

/** The dashboard's first block: the overdue leads, each with its countdown, and the filtered list. */
export function OverdueLeads(props: { leads: Lead[]; nowMs: number; lang: Lang; fmt: DateFormat }) {
  const lt = leadConsoleTexts(props.lang);
  const late = overdueLeads(props.leads, props.nowMs);
  if (late.length === 0) return null;
  return (
    <section aria-labelledby="h-overdue" class="overdue">
      <h2 id="h-overdue">
        {lt.overdueTitle} ({late.length})
      </h2>
      <ul>
        {late.slice(0, 50).map((l) => (
          <li>
            <a href={`/console/leads/${l.reference}`}>{l.reference}</a> · {deskLabel(l.desk, props.lang)}
            {l.fullName ? ` · ${l.fullName}` : ''} ·{' '}
            <SlaBadge lead={l} nowMs={props.nowMs} lang={props.lang} fmt={props.fmt} />
          </li>
        ))}
      </ul>
      <p>
        <a href="/console/leads?overdue=1">{lt.overdueOnly}</a>
      </p>
    </section>
  );
}
