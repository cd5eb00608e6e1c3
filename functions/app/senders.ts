import { CHANNEL_ADAPTERS } from '../channels/index.js';
import type { ChannelAdapter } from '../core/channel.js';
import type { Config } from '../core/config.js';
import type { Senders } from '../core/types.js';
import type { Store } from '../store/client.js';
import { createOutboxSender, printerFor } from './outbox-sender.js';

/** Real channel clients where credentials are configured; the local outbox for the others. */
export function createSenders(
  config: Config,
  store: Store,
  adapters: readonly ChannelAdapter[] = CHANNEL_ADAPTERS,
): Senders {
  const print = printerFor(config.LOG_LEVEL);
  // The built-in channels are in the list (a test may add one, never remove them).
  return Object.fromEntries(
    adapters.map((a) => [a.id, a.createSender(config) ?? createOutboxSender(a, store, print)]),
  ) as Senders;
}
