import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../channels/types.js';
import { auditPut } from '../leads/audit.js';
import type { Store } from '../store/client.js';
import { isConditionFailure, storeCall } from '../store/dynamo-errors.js';
import { keys } from '../store/keys.js';
import {
  BROADCAST_STATUS,
  type Broadcast,
  type BroadcastCounts,
  type Delivery,
  type DeliveryStatus,
  FINAL_STATUSES,
  type FinalStatus,
} from './model.js';

/** The audit trail is keyed by a reference; a broadcast's is `BROADCAST-<id>`. */
export const broadcastAuditRef = (id: string) => `BROADCAST-${id}`;

function broadcastItem(b: Broadcast): Record<string, unknown> {
  return {
    ...keys.broadcast(b.id),
    type: 'broadcast',
    ...b,
    GSI1PK: keys.broadcastsList,
    GSI1SK: `${b.createdAt}#${b.id}`,
    ...(b.status === BROADCAST_STATUS.scheduled
      ? { GSI2PK: keys.broadcastsDue, GSI2SK: `${b.sendAt}#${b.id}` }
      : {}),
  };
}

function fromItem(item: Record<string, unknown>): Broadcast {
  const { PK: _p, SK: _s, type: _t, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, ...rest } = item;
  return rest as unknown as Broadcast;
}

/** Stores a new broadcast and its audit entry together: no broadcast exists outside the trail. */
export async function insertBroadcast(store: Store, broadcast: Broadcast): Promise<void> {
  await storeCall('insertBroadcast', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: broadcastItem(broadcast),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          auditPut(store, {
            ref: broadcastAuditRef(broadcast.id),
            at: broadcast.createdAt,
            actor: broadcast.createdBy,
            action: 'broadcast_created',
            detail: {
              topic: broadcast.topic,
              sendAt: broadcast.sendAt,
              country: broadcast.country ?? 'all',
              languages: Object.keys(broadcast.texts)
                .filter((l) => broadcast.texts[l as 'fr' | 'en'])
                .join(','),
              template: broadcast.whatsappTemplate?.contentSid ?? 'none',
            },
          }),
        ],
      }),
    ),
  );
}

export async function getBroadcast(store: Store, id: string): Promise<Broadcast | undefined> {
  const out = await storeCall('getBroadcast', () =>
    store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.broadcast(id), ConsistentRead: true }),
    ),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/** Most recent first. */
export async function listBroadcasts(store: Store, limit = 50): Promise<Broadcast[]> {
  const out = await storeCall('listBroadcasts', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.broadcastsList },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  );
  return (out.Items ?? []).map(fromItem);
}

/** Ids of scheduled broadcasts due at `nowIso` (the sparse GSI2 holds only scheduled ones). */
export async function dueBroadcastIds(store: Store, nowIso: string): Promise<string[]> {
  const out = await storeCall('dueBroadcasts', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :now',
        ExpressionAttributeValues: { ':pk': keys.broadcastsDue, ':now': `${nowIso}#~` },
      }),
    ),
  );
  return (out.Items ?? []).map((i) => i.id as string);
}

/** Broadcasts left in `sending` (to resume after a crash). */
export async function sendingBroadcastIds(store: Store): Promise<string[]> {
  return (await listBroadcasts(store, 200))
    .filter((b) => b.status === BROADCAST_STATUS.sending)
    .map((b) => b.id);
}

/** scheduled → sending, once: only the caller that wins this condition starts the fan-out. */
export async function markStarted(store: Store, id: string, at: string): Promise<boolean> {
  try {
    await storeCall('markStarted', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.broadcast(id),
          UpdateExpression: 'SET #status = :sending, startedAt = :at REMOVE GSI2PK, GSI2SK',
          ConditionExpression: '#status = :scheduled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': BROADCAST_STATUS.sending,
            ':scheduled': BROADCAST_STATUS.scheduled,
            ':at': at,
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

type CountField = keyof BroadcastCounts;

/** Adds to the counters and returns the broadcast as it now is. */
export async function addCounts(
  store: Store,
  id: string,
  delta: Partial<Record<CountField, number>>,
  setFannedOut = false,
): Promise<Broadcast> {
  const entries = Object.entries(delta).filter(([, n]) => n);
  const add = entries.map(([k]) => `#${k} :${k}`).join(', ');
  const out = await storeCall('addCounts', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.broadcast(id),
        UpdateExpression: [setFannedOut ? 'SET fannedOut = :true' : '', add ? `ADD ${add}` : '']
          .filter(Boolean)
          .join(' '),
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: entries.length
          ? Object.fromEntries(entries.map(([k]) => [`#${k}`, k]))
          : undefined,
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([k, n]) => [`:${k}`, n])),
          ...(setFannedOut ? { ':true': true } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  );
  return fromItem(out.Attributes ?? {});
}

/** Replaces the counters with a recount of the delivery records (after a crash). */
export async function setCounts(
  store: Store,
  id: string,
  counts: Omit<BroadcastCounts, 'total'>,
): Promise<void> {
  const fields = Object.keys(counts) as (keyof typeof counts)[];
  await storeCall('setCounts', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.broadcast(id),
        UpdateExpression: `SET ${fields.map((k) => `#${k} = :${k}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(fields.map((k) => [`#${k}`, k])),
        ExpressionAttributeValues: Object.fromEntries(fields.map((k) => [`:${k}`, counts[k]])),
      }),
    ),
  );
}

/** sending → done once every recipient has an outcome. */
export async function markDone(store: Store, id: string, at: string): Promise<boolean> {
  try {
    await storeCall('markDone', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.broadcast(id),
          UpdateExpression: 'SET #status = :done, finishedAt = :at',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':done': BROADCAST_STATUS.done,
            ':sending': BROADCAST_STATUS.sending,
            ':at': at,
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export const isComplete = (b: Broadcast) =>
  b.fannedOut && FINAL_STATUSES.reduce((n, s) => n + (b[s] ?? 0), 0) >= (b.total ?? 0);

// ---- Per-recipient delivery records ----

/** Creates the `queued` record unless one exists (a re-run fan-out never resets a delivery). */
export async function createQueued(store: Store, delivery: Delivery): Promise<boolean> {
  try {
    await storeCall('createQueued', () =>
      store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...keys.broadcastDelivery(delivery.broadcastId, delivery.channel, delivery.userId),
            type: 'delivery',
            ...delivery,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * queued → sending, written BEFORE the platform call. Whoever wins the condition sends; a retry,
 * a redelivered batch or a resumed broadcast loses it and sends nothing.
 */
export async function claimDelivery(
  store: Store,
  id: string,
  channel: Channel,
  userId: string,
  owner: string,
  at: string,
): Promise<boolean> {
  try {
    await storeCall('claimDelivery', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.broadcastDelivery(id, channel, userId),
          UpdateExpression: 'SET #status = :sending, claimedAt = :at, #owner = :owner',
          ConditionExpression: '#status = :queued',
          ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':queued': 'queued',
            ':at': at,
            ':owner': owner,
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Records the outcome of a claimed delivery. */
export async function recordOutcome(
  store: Store,
  id: string,
  channel: Channel,
  userId: string,
  owner: string,
  outcome: {
    status: FinalStatus;
    reason?: string | undefined;
    via?: Delivery['via'];
    lang?: Delivery['lang'];
  },
  at: string,
): Promise<void> {
  const extra = { reason: outcome.reason, via: outcome.via, lang: outcome.lang };
  const set = Object.entries(extra).filter(([, v]) => v !== undefined);
  await storeCall('recordOutcome', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.broadcastDelivery(id, channel, userId),
        UpdateExpression: `SET #status = :status, doneAt = :at${set.map(([k]) => `, ${k} = :${k}`).join('')}`,
        ConditionExpression: '#status = :sending AND #owner = :owner',
        ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':sending': 'sending',
          ':owner': owner,
          ':at': at,
          ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
        },
      }),
    ),
  );
}

/** Every delivery record of a broadcast, page by page (for the report and the recount). */
export async function forEachDelivery(
  store: Store,
  id: string,
  visit: (d: Delivery) => Promise<void> | void,
): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await storeCall('listDeliveries', () =>
      store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': keys.broadcast(id).PK, ':sk': 'DELIVERY#' },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of out.Items ?? []) await visit(item as unknown as Delivery);
    start = out.LastEvaluatedKey;
  } while (start);
}

/** A `sending` record whose sender died: it may have gone out, so it is never sent again. */
export async function markUnknown(store: Store, d: Delivery): Promise<boolean> {
  try {
    await storeCall('markUnknown', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.broadcastDelivery(d.broadcastId, d.channel, d.userId),
          UpdateExpression: 'SET #status = :unknown, reason = :reason',
          ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':unknown': 'unknown',
            ':sending': 'sending',
            ':claimedAt': d.claimedAt,
            ':reason': 'interrupted during the send; not retried to avoid a duplicate',
          },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export type StatusCounts = Record<DeliveryStatus, number>;
