import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { fromTableItem, keys } from '../../store/keys.js';
import { queryPages } from '../../store/pages.js';

/**
 * A contact's subscriptions, stored beside the contact (same partition). `topics` is what the
 * person sees; each topic also has its own item, indexed under `TOPIC#<topic>` only while active,
 * so a broadcast lists a topic's subscribers with a Query (never a Scan).
 */
export interface SubscriptionProfile {
  channel: Channel;
  userId: string;
  address: string;
  lang: Lang;
  topics: string[];
  /** Deep-link payload of the first `/start <payload>` (a QR code at an event, a ministry post). */
  source?: string | undefined;
  sourceAt?: string | undefined;
  /** When the person last subscribed to a topic (their consent to receive updates). */
  consentAt?: string | undefined;
  /** When every subscription ended, and why (`stop`, `blocked`). */
  endedAt?: string | undefined;
  endedReason?: string | undefined;
  updatedAt: string;
}

/** One subscriber of a topic, as a broadcast's fan-out reads it. */
export interface TopicSubscriber {
  channel: Channel;
  userId: string;
  address: string;
}

export const NO_SOURCE = '(none)';

export function emptyProfile(
  contact: { channel: Channel; userId: string; address: string; lang: Lang },
  at: string,
): SubscriptionProfile {
  return {
    channel: contact.channel,
    userId: contact.userId,
    address: contact.address,
    lang: contact.lang,
    topics: [],
    updatedAt: at,
  };
}

export async function getSubscriptions(
  store: Store,
  channel: Channel,
  userId: string,
): Promise<SubscriptionProfile | undefined> {
  const out = await storeCall('getSubscriptions', () =>
    store.doc.send(
      new GetCommand({
        TableName: store.tableName,
        Key: keys.subscriptions(channel, userId),
        ConsistentRead: true,
      }),
    ),
  );
  if (!out.Item) return undefined;
  return fromTableItem<SubscriptionProfile>(out.Item);
}

function profileItem(profile: SubscriptionProfile): Record<string, unknown> {
  const { channel, userId } = profile;
  return {
    ...keys.subscriptions(channel, userId),
    type: 'subscriptions',
    ...profile,
    GSI2PK: keys.subscriberProfiles,
    GSI2SK: `${profile.source ?? NO_SOURCE}#${channel}#${userId}`,
  };
}

function topicItem(profile: SubscriptionProfile, topic: string, active: boolean): Record<string, unknown> {
  const { channel, userId, address } = profile;
  return {
    ...keys.subscriptionTopic(channel, userId, topic),
    type: 'subscription',
    channel,
    userId,
    address,
    topic,
    active,
    updatedAt: profile.updatedAt,
    // Absent index keys take the item out of GSI1: an inactive subscription is never listed.
    ...(active ? { GSI1PK: keys.topicSubscribers(topic), GSI1SK: `${channel}#${userId}` } : {}),
  };
}

/**
 * The items that record `next`, for the turn's transaction: the profile, and every topic whose
 * state changed since `previous`.
 */
export function subscriptionPuts(
  previous: SubscriptionProfile | undefined,
  next: SubscriptionProfile,
): Record<string, unknown>[] {
  const before = new Set(previous?.topics ?? []);
  const after = new Set(next.topics);
  const changed = [...new Set([...before, ...after])].filter((t) => before.has(t) !== after.has(t));
  return [profileItem(next), ...changed.map((t) => topicItem(next, t, after.has(t)))];
}

/**
 * Ends every subscription outside a conversation turn (the person blocked the bot). One
 * transaction, so the topic index and the profile never disagree.
 */
export async function endAllSubscriptions(
  store: Store,
  channel: Channel,
  userId: string,
  reason: string,
  at: string,
): Promise<boolean> {
  const previous = await getSubscriptions(store, channel, userId);
  if (!previous || previous.topics.length === 0) return false;
  const next: SubscriptionProfile = {
    ...previous,
    topics: [],
    endedAt: at,
    endedReason: reason,
    updatedAt: at,
  };
  await storeCall('endAllSubscriptions', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: subscriptionPuts(previous, next).map((Item) => ({
          Put: { TableName: store.tableName, Item },
        })),
      }),
    ),
  );
  return true;
}

/** One page of a topic's subscribers; pass the returned cursor to read the next page. */
export async function listTopicSubscribers(
  store: Store,
  topic: string,
  options: { limit?: number; cursor?: Record<string, unknown> | undefined } = {},
): Promise<{ subscribers: TopicSubscriber[]; cursor?: Record<string, unknown> | undefined }> {
  const out = await storeCall('listTopicSubscribers', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.topicSubscribers(topic) },
        ProjectionExpression: 'channel, userId, address',
        Limit: options.limit ?? 100,
        ExclusiveStartKey: options.cursor,
      }),
    ),
  );
  return {
    subscribers: (out.Items ?? []) as TopicSubscriber[],
    cursor: out.LastEvaluatedKey,
  };
}

export interface SourceCount {
  source: string;
  /** People who arrived through this source. */
  contacts: number;
  /** Of them, those subscribed to at least one topic now. */
  subscribers: number;
}

/** Subscribers counted by deep-link source, for the dashboard; most subscribers first. */
export async function countSubscribersBySource(store: Store): Promise<SourceCount[]> {
  const counts = new Map<string, SourceCount>();
  const pages = queryPages(store, 'countSubscribersBySource', {
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.subscriberProfiles },
    ProjectionExpression: '#source, topics',
    ExpressionAttributeNames: { '#source': 'source' },
  });
  for await (const out of pages) {
    for (const item of out.Items ?? []) {
      const source = (item.source as string | undefined) ?? NO_SOURCE;
      const entry = counts.get(source) ?? { source, contacts: 0, subscribers: 0 };
      entry.contacts++;
      if (((item.topics as string[] | undefined) ?? []).length > 0) entry.subscribers++;
      counts.set(source, entry);
    }
  }
  return [...counts.values()].sort(
    (a, b) => b.subscribers - a.subscribers || a.source.localeCompare(b.source),
  );
}
