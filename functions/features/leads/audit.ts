import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { queryAll } from '../../store/pages.js';
import { leadKeys } from './keys.js';

/** What happened to a lead. Free-form detail stays non-personal (ids, statuses), so erasure can keep it. */
export const AUDIT_ACTION = {
  created: 'created',
  assigned: 'assigned',
  claimed: 'claimed',
  reassigned: 'reassigned',
  transferred: 'transferred',
  reopened: 'reopened',
  statusChanged: 'status_changed',
  noteAdded: 'note_added',
  conversationOpened: 'conversation_opened',
  conversationHandedBack: 'conversation_handed_back',
  escalated: 'escalated',
  replied: 'replied',
  erased: 'erased',
} as const;
export type AuditAction = (typeof AUDIT_ACTION)[keyof typeof AUDIT_ACTION] | (string & {});

export interface AuditEntry {
  ref: string;
  at: string;
  /** Officer id, `bot`, `citizen` or `sla`. */
  actor: string;
  action: AuditAction;
  /** Non-personal facts: statuses, officer ids, the SLA kind... never a name or a message text. */
  detail?: Record<string, string | number | boolean> | undefined;
}

/** The item of one audit entry; callers put it inside their own transaction when the change has one. */
export function auditItem(entry: AuditEntry): Record<string, unknown> {
  return { ...leadKeys.audit(entry.ref, entry.at, randomUUID()), type: 'audit', ...entry };
}

/**
 * A transaction element that writes the entry once: `attribute_not_exists` makes an audit item
 * impossible to overwrite, and nothing in the code base updates or deletes one.
 */
export function auditPut(store: Store, entry: AuditEntry) {
  return {
    Put: {
      TableName: store.tableName,
      Item: auditItem(entry),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function appendAudit(store: Store, entry: AuditEntry): Promise<void> {
  await storeCall('appendAudit', () => store.doc.send(new PutCommand(auditPut(store, entry).Put)));
}

/** A lead's audit trail, oldest first. */
export async function listAudit(store: Store, ref: string): Promise<AuditEntry[]> {
  const items = await queryAll(store, 'listAudit', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': leadKeys.lead(ref).PK, ':sk': 'AUDIT#' },
  });
  return items.map((i) => ({
    ref: i.ref as string,
    at: i.at as string,
    actor: i.actor as string,
    action: i.action as AuditAction,
    detail: i.detail as AuditEntry['detail'],
  }));
}
