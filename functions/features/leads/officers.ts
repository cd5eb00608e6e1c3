import type { Channel } from '../../core/types.js';

/**
 * What the leads module needs to know about officers, and no more. The officers module
 * (`functions/features/officers/repository.ts`) implements it; leads never read officer items directly.
 */
export interface DeskOfficer {
  id: string;
  name?: string | undefined;
  /** Inactive officers get no new leads. */
  active: boolean;
  role: 'officer' | 'supervisor' | 'admin';
  desk: string;
  telegramUserId?: string | undefined;
  /** Set once the officer linked that account with a one-time code: only then is it alerted. */
  telegramLinkedAt?: string | undefined;
}

/**
 * Where desks work: their rooms are group chats of this channel (DESK_TELEGRAM_CHAT_IDS) and
 * officers' accounts are linked by their user id on it (`telegramUserId`). A deployment fact, not
 * a channel's behaviour: what the channel can do is asked of its adapter.
 */
export const DESK_CHANNEL: Channel = 'telegram';

export interface OfficerDirectory {
  /** The officers of a desk (any role), for "least open leads" assignment and supervisor alerts. */
  listDeskOfficers(desk: string): Promise<DeskOfficer[]>;
  /** The officer behind a Telegram account, for claim buttons pressed in a desk's group. */
  findByTelegramUserId(telegramUserId: string): Promise<DeskOfficer | undefined>;
  /** One officer by id (supervisor alerts reach their Telegram account when they have one). */
  getOfficer?(id: string): Promise<DeskOfficer | undefined>;
}

/** No officers known: every desk works by claiming, and Telegram claims are refused. */
export const emptyDirectory: OfficerDirectory = {
  listDeskOfficers: async () => [],
  findByTelegramUserId: async () => undefined,
};
