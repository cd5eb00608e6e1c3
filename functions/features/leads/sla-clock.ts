import type { Lead } from './model.js';
import type { RoutingTable } from './routing/routing.js';

/** How close a lead is to its desk's time limit: plenty of time, nearly due, past it. */
export const SLA_LEVEL = { ok: 'ok', soon: 'soon', late: 'late' } as const;
export type SlaLevel = (typeof SLA_LEVEL)[keyof typeof SLA_LEVEL];

export interface SlaClock {
  /** Which limit runs: taking the lead in charge (`new`), or the first contact (`assigned`). */
  kind: 'claim' | 'contact';
  dueAtMs: number;
  /** Negative once the limit has passed. */
  remainingMs: number;
  level: SlaLevel;
}

const MINUTE_MS = 60_000;
/** "Nearly due" when less than this share of the desk's limit remains (and always in the last hour). */
const SOON_SHARE = 0.25;
const SOON_FLOOR_MS = 60 * MINUTE_MS;

/**
 * The running SLA of an open lead, counted from its creation as the escalation check counts it
 * (sla.ts): the claim limit while it is new, the first-contact limit once assigned. A lead already
 * contacted or closed has no clock; neither has a lead of a desk the table no longer knows.
 */
export function slaClock(
  lead: Pick<Lead, 'status' | 'createdAt' | 'desk'>,
  table: RoutingTable,
  nowMs: number,
): SlaClock | undefined {
  const desk = table.desks.find((d) => d.id === lead.desk);
  if (!desk) return undefined;
  const kind = lead.status === 'new' ? 'claim' : lead.status === 'assigned' ? 'contact' : undefined;
  if (!kind) return undefined;
  const limitMs = (kind === 'claim' ? desk.sla.claimMinutes : desk.sla.contactMinutes) * MINUTE_MS;
  const dueAtMs = Date.parse(lead.createdAt) + limitMs;
  const remainingMs = dueAtMs - nowMs;
  const level =
    remainingMs < 0
      ? SLA_LEVEL.late
      : remainingMs < Math.min(limitMs, Math.max(limitMs * SOON_SHARE, SOON_FLOOR_MS))
        ? SLA_LEVEL.soon
        : SLA_LEVEL.ok;
  return { kind, dueAtMs, remainingMs, level };
}

export const isOverdue = (
  lead: Pick<Lead, 'status' | 'createdAt' | 'desk'>,
  table: RoutingTable,
  nowMs: number,
) => slaClock(lead, table, nowMs)?.level === SLA_LEVEL.late;
