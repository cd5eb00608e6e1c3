import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from '../../store/keys.js';
import { queryAll } from '../../store/pages.js';

/** No second question to the same person within this many days. */
export const ASK_INTERVAL_DAYS = 30;
export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

/**
 * Key formats of satisfaction (single table):
 * - ask     PK `CONTACT#<channel>#<userId>` SK `SATISFACTION_ASK` (the last question; erased with the contact)
 * - rating  PK `LEAD#<ref>` SK `SATISFACTION`, GSI1 `SATISFACTION` / `<at>#<ref>` (the dashboard's list)
 */
export const satisfactionKeys = {
  ask: (channel: Channel, userId: string) => ({
    PK: keys.contact(channel, userId).PK,
    SK: 'SATISFACTION_ASK',
  }),
  rating: (ref: string) => ({ PK: `LEAD#${ref}`, SK: 'SATISFACTION' }),
  list: 'SATISFACTION',
} as const;

export interface SatisfactionAsk {
  reference: string;
  desk: string;
  askedAtMs: number;
}

export interface Rating {
  reference: string;
  desk: string;
  score: Score;
  comment?: string | undefined;
  at: string;
}

/**
 * Records that this person is being asked about `reference`, unless they were asked within the
 * last 30 days (a conditional write: two closings at once ask once). False: do not ask.
 */
export async function claimAsk(
  store: Store,
  who: { channel: Channel; userId: string },
  ask: Omit<SatisfactionAsk, 'askedAtMs'>,
  nowMs: number,
): Promise<boolean> {
  const cutoff = nowMs - ASK_INTERVAL_DAYS * DAY_SEC * 1000;
  try {
    await storeCall('claimSatisfactionAsk', () =>
      store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...satisfactionKeys.ask(who.channel, who.userId),
            type: 'satisfactionAsk',
            ...ask,
            askedAtMs: nowMs,
            expiresAtSec: nowSec(nowMs) + ASK_INTERVAL_DAYS * DAY_SEC,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR askedAtMs < :cutoff',
          ExpressionAttributeValues: { ':cutoff': cutoff },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The open question to this person (within 30 days), if any. */
export async function getAsk(
  store: Store,
  who: { channel: Channel; userId: string },
  nowMs: number,
): Promise<SatisfactionAsk | undefined> {
  const out = await storeCall('getSatisfactionAsk', () =>
    store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: satisfactionKeys.ask(who.channel, who.userId) }),
    ),
  );
  const item = out.Item;
  if (!item || (item.askedAtMs as number) < nowMs - ASK_INTERVAL_DAYS * DAY_SEC * 1000) return undefined;
  return {
    reference: item.reference as string,
    desk: item.desk as string,
    askedAtMs: item.askedAtMs as number,
  };
}

/** Saves the score once per lead; false when the lead was already rated. */
export async function saveRating(store: Store, rating: Rating): Promise<boolean> {
  try {
    await storeCall('saveRating', () =>
      store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: {
            ...satisfactionKeys.rating(rating.reference),
            type: 'satisfaction',
            GSI1PK: satisfactionKeys.list,
            GSI1SK: `${rating.at}#${rating.reference}`,
            ...rating,
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

export async function addComment(store: Store, reference: string, comment: string): Promise<void> {
  await storeCall('addSatisfactionComment', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: satisfactionKeys.rating(reference),
        UpdateExpression: 'SET #comment = :c',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#comment': 'comment' },
        ExpressionAttributeValues: { ':c': comment },
      }),
    ),
  );
}

/**
 * Erasure: the person's own words go, the score stays as an anonymous figure of the desk's
 * dashboard. A lead that was never rated has nothing to forget.
 */
export async function forgetComment(store: Store, reference: string): Promise<void> {
  await storeCall('forgetSatisfactionComment', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: satisfactionKeys.rating(reference),
        UpdateExpression: 'REMOVE #comment',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#comment': 'comment' },
      }),
    ),
  ).catch((error: unknown) => {
    if (!isConditionFailure(error)) throw error;
  });
}

export async function getRating(store: Store, reference: string): Promise<Rating | undefined> {
  const out = await storeCall('getRating', () =>
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: satisfactionKeys.rating(reference) })),
  );
  return out.Item ? toRating(out.Item) : undefined;
}

function toRating(i: Record<string, unknown>): Rating {
  return {
    reference: i.reference as string,
    desk: i.desk as string,
    score: i.score as Score,
    comment: i.comment as string | undefined,
    at: i.at as string,
  };
}

/** Every rating since `fromIso` (all when absent), oldest first. */
export async function listRatings(store: Store, fromIso = '0'): Promise<Rating[]> {
  const items = await queryAll(store, 'listRatings', {
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :from',
    ExpressionAttributeValues: { ':pk': satisfactionKeys.list, ':from': fromIso },
  });
  return items.map(toRating);
}
