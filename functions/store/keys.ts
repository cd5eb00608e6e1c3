import type { Channel } from '../channels/types.js';

/** Every key format of the single table, in one place. */
export const keys = {
  contact: (channel: Channel, userId: string) => ({ PK: `CONTACT#${channel}#${userId}`, SK: 'PROFILE' }),
  conversation: (channel: Channel, userId: string) => ({ PK: `CONTACT#${channel}#${userId}`, SK: 'STATE' }),
  message: (channel: Channel, userId: string, atMs: number, id: string) => ({
    PK: `CONTACT#${channel}#${userId}`,
    SK: `MSG#${new Date(atMs).toISOString()}#${id}`,
  }),
  messagesPrefix: (channel: Channel, userId: string) => ({
    PK: `CONTACT#${channel}#${userId}`,
    SKPrefix: 'MSG#',
  }),
  inbound: (channel: Channel, externalId: string) => ({
    PK: `INBOUND#${channel}#${externalId}`,
    SK: 'INBOUND',
  }),
  outbox: (atMs: number, id: string) => ({ PK: 'OUTBOX', SK: `${new Date(atMs).toISOString()}#${id}` }),
  // Officers are few: one partition lists them all; GSI1 by desk, GSI2 by Telegram user id.
  officer: (id: string) => ({ PK: 'OFFICERS', SK: `OFFICER#${id}` }),
  officerEmail: (email: string) => ({ PK: `OFFICER_EMAIL#${email}`, SK: 'OFFICER_EMAIL' }),
  officersOfDesk: (desk: string) => `DESK_OFFICERS#${desk}`,
  officerTelegram: (telegramUserId: string) => `OFFICER_TG#${telegramUserId}`,
  consoleSession: (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  consoleReply: (idempotencyKey: string) => ({ PK: `CONSOLE_REPLY#${idempotencyKey}`, SK: 'CONSOLE_REPLY' }),
} as const;

export const nowSec = (nowMs: number) => Math.floor(nowMs / 1000);
export const DAY_SEC = 24 * 3600;
