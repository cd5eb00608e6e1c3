import { randomUUID } from 'node:crypto';
import {
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { fromTableItem } from '../../store/keys.js';
import { type QueryInput, queryAll } from '../../store/pages.js';
import { AUDIT_ACTION, type AuditEntry, auditItem, auditPut } from './audit.js';
import type { Programme, Sector } from './catalog.js';
import { noteLeadWrite } from './changes.js';
import { InvalidTransitionError, LeadConflictError, LeadNotFoundError } from './errors.js';
import { leadKeys } from './keys.js';
import type { CitizenNotice, Lead, NewLead } from './model.js';
import { handBackNotice } from './notices.js';
import {
  canTransition,
  escalationDue,
  LEAD_STATUS,
  LEAD_STATUSES,
  type LeadOutcome,
  type LeadStatus,
  stamp,
} from './workflow.js';

export * from './errors.js';
export * from './model.js';
export * from './notices.js';
export * from './workflow.js';

export const REFERENCE_PATTERN = /^TG-\d{4}-\d{5,}$/;
export const formatReference = (year: number, seq: number) => `TG-${year}-${String(seq).padStart(5, '0')}`;

/**
 * Allocates the next reference of the year with one atomic `ADD` on a counter item: concurrent
 * callers always get distinct numbers, with no scan and no random guess. A number allocated by a
 * turn that then fails is skipped, never reused.
 */
export async function allocateReference(store: Store, nowMs: number): Promise<string> {
  const year = new Date(nowMs).getUTCFullYear();
  const out = await storeCall('allocateReference', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: leadKeys.counter(year),
        UpdateExpression: 'ADD seq :one SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  return formatReference(year, Number(out.Attributes?.seq));
}

/** The stored item of a lead, with its index keys (GSI2 only while the person is known). */
export function leadItem(lead: Lead): Record<string, unknown> {
  // Every lead write builds its item here: aggregates kept in memory know they are stale.
  noteLeadWrite();
  const sort = leadKeys.sortByDate(lead.createdAt, lead.reference);
  return {
    ...leadKeys.lead(lead.reference),
    type: 'lead',
    ...stripUndefined(lead),
    GSI1PK: leadKeys.byDeskStatus(lead.desk, lead.status),
    GSI1SK: sort,
    ...leadKeys.deskIndex(lead),
    ...(lead.userId ? { GSI2PK: leadKeys.byUser(lead.channel, lead.userId), GSI2SK: sort } : {}),
  };
}

function toLead(item: Record<string, unknown>): Lead {
  return fromTableItem<Lead>(item);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Builds a new lead and the items that create it (the lead, guarded by `attribute_not_exists`, and
 * its first audit entry), for callers that commit them in their own transaction, as the chat
 * worker does so that the lead, the state and the replies land together or not at all.
 */
export async function prepareLead(
  store: Store,
  input: NewLead,
  nowMs: number,
  actor = 'citizen',
): Promise<{ lead: Lead; items: Record<string, unknown>[] }> {
  const reference = await allocateReference(store, nowMs);
  const at = new Date(nowMs).toISOString();
  const lead: Lead = {
    ...input,
    reference,
    status: input.assignee ? LEAD_STATUS.assigned : LEAD_STATUS.new,
    assignedAt: input.assignee ? at : undefined,
    createdAt: at,
    updatedAt: at,
    conversationOpen: false,
  };
  const items = [
    leadItem(lead),
    auditItem({ ref: reference, at, actor, action: AUDIT_ACTION.created, detail: { desk: lead.desk } }),
  ];
  if (input.assignee) {
    items.push(
      auditItem({
        ref: reference,
        at,
        actor: 'bot',
        action: AUDIT_ACTION.assigned,
        detail: { to: input.assignee },
      }),
    );
  }
  return { lead, items };
}

/** Creates a lead directly (reference from the atomic counter, conditional put, audit entry). */
export async function createLead(
  store: Store,
  input: NewLead,
  nowMs = Date.now(),
  actor?: string,
): Promise<Lead> {
  const { lead, items } = await prepareLead(store, input, nowMs, actor);
  await storeCall('createLead', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: items.map((Item) => ({
          Put: { TableName: store.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
        })),
      }),
    ),
  );
  return lead;
}

export async function getLead(store: Store, reference: string): Promise<Lead | undefined> {
  if (!REFERENCE_PATTERN.test(reference)) return undefined;
  const out = await storeCall('getLead', () =>
    store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: leadKeys.lead(reference), ConsistentRead: true }),
    ),
  );
  return out.Item ? toLead(out.Item) : undefined;
}

async function requireLead(store: Store, reference: string): Promise<Lead> {
  const lead = await getLead(store, reference);
  if (!lead) throw new LeadNotFoundError(reference);
  return lead;
}

export interface LeadFilter {
  desk?: string | undefined;
  status?: LeadStatus | undefined;
  programme?: Programme | undefined;
  sector?: Sector | undefined;
  country?: string | undefined;
  assignee?: string | undefined;
  /** ISO dates (inclusive) on `createdAt`; a bare `YYYY-MM-DD` `to` covers that whole day. */
  from?: string | undefined;
  to?: string | undefined;
  /** A reference (`TG-2026-00042`) or part of a full name, accents and case ignored. */
  search?: string | undefined;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const queryLeads = (store: Store, input: QueryInput) => queryAll(store, 'queryLeads', input);

/**
 * Leads matching a filter, newest first. Reads GSI1 (one query per desk × status, bounded by the
 * date range), never a scan; `desks` lists the desks to read when the filter names none (a
 * supervisor's view: pass every desk of the routing table).
 */
export async function listLeads(store: Store, filter: LeadFilter, desks: string[]): Promise<Lead[]> {
  const search = filter.search?.trim();
  if (search && REFERENCE_PATTERN.test(search.toUpperCase())) {
    const lead = await getLead(store, search.toUpperCase());
    return lead &&
      matches(lead, { ...filter, search: undefined }) &&
      (!filter.desk || lead.desk === filter.desk)
      ? [lead]
      : [];
  }
  const from = filter.from ?? '0000';
  const to = filter.to ? (filter.to.length === 10 ? `${filter.to}T23:59:59.999Z~` : `${filter.to}~`) : '9999';
  const statuses = filter.status ? [filter.status] : LEAD_STATUSES;
  const results = await Promise.all(
    (filter.desk ? [filter.desk] : desks).flatMap((desk) =>
      statuses.map((status) =>
        queryLeads(store, {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': leadKeys.byDeskStatus(desk, status), ':from': from, ':to': to },
        }),
      ),
    ),
  );
  return results
    .flat()
    .map(toLead)
    .filter((lead) => matches(lead, filter))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.reference.localeCompare(a.reference));
}

function matches(lead: Lead, filter: LeadFilter): boolean {
  if (filter.programme && lead.programme !== filter.programme) return false;
  if (filter.sector && lead.sector !== filter.sector) return false;
  if (filter.country && lead.country !== filter.country) return false;
  if (filter.assignee && lead.assignee !== filter.assignee) return false;
  if (filter.status && lead.status !== filter.status) return false;
  const search = filter.search?.trim();
  if (search) {
    const needle = fold(search);
    if (!fold(lead.fullName ?? '').includes(needle) && !lead.reference.toLowerCase().includes(needle))
      return false;
  }
  return true;
}

/** A person's own leads (GSI2), newest first: for "statut TG-..." and "mes données". */
export async function listLeadsOfUser(store: Store, channel: Channel, userId: string): Promise<Lead[]> {
  const items = await queryLeads(store, {
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': leadKeys.byUser(channel, userId) },
    ScanIndexForward: false,
  });
  return items.map(toLead);
}

/** Open leads per assignee on a desk, for "fewest open leads" assignment. */
export async function countOpenLeadsByAssignee(store: Store, desk: string): Promise<Map<string, number>> {
  const open = await listLeads(store, { desk }, [desk]);
  const counts = new Map<string, number>();
  for (const lead of open) {
    if (lead.status === 'closed' || !lead.assignee) continue;
    counts.set(lead.assignee, (counts.get(lead.assignee) ?? 0) + 1);
  }
  return counts;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

interface Change {
  /** The status the lead must still have for the change to apply (optimistic concurrency). */
  expect: Lead;
  next: Lead;
  audit: Omit<AuditEntry, 'ref' | 'at'>;
  extra?: TransactItem[];
}

/**
 * Writes a lead's new version and its audit entry in one transaction, only if the stored lead is
 * still the version the caller read (`updatedAt` and `status` unchanged): two officers clicking
 * "claim" at once get one success and one `LeadConflictError`.
 */
async function applyChange(store: Store, change: Change): Promise<Lead> {
  const { expect, next } = change;
  try {
    await storeCall('changeLead', () =>
      store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: store.tableName,
                Item: leadItem(next),
                ConditionExpression: '#status = :status AND updatedAt = :updated',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': expect.status, ':updated': expect.updatedAt },
              },
            },
            auditPut(store, { ref: next.reference, at: next.updatedAt, ...change.audit }),
            ...(change.extra ?? []),
          ],
        }),
      ),
    );
    return next;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await getLead(store, expect.reference);
    throw new LeadConflictError(`lead ${expect.reference} changed meanwhile`, current);
  }
}

/** An officer takes a new lead. `LeadConflictError` (with `current`) if someone else got it first. */
export async function claimLead(
  store: Store,
  reference: string,
  officerId: string,
  nowMs = Date.now(),
): Promise<Lead> {
  const lead = await requireLead(store, reference);
  if (lead.status !== LEAD_STATUS.new) {
    throw new LeadConflictError(`lead ${reference} is already ${lead.status}`, lead);
  }
  const at = stamp(lead, nowMs);
  return applyChange(store, {
    expect: lead,
    next: { ...lead, status: LEAD_STATUS.assigned, assignee: officerId, assignedAt: at, updatedAt: at },
    audit: { actor: officerId, action: AUDIT_ACTION.claimed, detail: { to: officerId } },
  });
}

/** A supervisor gives an open lead to another officer (a new lead becomes assigned). */
export async function reassign(
  store: Store,
  reference: string,
  officerId: string,
  actor: string,
  nowMs = Date.now(),
): Promise<Lead> {
  const lead = await requireLead(store, reference);
  if (lead.status === LEAD_STATUS.closed) throw new InvalidTransitionError(lead.status, LEAD_STATUS.assigned);
  const at = stamp(lead, nowMs);
  return applyChange(store, {
    expect: lead,
    next: {
      ...lead,
      status: lead.status === LEAD_STATUS.new ? LEAD_STATUS.assigned : lead.status,
      assignee: officerId,
      assignedAt: at,
      updatedAt: at,
    },
    audit: { actor, action: AUDIT_ACTION.reassigned, detail: { from: lead.assignee ?? '', to: officerId } },
  });
}

/**
 * Moves a lead along the workflow (see `TRANSITIONS`); closing needs an outcome. Closing a lead whose
 * conversation an officer holds gives the chat back to the bot and returns the notice to send.
 */
export async function changeStatus(
  store: Store,
  reference: string,
  change: { to: LeadStatus; outcome?: LeadOutcome | undefined; actor: string },
  nowMs = Date.now(),
): Promise<{ lead: Lead; notice?: CitizenNotice | undefined }> {
  const lead = await requireLead(store, reference);
  if (!canTransition(lead.status, change.to, change.outcome)) {
    throw new InvalidTransitionError(lead.status, change.to, change.outcome);
  }
  const at = stamp(lead, nowMs);
  const closing = change.to === LEAD_STATUS.closed;
  const releases = closing && lead.conversationOpen;
  const next: Lead = {
    ...lead,
    status: change.to,
    outcome: closing ? change.outcome : undefined,
    closedAt: closing ? at : lead.closedAt,
    firstContactAt: change.to === LEAD_STATUS.contacted ? (lead.firstContactAt ?? at) : lead.firstContactAt,
    conversationOpen: releases ? false : lead.conversationOpen,
    conversationOfficer: releases ? undefined : lead.conversationOfficer,
    updatedAt: at,
  };
  const saved = await applyChange(store, {
    expect: lead,
    next,
    audit: {
      actor: change.actor,
      action: AUDIT_ACTION.statusChanged,
      detail: { from: lead.status, to: change.to, ...(change.outcome ? { outcome: change.outcome } : {}) },
    },
    extra: releases ? [releaseHold(store, lead)].filter((i) => i !== undefined) : [],
  });
  return { lead: saved, notice: releases ? handBackNotice(lead) : undefined };
}

/** An officer's note on a lead (a separate item: notes are erased with the person's data). */
export async function addNote(
  store: Store,
  reference: string,
  text: string,
  actor: string,
  nowMs = Date.now(),
): Promise<Note> {
  const lead = await requireLead(store, reference);
  const at = new Date(nowMs).toISOString();
  const note: Note = { id: randomUUID(), ref: lead.reference, text, author: actor, at };
  await storeCall('addNote', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: { ...leadKeys.note(reference, at, note.id), type: 'note', ...note },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          auditPut(store, { ref: reference, at, actor, action: AUDIT_ACTION.noteAdded }),
        ],
      }),
    ),
  );
  return note;
}

export interface Note {
  id: string;
  ref: string;
  text: string;
  author: string;
  at: string;
}

export async function listNotes(store: Store, reference: string): Promise<Note[]> {
  const items = await queryLeads(store, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': leadKeys.lead(reference).PK, ':sk': 'NOTE#' },
  });
  return items.map((i) => ({
    id: i.id as string,
    ref: i.ref as string,
    text: i.text as string,
    author: i.author as string,
    at: i.at as string,
  }));
}

/** The marker the chat reads to stay silent while an officer holds a person's conversation. */
export interface ConversationHold {
  reference: string;
  officerId: string;
  at: string;
  /** The officer's last reply in the held conversation (absent: none since the hold began). */
  activeAt?: string | undefined;
}

export async function getHold(
  store: Store,
  channel: Channel,
  userId: string,
): Promise<ConversationHold | undefined> {
  const out = await storeCall('getHold', () =>
    store.doc.send(
      new GetCommand({
        TableName: store.tableName,
        Key: leadKeys.hold(channel, userId),
        ConsistentRead: true,
      }),
    ),
  );
  return holdFromItem(out.Item);
}

/** The hold a stored item holds (absent: no one holds the conversation). */
export function holdFromItem(item: Record<string, unknown> | undefined): ConversationHold | undefined {
  return item
    ? {
        reference: item.reference as string,
        officerId: item.officerId as string,
        at: item.at as string,
        activeAt: item.activeAt as string | undefined,
      }
    : undefined;
}

function releaseHold(store: Store, lead: Lead): TransactItem | undefined {
  if (!lead.userId) return undefined;
  return {
    Delete: {
      TableName: store.tableName,
      Key: leadKeys.hold(lead.channel, lead.userId),
      // Only this lead's hold: a newer lead may hold the same person's chat.
      ConditionExpression: 'attribute_not_exists(PK) OR #ref = :ref',
      ExpressionAttributeNames: { '#ref': 'reference' },
      ExpressionAttributeValues: { ':ref': lead.reference },
    },
  };
}

/**
 * An officer takes the conversation: from now on the bot does not answer this person by itself
 * (their messages are still logged for the officer). Only open leads of a known person.
 */
export async function openConversation(
  store: Store,
  reference: string,
  officerId: string,
  nowMs = Date.now(),
): Promise<Lead> {
  const lead = await requireLead(store, reference);
  if (lead.status === LEAD_STATUS.closed || !lead.userId) {
    throw new LeadConflictError(`lead ${reference} has no open conversation to take`, lead);
  }
  if (lead.conversationOpen && lead.conversationOfficer === officerId) return lead;
  const at = stamp(lead, nowMs);
  return applyChange(store, {
    expect: lead,
    next: { ...lead, conversationOpen: true, conversationOfficer: officerId, updatedAt: at },
    audit: { actor: officerId, action: AUDIT_ACTION.conversationOpened },
    extra: [
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...leadKeys.hold(lead.channel, lead.userId),
            type: 'hold',
            reference,
            officerId,
            at,
            // Every held conversation in one small index partition: the inbox reads them by key.
            ...leadKeys.holdIndex(at, reference),
          },
        },
      },
    ],
  });
}

/**
 * The officer gives the conversation back to the bot. Returns the notice to send to the person
 * (send it with `deliverNotice` or through your own sender); none if the chat was not held.
 */
export async function handBack(
  store: Store,
  reference: string,
  actor: string,
  nowMs = Date.now(),
): Promise<{ lead: Lead; notice?: CitizenNotice | undefined }> {
  const lead = await requireLead(store, reference);
  if (!lead.conversationOpen) return { lead };
  const at = stamp(lead, nowMs);
  const saved = await applyChange(store, {
    expect: lead,
    next: { ...lead, conversationOpen: false, conversationOfficer: undefined, updatedAt: at },
    audit: { actor, action: AUDIT_ACTION.conversationHandedBack },
    extra: [releaseHold(store, lead)].filter((i) => i !== undefined),
  });
  return { lead: saved, notice: handBackNotice(lead) };
}

/**
 * Marks one SLA escalation on a lead, once: the conditional write fails if that kind was already
 * escalated or the lead moved on since it was read. Returns false when there was nothing to do.
 */
export async function markEscalated(
  store: Store,
  lead: Lead,
  kind: 'claim' | 'contact',
  nowMs: number,
): Promise<boolean> {
  // Checked on the version read; the optimistic write below fails if it changed since.
  if (!escalationDue(lead, kind)) return false;
  const at = stamp(lead, nowMs);
  const next: Lead = {
    ...lead,
    escalatedAt: lead.escalatedAt ?? at,
    [kind === 'claim' ? 'escalatedClaimAt' : 'escalatedContactAt']: at,
    updatedAt: at,
  };
  try {
    await applyChange(store, {
      expect: lead,
      next,
      audit: { actor: 'sla', action: AUDIT_ACTION.escalated, detail: { kind } },
    });
    return true;
  } catch (error) {
    if (error instanceof LeadConflictError) return false;
    throw error;
  }
}

/**
 * A supervisor moves an open lead to another desk (a handoff about a company belongs to investment
 * promotion), with the reason kept in the audit. With an officer of that desk it stays in hand
 * (a new lead becomes assigned); without one it waits, new, for the desk to claim it.
 */
export async function transferLead(
  store: Store,
  reference: string,
  change: { desk: string; officerId?: string | undefined; reason: string; actor: string },
  nowMs = Date.now(),
): Promise<Lead> {
  const lead = await requireLead(store, reference);
  if (lead.status === LEAD_STATUS.closed) throw new InvalidTransitionError(lead.status, lead.status);
  const at = stamp(lead, nowMs);
  const next: Lead = change.officerId
    ? {
        ...lead,
        desk: change.desk,
        status: lead.status === LEAD_STATUS.new ? LEAD_STATUS.assigned : lead.status,
        assignee: change.officerId,
        assignedAt: at,
        updatedAt: at,
      }
    : {
        ...lead,
        desk: change.desk,
        status: LEAD_STATUS.new,
        assignee: undefined,
        assignedAt: undefined,
        updatedAt: at,
      };
  return applyChange(store, {
    expect: lead,
    next,
    audit: {
      actor: change.actor,
      action: AUDIT_ACTION.transferred,
      detail: {
        fromDesk: lead.desk,
        toDesk: change.desk,
        ...(change.officerId ? { to: change.officerId } : {}),
        reason: change.reason,
      },
    },
  });
}

/**
 * A supervisor reopens a closed lead: back in the hands of its last officer (assigned), or new
 * when it had none; the outcome is cleared and the audit keeps the one it had.
 */
export async function reopenLead(
  store: Store,
  reference: string,
  actor: string,
  nowMs = Date.now(),
): Promise<Lead> {
  const lead = await requireLead(store, reference);
  const to = lead.assignee ? LEAD_STATUS.assigned : LEAD_STATUS.new;
  if (lead.status !== LEAD_STATUS.closed) throw new InvalidTransitionError(lead.status, to);
  const at = stamp(lead, nowMs);
  return applyChange(store, {
    expect: lead,
    next: { ...lead, status: to, outcome: undefined, closedAt: undefined, updatedAt: at },
    audit: {
      actor,
      action: AUDIT_ACTION.reopened,
      detail: { from: lead.status, to, ...(lead.outcome ? { outcome: lead.outcome } : {}) },
    },
  });
}
