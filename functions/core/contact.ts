import type { Channel, Lang } from './types.js';

/** One person on one channel. Keyed on the channel's own id, never on a phone number alone. */
export interface Contact {
  channel: Channel;
  userId: string;
  address: string;
  displayName?: string | undefined;
  lang: Lang;
  /** True once the person chose a language explicitly; detection no longer overrides it. */
  langChosen: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  consent: {
    /** ISO time the person agreed to be contacted about their request (set by registration). */
    contactAt?: string | undefined;
    /** ISO time the person subscribed to updates. */
    updatesAt?: string | undefined;
  };
}

export function newContact(
  init: Pick<Contact, 'channel' | 'userId' | 'address' | 'lang'> & { at: string },
): Contact {
  return {
    channel: init.channel,
    userId: init.userId,
    address: init.address,
    lang: init.lang,
    langChosen: false,
    firstSeenAt: init.at,
    lastSeenAt: init.at,
    consent: {},
  };
}

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

export const idleState = (nowMs: number): ConversationState => ({
  flow: 'idle',
  data: {},
  options: [],
  updatedAtMs: nowMs,
});
