import type { Senders } from '../channels/types.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../store/client.js';
import { createEngine } from './engine.js';

export interface CapabilityDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** For capabilities that message someone outside the turn (an officer's reply, a broadcast). */
  senders?: Senders;
  now?: () => number;
}

/** Assembles the engine with every capability the product has; the one place they are listed. */
export function buildEngine(_deps: CapabilityDeps) {
  return createEngine({});
}
