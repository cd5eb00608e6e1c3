/**
 * What a turn reads and writes besides the contact and the conversation state, as plain values:
 * the engine and the features describe them, the worker reads and commits them (store/).
 */

/** A table item's key. */
export interface ItemKey {
  PK: string;
  SK: string;
}

/** Items read once for the turn, by key. */
export interface TurnReads {
  /** Whether `key` was read for this turn (then `get` answers for it, `undefined` meaning absent). */
  has(key: ItemKey): boolean;
  get(key: ItemKey): Record<string, unknown> | undefined;
}

/**
 * A put committed with the turn only if `condition` holds on the stored item: optimistic
 * concurrency for an item read in `Turn.reads` (a counter). If the condition fails, another turn
 * changed the item since it was read: the worker reads again and runs the turn again.
 */
export interface GuardedPut {
  item: Record<string, unknown>;
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export const itemKeyId = (key: ItemKey) => `${key.PK}\u0000${key.SK}`;
