import type { Turn, TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { getHold } from '../leads/repository.js';

/**
 * While an officer holds a person's conversation, the bot says nothing to them: the turn ends with
 * no reply and the state untouched. The worker still logs the message, so the officer sees it.
 */
export function holdInterceptor(store: Store) {
  return async (turn: Turn): Promise<TurnResult | undefined> => {
    const hold = await getHold(store, turn.message.channel, turn.message.userId);
    if (!hold) return undefined;
    return { replies: [], contact: turn.contact, state: turn.state };
  };
}
