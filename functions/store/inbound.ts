import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../core/errors.js';
import type { GuardedPut } from '../core/turn-io.js';
import type { Channel, Reply } from '../core/types.js';
import type { Store } from './client.js';
import { conditionFailureItem, isConditionFailure, storeCall } from './dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from './keys.js';

/**
 * The processing record of one inbound delivery, keyed on the platform's id (Twilio MessageSid,
 * Telegram update_id): "seen before", never "greater than the last one".
 *
 *   processing --commit--> answered --all replies sent--> done
 *
 * The engine's effects and the replies are committed in one transaction (`commitAnswer`), so a
 * crash before it re-runs the engine with nothing applied, and a crash after it resumes sending
 * the stored replies from `sent` on: each inbound is answered once.
 */
export const INBOUND_STATUS = { processing: 'processing', answered: 'answered', done: 'done' } as const;
export type InboundStatus = (typeof INBOUND_STATUS)[keyof typeof INBOUND_STATUS];

/** Platforms stop redelivering within hours; a week of dedupe is ample. TTL may keep it longer, harmlessly. */
export const DEDUPE_TTL_SEC = 7 * DAY_SEC;

export type Claim =
  | { kind: 'fresh' }
  | { kind: 'resume'; replies: Reply[]; sent: number; forget?: boolean }
  | { kind: 'duplicate' }
  | { kind: 'busy' };

export async function claimInbound(
  store: Store,
  channel: Channel,
  externalId: string,
  owner: string,
  nowMs: number,
  leaseMs: number,
): Promise<Claim> {
  try {
    const out = await storeCall('claimInbound', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.inbound(channel, externalId),
          UpdateExpression:
            'SET #status = if_not_exists(#status, :processing), leaseOwner = :owner, leaseUntilMs = :lease, ' +
            'expiresAtSec = if_not_exists(expiresAtSec, :ttl), #type = :type',
          ConditionExpression: 'attribute_not_exists(PK) OR (#status <> :done AND leaseUntilMs < :now)',
          ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
          ExpressionAttributeValues: {
            ':processing': INBOUND_STATUS.processing,
            ':done': INBOUND_STATUS.done,
            ':owner': owner,
            ':lease': nowMs + leaseMs,
            ':now': nowMs,
            ':ttl': nowSec(nowMs) + DEDUPE_TTL_SEC,
            ':type': 'inbound',
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    const item = out.Attributes ?? {};
    if (item.status === INBOUND_STATUS.answered) {
      return {
        kind: 'resume',
        replies: (item.replies as Reply[]) ?? [],
        sent: Number(item.sent ?? 0),
        forget: item.forget === true,
      };
    }
    return { kind: 'fresh' };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = conditionFailureItem(error);
    return old?.status === INBOUND_STATUS.done ? { kind: 'duplicate' } : { kind: 'busy' };
  }
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An item the turn read changed before its commit (two messages of one person at once, both
 * counting in the same rate window): nothing was written; read again and run the turn again.
 */
export class TurnConflictError extends AppError {}

/**
 * Commits the engine's result atomically with the replies to send: the puts (contact, conversation
 * state, log...) happen only if this worker still holds the lease, and only if every guarded put's
 * condition holds (else `TurnConflictError`).
 */
export async function commitAnswer(
  store: Store,
  channel: Channel,
  externalId: string,
  owner: string,
  replies: Reply[],
  puts: Record<string, unknown>[],
  /** The turn erased the person: once the replies are out, their local outbox copies go too. */
  forget = false,
  guarded: GuardedPut[] = [],
): Promise<void> {
  const items: TransactItem[] = [
    {
      Update: {
        TableName: store.tableName,
        Key: keys.inbound(channel, externalId),
        UpdateExpression: 'SET #status = :answered, replies = :replies, sent = :zero, forget = :forget',
        ConditionExpression: 'leaseOwner = :owner AND #status = :processing',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':answered': INBOUND_STATUS.answered,
          ':processing': INBOUND_STATUS.processing,
          ':replies': replies,
          ':zero': 0,
          ':owner': owner,
          ':forget': forget,
        },
      },
    },
    ...puts.map((Item) => ({ Put: { TableName: store.tableName, Item } })),
    ...guarded.map((g) => ({
      Put: {
        TableName: store.tableName,
        Item: g.item,
        ConditionExpression: g.condition,
        ...(g.names ? { ExpressionAttributeNames: g.names } : {}),
        ...(g.values ? { ExpressionAttributeValues: g.values } : {}),
      },
    })),
  ];
  try {
    await storeCall('commitAnswer', () => store.doc.send(new TransactWriteCommand({ TransactItems: items })));
  } catch (error) {
    if (guarded.length > 0 && guardConflict(error, items.length - guarded.length)) {
      throw new TurnConflictError(`inbound ${channel}/${externalId}: an item read by the turn changed`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Whether a cancelled commit failed on a guarded put (at `firstGuard` and after) or on a
 * concurrent transaction, with the lease still held (item 0's condition passed).
 */
function guardConflict(error: unknown, firstGuard: number): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
  return reasons.some(
    (r, i) => r.Code === 'TransactionConflict' || (i >= firstGuard && r.Code === 'ConditionalCheckFailed'),
  );
}

/**
 * Gives up a claim after a failure in this worker, so the queue's next delivery can take the
 * message over at once instead of waiting for the lease to run out (a crash cannot do this; the
 * lease covers that case).
 */
export async function releaseInbound(
  store: Store,
  channel: Channel,
  externalId: string,
  owner: string,
): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.inbound(channel, externalId),
        UpdateExpression: 'SET leaseUntilMs = :zero',
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeValues: { ':zero': 0, ':owner': owner },
      }),
    );
  } catch {
    // Best effort: if the store is down or another worker took over, the lease expiry still frees it.
  }
}

/** Records that reply `index` went out; the condition makes a concurrent resume skip it. */
export async function markReplySent(
  store: Store,
  channel: Channel,
  externalId: string,
  index: number,
): Promise<void> {
  await storeCall('markReplySent', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.inbound(channel, externalId),
        UpdateExpression: 'SET sent = :next',
        ConditionExpression: 'sent = :index',
        ExpressionAttributeValues: { ':index': index, ':next': index + 1 },
      }),
    ),
  );
}

/**
 * Records that the last reply (`index`) went out and closes the record, in one request; the
 * condition makes a concurrent resume skip it, as `markReplySent` does.
 */
export async function markLastReplySentAndDone(
  store: Store,
  channel: Channel,
  externalId: string,
  index: number,
): Promise<void> {
  await storeCall('markLastReplySentAndDone', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.inbound(channel, externalId),
        UpdateExpression: 'SET sent = :next, #status = :done REMOVE replies, leaseOwner, forget',
        ConditionExpression: 'sent = :index',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':index': index, ':next': index + 1, ':done': INBOUND_STATUS.done },
      }),
    ),
  );
}

/** Closes the record; the replies' text is dropped so the dedupe record keeps no personal data. */
export async function markInboundDone(store: Store, channel: Channel, externalId: string): Promise<void> {
  await storeCall('markInboundDone', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.inbound(channel, externalId),
        UpdateExpression: 'SET #status = :done REMOVE replies, leaseOwner, forget',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': INBOUND_STATUS.done },
      }),
    ),
  );
}
