import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../store/client.js';
import { conditionFailureItem, isConditionFailure, storeCall } from '../store/dynamo-errors.js';
import { keys, nowSec } from '../store/keys.js';

/**
 * Password checks allowed per window. A check is reserved by a conditional write *before* the
 * password is hashed, so parallel attempts can never exceed these counts. Buckets are keyed by a
 * hash of the typed address, known account or not, so the answers reveal no accounts.
 */
export const LOGIN_LIMITS = {
  /** One account from one client address: what a stranger guessing alone can spend. */
  accountFromAddress: 5,
  /** One account from every address together: a spread-out attack still meets a ceiling. */
  account: 20,
  /** One client address over every account it tries. */
  address: 30,
  /** The first window; each window used up doubles the next one, up to `maxWindowMs`. */
  baseWindowMs: 60_000,
  maxWindowMs: 15 * 60_000,
} as const;

export type ThrottleBucket = 'accountFromAddress' | 'account' | 'address';

export type Reservation =
  | {
      ok: true /** This check used the last one of its window (an officer is told if it fails). */;
      last: boolean;
    }
  | { ok: false; retryAfterMs: number };

const hash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

export function throttleKey(bucket: ThrottleBucket, email: string, address: string | undefined): string {
  const account = hash(email.trim().toLowerCase());
  if (bucket === 'account') return `acct#${account}`;
  if (bucket === 'address') return `ip#${hash(address ?? '')}`;
  return `pair#${account}#${hash(address ?? '')}`;
}

const itemKey = keys.loginThrottle;

interface BucketItem {
  attempts: number;
  windowEndsMs: number;
  /** Windows used up in a row: the next window lasts base × 2^strikes. */
  strikes: number;
}

/**
 * Reserves one password check in a bucket. Either increments the open window under
 * `attempts < max`, or opens a new window over an expired one (conditioned on the old window's
 * end, so two callers cannot both open it). Never read-then-write.
 */
export async function reserveCheck(
  store: Store,
  key: string,
  max: number,
  nowMs: number,
): Promise<Reservation> {
  for (let round = 0; round < 4; round++) {
    let old: BucketItem | undefined;
    try {
      const out = await storeCall('reserveLoginCheck', () =>
        store.doc.send(
          new UpdateCommand({
            TableName: store.tableName,
            Key: itemKey(key),
            UpdateExpression: 'SET attempts = attempts + :one',
            ConditionExpression: 'windowEndsMs > :now AND attempts < :max',
            ExpressionAttributeValues: { ':one': 1, ':now': nowMs, ':max': max },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return { ok: true, last: Number(out.Attributes?.attempts) >= max };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      old = conditionFailureItem(error) as BucketItem | undefined;
    }
    if (old && old.windowEndsMs > nowMs) return { ok: false, retryAfterMs: old.windowEndsMs - nowMs };
    const strikes = old ? (old.attempts >= max ? old.strikes + 1 : 0) : 0;
    const windowMs = Math.min(LOGIN_LIMITS.baseWindowMs * 2 ** strikes, LOGIN_LIMITS.maxWindowMs);
    try {
      await storeCall('openLoginWindow', () =>
        store.doc.send(
          new PutCommand({
            TableName: store.tableName,
            Item: {
              ...itemKey(key),
              type: 'loginThrottle',
              attempts: 1,
              windowEndsMs: nowMs + windowMs,
              strikes: Math.min(strikes, 10),
              // Kept past the window so a run of used-up windows keeps growing the delay.
              expiresAtSec: nowSec(nowMs + windowMs + LOGIN_LIMITS.maxWindowMs * 2),
            },
            ConditionExpression: old ? 'windowEndsMs = :end' : 'attribute_not_exists(PK)',
            ...(old ? { ExpressionAttributeValues: { ':end': old.windowEndsMs } } : {}),
          }),
        ),
      );
      return { ok: true, last: max <= 1 };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Another attempt opened the window first: count against it.
    }
  }
  return { ok: false, retryAfterMs: LOGIN_LIMITS.baseWindowMs };
}

/**
 * A check that turned out right gives its reservation back: an officer who signs in often is never
 * slowed down, while every failed check stays counted. The floor keeps a window at zero, never
 * below, when it was reopened meanwhile.
 */
export async function releaseCheck(store: Store, key: string): Promise<void> {
  await storeCall('releaseLoginCheck', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: itemKey(key),
        UpdateExpression: 'SET attempts = attempts - :one',
        ConditionExpression: 'attempts > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      }),
    ),
  ).catch((error: unknown) => {
    if (!isConditionFailure(error)) throw error;
  });
}

/** A successful sign-in from this address clears its own account bucket (not the others). */
export async function clearBucket(store: Store, key: string): Promise<void> {
  await storeCall('clearLoginThrottle', () =>
    store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: itemKey(key) })),
  );
}

export type LoginGate =
  | {
      ok: true;
      /** Buckets whose last check of the window this attempt used. */
      exhausted: ThrottleBucket[];
      /** The keys this attempt reserved a check in, to give back if the password is right. */
      reserved: string[];
    }
  | { ok: false; retryAfterMs: number };

/**
 * Reserves a check in every bucket that applies (the address ones only when the runtime knows the
 * client's address). The first bucket that refuses ends it: nothing is hashed.
 */
export async function reserveLogin(
  store: Store,
  email: string,
  address: string | undefined,
  nowMs: number,
): Promise<LoginGate> {
  const buckets: ThrottleBucket[] = address ? ['address', 'accountFromAddress', 'account'] : ['account'];
  const exhausted: ThrottleBucket[] = [];
  const reserved: string[] = [];
  for (const bucket of buckets) {
    // Without a known address every caller shares the account bucket, held to the pair's limit.
    const max = bucket === 'account' && !address ? LOGIN_LIMITS.accountFromAddress : LOGIN_LIMITS[bucket];
    const key = throttleKey(bucket, email, address);
    const r = await reserveCheck(store, key, max, nowMs);
    if (!r.ok) {
      // Refused by a later bucket: the earlier ones' reservations checked nothing.
      await Promise.all(reserved.map((k) => releaseCheck(store, k)));
      return r;
    }
    reserved.push(key);
    if (r.last) exhausted.push(bucket);
  }
  return { ok: true, exhausted, reserved };
}

/** The client's address as the runtime saw it: Lambda's request context, or the Node socket. */
export function clientAddress(env: unknown): string | undefined {
  const e = env as
    | {
        requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return (
    e?.requestContext?.http?.sourceIp ??
    e?.requestContext?.identity?.sourceIp ??
    e?.incoming?.socket?.remoteAddress ??
    undefined
  );
}
