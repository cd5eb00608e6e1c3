import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../channels/types.js';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from './keys.js';

/**
 * Where a person is in a conversation. `flow` names the guided conversation under way (registration,
 * subscription...), `data` its answers so far; `options` maps the numbers of the last numbered list
 * to option ids, so "2" on WhatsApp means the same as pressing the second button on Telegram.
 */
export interface ConversationState {
  flow: string;
  step?: string | undefined;
  data: Record<string, unknown>;
  options: string[];
  updatedAtMs: number;
}

/** Abandoned conversations resume for a few days, then start afresh. */
export const CONVERSATION_TTL_SEC = 5 * DAY_SEC;

export const idleState = (nowMs: number): ConversationState => ({
  flow: 'idle',
  data: {},
  options: [],
  updatedAtMs: nowMs,
});

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
  const item = out.Item;
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
