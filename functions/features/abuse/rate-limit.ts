import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GuardedPut, ItemKey } from '../../core/turn-io.js';
import type { InboundMessage } from '../../core/types.js';
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
 * Used as is, a message redelivered after a failed attempt is counted again: the count may run
 * slightly high, which errs on the side of protecting the LLM. (The worker's turns count in their
 * commit instead: see `rateLimitInterceptor`.)
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
  return verdictFor(Number(out.Attributes?.count ?? 0), limitPerMinute);
}

/** The verdict on the `count`-th message of a minute. */
function verdictFor(count: number, limitPerMinute: number): RateVerdict {
  if (count <= limitPerMinute) return RATE_VERDICTS.allowed;
  return count === limitPerMinute + 1 ? RATE_VERDICTS.warn : RATE_VERDICTS.silent;
}

/** The person's counter for the minute of `nowMs`. */
export const rateWindowKey = (message: Pick<InboundMessage, 'channel' | 'userId'>, nowMs: number) =>
  keys.rateWindow(`${message.channel}:${message.userId}`, Math.floor(nowMs / WINDOW_MS));

/** The engine's `reads` entry: the worker reads the minute's counter with the contact and the state. */
export const rateLimitReads =
  (limitPerMinute: number) =>
  (message: InboundMessage, nowMs: number): ItemKey[] =>
    limitPerMinute > 0 ? [rateWindowKey(message, nowMs)] : [];

/**
 * The counter after this message, written with the turn's commit only if it still holds the count
 * that was read: two messages of one person at once cannot both count as the same one (the second
 * commit fails, and the worker runs that turn again on the new count).
 */
function countedWindow(key: ItemKey, read: Record<string, unknown> | undefined, nowMs: number): GuardedPut {
  const before = Number(read?.count ?? 0);
  return {
    item: {
      ...key,
      type: 'rate',
      count: before + 1,
      // Two windows of margin: TTL deletes late and the reads never look at an old window anyway.
      expiresAtSec: typeof read?.expiresAtSec === 'number' ? read.expiresAtSec : nowSec(nowMs) + 180,
    },
    ...(read
      ? { condition: '#count = :before', names: { '#count': 'count' }, values: { ':before': before } }
      : { condition: 'attribute_not_exists(PK)' }),
  };
}

/**
 * The engine interceptor, registered first: a person over the limit is told once per minute to
 * slow down, and their message goes no further (not to the knowledge base, not to the LLM).
 *
 * Under the worker the counter was read with the turn (`rateLimitReads`) and the count moves in
 * the turn's commit, so a message is counted once however often it is retried; without a worker
 * (a tool, a test of the engine alone) it counts with its own atomic update.
 */
export function rateLimitInterceptor(deps: { store: Store; limitPerMinute: number }) {
  return async (turn: Turn): Promise<TurnResult | undefined> => {
    const { channel, userId } = turn.message;
    if (deps.limitPerMinute <= 0) return undefined;
    const key = rateWindowKey(turn.message, turn.nowMs);
    let verdict: RateVerdict;
    if (turn.reads?.has(key) && turn.noteGuarded) {
      const counted = countedWindow(key, turn.reads.get(key), turn.nowMs);
      turn.noteGuarded.push(counted);
      verdict = verdictFor(Number(counted.item.count), deps.limitPerMinute);
    } else {
      verdict = await countMessage(deps.store, `${channel}:${userId}`, turn.nowMs, deps.limitPerMinute);
    }
    if (verdict === RATE_VERDICTS.allowed) return undefined;
    const replies = verdict === RATE_VERDICTS.warn ? [{ text: ABUSE_TEXTS[turn.contact.lang].slowDown }] : [];
    // The conversation state is left as it was: the person picks up where they were once they slow down.
    return { replies, contact: turn.contact, state: { ...turn.state, updatedAtMs: turn.nowMs } };
  };
}
