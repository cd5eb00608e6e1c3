import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Turn, TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { keys, nowSec } from '../../store/keys.js';
import { ABUSE_TEXTS } from './texts.js';

export const WINDOW_MS = 60_000;

/** Where a message stands against the per-minute limit. */
export const RATE_VERDICTS = { allowed: 'allowed', warn: 'warn', silent: 'silent' } as const;
export type RateVerdict = (typeof RATE_VERDICTS)[keyof typeof RATE_VERDICTS];

/**
 * Counts one message in the person's current minute with an atomic ADD (concurrent workers never
 * lose a count) and says what to do with it: the first message over the limit gets a warning, the
 * ones after it nothing, so a flood is not answered by a flood. The window item expires by TTL.
 *
 * A message redelivered after a failed attempt is counted again: the count may run slightly high,
 * which errs on the side of protecting the LLM.
 */
export async function countMessage(
  store: Store,
  userKey: string,
  nowMs: number,
  limitPerMinute: number,
): Promise<RateVerdict> {
  if (limitPerMinute <= 0) return RATE_VERDICTS.allowed;
  const minute = Math.floor(nowMs / WINDOW_MS);
  const out = await storeCall('countMessage', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.rateWindow(userKey, minute),
        UpdateExpression:
          'ADD #count :one SET expiresAtSec = if_not_exists(expiresAtSec, :ttl), #type = :type',
        ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
        // Two windows of margin: TTL deletes late and the reads never look at an old window anyway.
        ExpressionAttributeValues: { ':one': 1, ':ttl': nowSec(nowMs) + 180, ':type': 'rate' },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  const count = Number(out.Attributes?.count ?? 0);
  if (count <= limitPerMinute) return RATE_VERDICTS.allowed;
  return count === limitPerMinute + 1 ? RATE_VERDICTS.warn : RATE_VERDICTS.silent;
}

/**
 * The engine interceptor, registered first: a person over the limit is told once per minute to
 * slow down, and their message goes no further (not to the knowledge base, not to the LLM).
 */
export function rateLimitInterceptor(deps: { store: Store; limitPerMinute: number }) {
  return async (turn: Turn): Promise<TurnResult | undefined> => {
    const { channel, userId } = turn.message;
    const verdict = await countMessage(deps.store, `${channel}:${userId}`, turn.nowMs, deps.limitPerMinute);
    if (verdict === RATE_VERDICTS.allowed) return undefined;
    const replies = verdict === RATE_VERDICTS.warn ? [{ text: ABUSE_TEXTS[turn.contact.lang].slowDown }] : [];
    // The conversation state is left as it was: the person picks up where they were once they slow down.
    return { replies, contact: turn.contact, state: { ...turn.state, updatedAtMs: turn.nowMs } };
  };
}
