import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { fromTableItem, keys } from '../../store/keys.js';
import { queryPages } from '../../store/pages.js';
import { auditPut } from '../leads/audit.js';
import {
  BROADCAST_STATUS,
  type Broadcast,
  type BroadcastCounts,
  type Delivery,
  type DeliveryStatus,
  FINAL_STATUSES,
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
  return fromTableItem<Broadcast>(item);
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

/**
 * Creates the `queued` records that do not exist yet (a re-run fan-out never resets a delivery),
 * 100 per transaction instead of 100 round trips. Every put keeps its condition; when some records
 * exist, the transaction is cancelled and retried without them. Returns how many were created.
 */
export async function createQueuedMany(store: Store, deliveries: Delivery[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < deliveries.length; i += 100) {
    let pending = deliveries.slice(i, i + 100);
    while (pending.length > 0) {
      try {
        await storeCall('createQueuedMany', () =>
          store.doc.send(
            new TransactWriteCommand({
              TransactItems: pending.map((d) => ({
                Put: {
                  TableName: store.tableName,
                  Item: {
                    ...keys.broadcastDelivery(d.broadcastId, d.channel, d.userId),
                    type: 'delivery',
                    ...d,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              })),
            }),
          ),
        );
        created += pending.length;
        break;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const existing = new Set(reasons.flatMap((r, n) => (r.Code === 'ConditionalCheckFailed' ? [n] : [])));
        if (existing.size === 0) throw error;
        pending = pending.filter((_, n) => !existing.has(n));
      }
    }
  }
  return created;
}

/**
 * queued → sending, written BEFORE the platform call. Whoever wins the condition sends; a retry,
 * a redelivered batch or a resumed broadcast loses it and sends nothing. Returns the claimed record.
 */
export async function claimDelivery(
  store: Store,
  id: string,
  channel: Channel,
  userId: string,
  owner: string,
  at: string,
): Promise<Delivery | undefined> {
  try {
    const out = await storeCall('claimDelivery', () =>
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
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    const { PK: _pk, SK: _sk, type: _t, ...record } = out.Attributes ?? {};
    return record as unknown as Delivery;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Records the outcomes of deliveries this worker claimed, 25 per request. No condition is needed:
 * only the claim's owner writes an outcome, and nothing else writes a claimed record.
 */
export async function writeOutcomes(store: Store, records: Delivery[]): Promise<void> {
  for (let i = 0; i < records.length; i += 25) {
    let pending = records.slice(i, i + 25).map((d) => ({
      PutRequest: {
        Item: { ...keys.broadcastDelivery(d.broadcastId, d.channel, d.userId), type: 'delivery', ...d },
      },
    }));
    while (pending.length > 0) {
      const out = await storeCall('writeOutcomes', () =>
        store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: pending } })),
      );
      pending = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof pending;
    }
  }
}

/** Every delivery record of a broadcast, page by page (for the report and the recount). */
export async function forEachDelivery(
  store: Store,
  id: string,
  visit: (d: Delivery) => Promise<void> | void,
): Promise<void> {
  const pages = queryPages(store, 'listDeliveries', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': keys.broadcast(id).PK, ':sk': 'DELIVERY#' },
  });
  for await (const out of pages) {
    for (const item of out.Items ?? []) await visit(item as unknown as Delivery);
  }
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
