import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/client.js';
import { storeCall } from '../store/dynamo-errors.js';
import { keys, nowSec } from '../store/keys.js';

/** A working day; the cookie and the stored session expire together. */
export const SESSION_TTL_MS = 8 * 3600 * 1000;

export interface Session {
  id: string;
  officerId: string;
  /** Per-session CSRF token, echoed in every form and checked on every POST. */
  csrfToken: string;
  createdAtMs: number;
  expiresAtMs: number;
}

const token = () => randomBytes(24).toString('base64url');

/** Always a fresh id: a session id known before login (fixation) never becomes authenticated. */
export async function createSession(store: Store, officerId: string, nowMs = Date.now()): Promise<Session> {
  const session: Session = {
    id: token(),
    officerId,
    csrfToken: token(),
    createdAtMs: nowMs,
    expiresAtMs: nowMs + SESSION_TTL_MS,
  };
  await storeCall('createSession', () =>
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...keys.consoleSession(session.id),
          type: 'session',
          ...session,
          expiresAtSec: nowSec(session.expiresAtMs),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
  return session;
}

/** TTL deletes late, so an expired item still present is treated as gone. */
export async function getSession(store: Store, id: string, nowMs = Date.now()): Promise<Session | undefined> {
  const out = await storeCall('getSession', () =>
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.consoleSession(id) })),
  );
  const item = out.Item;
  if (!item || Number(item.expiresAtMs) <= nowMs) return undefined;
  return {
    id: item.id,
    officerId: item.officerId,
    csrfToken: item.csrfToken,
    createdAtMs: item.createdAtMs,
    expiresAtMs: item.expiresAtMs,
  };
}

export async function deleteSession(store: Store, id: string): Promise<void> {
  await storeCall('deleteSession', () =>
    store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.consoleSession(id) })),
  );
}
