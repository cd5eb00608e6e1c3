import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';

/** Account changes an admin makes, and lockouts: who, what, when. Written once, never updated. */
export const OFFICER_AUDIT_ACTION = {
  created: 'officer_created',
  deactivated: 'officer_deactivated',
  activated: 'officer_activated',
  passwordReset: 'password_reset',
  deskChanged: 'desk_changed',
  tokenIssued: 'api_token_issued',
  locked: 'account_locked',
  /** A window of sign-in checks used up by wrong passwords: told to the officer on their page. */
  signInThrottled: 'sign_in_throttled',
  tokenRevoked: 'api_token_revoked',
  editorGranted: 'editor_granted',
  editorRevoked: 'editor_revoked',
} as const;
export type OfficerAuditAction = (typeof OFFICER_AUDIT_ACTION)[keyof typeof OFFICER_AUDIT_ACTION];

export interface OfficerAuditEntry {
  at: string;
  /** The admin's officer id, or `system` (a lockout). */
  actor: string;
  action: OfficerAuditAction;
  /** The account concerned. */
  officerId: string;
  detail?: Record<string, string> | undefined;
}

export async function appendOfficerAudit(store: Store, entry: OfficerAuditEntry): Promise<void> {
  await storeCall('appendOfficerAudit', () =>
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys.officerAudit(entry.at, randomUUID()), type: 'officerAudit', ...entry },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

/** The newest entries first. */
export async function listOfficerAudit(store: Store, limit = 50): Promise<OfficerAuditEntry[]> {
  const out = await storeCall('listOfficerAudit', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'OFFICER_AUDIT' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  );
  return (out.Items ?? []).map((i) => ({
    at: i.at as string,
    actor: i.actor as string,
    action: i.action as OfficerAuditAction,
    officerId: i.officerId as string,
    detail: i.detail as Record<string, string> | undefined,
  }));
}
