import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { ConsoleDeps } from '../../../console/env.js';
import type { Officer } from '../../../console/officers/repository.js';
import { senderFor } from '../../../core/channel.js';
import { ForbiddenError } from '../../../core/errors.js';
import { storeCall } from '../../../store/dynamo-errors.js';
import { messageItem } from '../../../store/messages.js';
import { askSatisfaction } from '../../satisfaction/ask.js';
import { PROGRAMME_IDS, type Programme, SECTOR_IDS, type Sector } from '../catalog.js';
import { listLeadFields, pageableFilter } from '../list-page.js';
import {
  type CitizenNotice,
  changeStatus,
  claimLead,
  getLead,
  LEAD_OUTCOMES,
  LEAD_STATUSES,
  type Lead,
  type LeadFilter,
  LeadNotFoundError,
  type LeadOutcome,
  type LeadStatus,
  listLeads,
} from '../repository.js';
import { loadRoutingTable } from '../routing/routing.js';

/** Desks come from the versioned routing table, the same one routing uses. */
export const ROUTING = loadRoutingTable();
export const DESKS = ROUTING.desks.map((d) => ({ id: d.id, names: d.names }));
export const DESK_IDS = DESKS.map((d) => d.id);

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The list's filters, from a query string (the page's form, the API, the CSV link). */
export const filterSchema = z.object({
  desk: optional(z.string().max(60)),
  status: optional(z.enum(LEAD_STATUSES as [LeadStatus, ...LeadStatus[]])),
  programme: optional(z.enum(PROGRAMME_IDS as [Programme, ...Programme[]])),
  sector: optional(z.enum(SECTOR_IDS as [Sector, ...Sector[]])),
  country: optional(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'ISO 3166 alpha-2 code')
      .transform((s) => s.toUpperCase()),
  ),
  assignee: optional(z.string().max(60)),
  from: optional(isoDate),
  to: optional(isoDate),
  search: optional(z.string().max(100)),
});
export type FilterInput = z.infer<typeof filterSchema>;

export const statusChangeSchema = z.object({
  to: z.enum(LEAD_STATUSES as [LeadStatus, ...LeadStatus[]]),
  outcome: optional(z.enum(LEAD_OUTCOMES as [LeadOutcome, ...LeadOutcome[]])),
});

export const canSeeAllDesks = (officer: Officer) => officer.role === 'supervisor';

/** An officer works their own desk's leads; a supervisor every desk's; an admin none. */
export function canWorkLead(officer: Officer, lead: Pick<Lead, 'desk'>): boolean {
  if (officer.role === 'supervisor') return true;
  return officer.role === 'officer' && lead.desk === officer.desk;
}

/** The filter an officer may run: their own desk, whatever desk they asked for. */
export function scopeFilter(officer: Officer, filter: FilterInput): LeadFilter {
  if (officer.role === 'admin') throw new ForbiddenError();
  if (canSeeAllDesks(officer)) return filter;
  if (filter.desk && filter.desk !== officer.desk) throw new ForbiddenError();
  return { ...filter, desk: officer.desk };
}

export async function findLeads(deps: ConsoleDeps, officer: Officer, filter: FilterInput): Promise<Lead[]> {
  return listLeads(deps.store, scopeFilter(officer, filter), DESK_IDS);
}

/**
 * The leads of `findLeads` with only `fields` read (the CSV export): by key and projected, unless
 * the filter is a name or reference search, which reads whole leads to match them in memory.
 */
export async function findLeadFields<F extends keyof Lead>(
  deps: ConsoleDeps,
  officer: Officer,
  filter: FilterInput,
  fields: readonly F[],
): Promise<Pick<Lead, F>[]> {
  const scoped = scopeFilter(officer, filter);
  if (!pageableFilter(scoped)) return listLeads(deps.store, scoped, DESK_IDS);
  return listLeadFields(deps.store, scoped, DESK_IDS, fields);
}

/** A lead the officer may work, else 404 (no such lead) or 403 (another desk). */
export async function loadLead(deps: ConsoleDeps, officer: Officer, reference: string): Promise<Lead> {
  const lead = await getLead(deps.store, reference.toUpperCase());
  if (!lead) throw new LeadNotFoundError(reference);
  if (!canWorkLead(officer, lead)) throw new ForbiddenError();
  return lead;
}

/**
 * Moves a lead: `assigned` from `new` is the officer claiming it; any other move goes through
 * the workflow's transitions. A closing that gives the chat back tells the citizen.
 */
export async function moveLead(
  deps: ConsoleDeps,
  officer: Officer,
  lead: Lead,
  change: z.infer<typeof statusChangeSchema>,
): Promise<Lead> {
  const now = (deps.now ?? Date.now)();
  if (change.to === 'assigned' && lead.status === 'new') {
    return claimLead(deps.store, lead.reference, officer.id, now);
  }
  const result = await changeStatus(
    deps.store,
    lead.reference,
    { to: change.to, outcome: change.outcome, actor: officer.id },
    now,
  );
  if (result.notice) await deliverNotice(deps, result.notice, lead, 'bot');
  if (result.lead.status === 'closed') await askSatisfaction(deps, result.lead);
  return result.lead;
}

/**
 * Sends a notice from the leads module (the bot is back) and logs it in the conversation. The
 * state change that produced it committed once, so it is sent once; a failed send is logged.
 */
export async function deliverNotice(deps: ConsoleDeps, notice: CitizenNotice, lead: Lead, by: string) {
  try {
    await senderFor(deps.senders, notice.channel).send(notice.address, notice.reply);
    if (lead.userId) {
      const nowMs = (deps.now ?? Date.now)();
      const item = messageItem(lead.channel, lead.userId, nowMs, randomUUID(), {
        direction: 'out',
        text: notice.reply.text,
        at: new Date(nowMs).toISOString(),
        by,
      });
      await storeCall('logNotice', () =>
        deps.store.doc.send(new PutCommand({ TableName: deps.store.tableName, Item: item })),
      );
    }
  } catch (error) {
    deps.logger.warn('notice to citizen not delivered', { reference: lead.reference, error });
  }
}
