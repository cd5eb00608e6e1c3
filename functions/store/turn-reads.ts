import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact, ConversationState } from '../core/contact.js';
import { StoreUnavailableError } from '../core/errors.js';
import { type ItemKey, itemKeyId as id, type TurnReads } from '../core/turn-io.js';
import type { Channel } from '../core/types.js';
import type { Store } from './client.js';
import { contactFromItem } from './contacts.js';
import { stateFromItem } from './conversations.js';
import { storeCall } from './dynamo-errors.js';
import { keys } from './keys.js';

/** What one turn starts from: the contact (absent for a first message), the state, and the extra reads. */
export interface TurnSnapshot {
  contact: Contact | undefined;
  state: ConversationState;
  reads: TurnReads;
}

/** BatchGetItem takes up to 100 keys; a turn asks for a handful. */
const MAX_KEYS = 100;
const UNPROCESSED_ATTEMPTS = 5;

/**
 * Reads everything a turn needs in one request: the person's contact and conversation state and
 * the items the engine's capabilities asked for (an officer's hold, the rate counter), strongly
 * consistent like the single reads they replace. Keys DynamoDB leaves unprocessed (throttling) are
 * asked for again, which is the only case with more than one request.
 */
export async function readTurn(
  store: Store,
  channel: Channel,
  userId: string,
  extra: ItemKey[],
  nowMs: number,
): Promise<TurnSnapshot> {
  const contactKey = keys.contact(channel, userId);
  const stateKey = keys.conversation(channel, userId);
  const wanted = new Map<string, ItemKey>();
  for (const key of [contactKey, stateKey, ...extra]) wanted.set(id(key), { PK: key.PK, SK: key.SK });
  if (wanted.size > MAX_KEYS) throw new RangeError(`a turn reads at most ${MAX_KEYS} items`);

  const found = new Map<string, Record<string, unknown>>();
  let pending = [...wanted.values()];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const keysNow = pending;
    const out = await storeCall('readTurn', () =>
      store.doc.send(
        new BatchGetCommand({
          RequestItems: { [store.tableName]: { Keys: keysNow, ConsistentRead: true } },
        }),
      ),
    );
    for (const item of out.Responses?.[store.tableName] ?? []) {
      found.set(id(item as unknown as ItemKey), item);
    }
    pending = (out.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as ItemKey[];
    if (pending.length > 0) {
      if (attempt >= UNPROCESSED_ATTEMPTS) {
        // Reported as an outage: the queue redelivers the message later.
        throw new StoreUnavailableError('DynamoDB left keys of readTurn unprocessed');
      }
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt));
    }
  }

  const contactItem = found.get(id(contactKey));
  return {
    contact: contactItem ? contactFromItem(contactItem) : undefined,
    state: stateFromItem(found.get(id(stateKey)), nowMs),
    reads: {
      has: (key) => wanted.has(id(key)),
      get: (key) => found.get(id(key)),
    },
  };
}
