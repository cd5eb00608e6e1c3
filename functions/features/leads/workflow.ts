import type { Lead } from './model.js';

/** The lead workflow: new → assigned → contacted → qualified → closed (with an outcome). */
export const LEAD_STATUS = {
  new: 'new',
  assigned: 'assigned',
  contacted: 'contacted',
  qualified: 'qualified',
  closed: 'closed',
} as const;
export type LeadStatus = (typeof LEAD_STATUS)[keyof typeof LEAD_STATUS];
export const LEAD_STATUSES = Object.values(LEAD_STATUS);
export const OPEN_STATUSES: LeadStatus[] = ['new', 'assigned', 'contacted', 'qualified'];

export const LEAD_OUTCOME = { won: 'won', notEligible: 'not_eligible', noResponse: 'no_response' } as const;
export type LeadOutcome = (typeof LEAD_OUTCOME)[keyof typeof LEAD_OUTCOME];
export const LEAD_OUTCOMES = Object.values(LEAD_OUTCOME);

export const LEAD_KIND = { registration: 'registration', handoff: 'handoff' } as const;
export type LeadKind = (typeof LEAD_KIND)[keyof typeof LEAD_KIND];

/**
 * Allowed moves. Claiming (new → assigned) goes through `claimLead`/`reassign`; a lead may be closed
 * as "not eligible" or "no response" before it is qualified, but "won" only once qualified.
 */
export const TRANSITIONS: Record<LeadStatus, LeadStatus[]> = {
  new: ['assigned'],
  assigned: ['contacted', 'closed'],
  contacted: ['qualified', 'closed'],
  qualified: ['closed'],
  closed: [],
};

export function canTransition(from: LeadStatus, to: LeadStatus, outcome?: LeadOutcome): boolean {
  if (!TRANSITIONS[from].includes(to)) return false;
  if (to === 'closed') return outcome !== undefined && (outcome !== 'won' || from === 'qualified');
  return outcome === undefined;
}

/** `updatedAt` strictly increases, so the optimistic check can't be fooled by two changes in one ms. */
export function stamp(lead: Pick<Lead, 'updatedAt'>, nowMs: number): string {
  const at = new Date(nowMs).toISOString();
  return at > lead.updatedAt ? at : new Date(Date.parse(lead.updatedAt) + 1).toISOString();
}

/** Whether an SLA escalation of this kind is still due on the lead (not yet marked, still pending). */
export function escalationDue(lead: Lead, kind: 'claim' | 'contact'): boolean {
  if (kind === 'claim' ? lead.escalatedClaimAt : lead.escalatedContactAt) return false;
  return kind === 'claim' ? lead.status === 'new' : lead.status === 'new' || lead.status === 'assigned';
}
