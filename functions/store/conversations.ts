import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConversationState } from '../core/contact.js';
import { idleState } from '../core/contact.js';
import type { Channel } from '../core/types.js';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from './keys.js';

/** Abandoned conversations resume for a few days, then start afresh. */
export const CONVERSATION_TTL_SEC = 5 * DAY_SEC;

export async function getConversation(
  store: Store,
  channel: Channel,
  userId: string,
  nowMs: number,
): Promise<ConversationState> {
  const out = await storeCall('getConversation', () =>
    store.doc.send(
      new GetCommand({
        TableName: store.tableName,
        Key: keys.conversation(channel, userId),
        ConsistentRead: true,
      }),
    ),
  );
  return stateFromItem(out.Item, nowMs);
}

/** The state a stored item holds; an absent or expired one is a fresh idle state. */
export function stateFromItem(item: Record<string, unknown> | undefined, nowMs: number): ConversationState {
  // TTL deletion lags by up to two days: an expired state is treated as absent here.
  if (!item || (typeof item.expiresAtSec === 'number' && item.expiresAtSec < nowSec(nowMs)))
    return idleState(nowMs);
  return item.state as ConversationState;
}

export function conversationItem(
  channel: Channel,
  userId: string,
  state: ConversationState,
  nowMs: number,
): Record<string, unknown> {
  return {
    ...keys.conversation(channel, userId),
    type: 'conversation',
    state,
    expiresAtSec: nowSec(nowMs) + CONVERSATION_TTL_SEC,
  };
}
