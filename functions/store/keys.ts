import type { Channel } from '../core/types.js';
import { GSIS, TABLE_KEYS } from './table-schema.js';

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
  // Sign-in check counters: one item per bucket (account, address, or both), keyed by hashes.
  loginThrottle: (bucket: string) => ({ PK: `LOGIN_THROTTLE#${bucket}`, SK: 'THROTTLE' }),
  consoleReply: (idempotencyKey: string) => ({ PK: `CONSOLE_REPLY#${idempotencyKey}`, SK: 'CONSOLE_REPLY' }),
  officerAudit: (at: string, id: string) => ({ PK: 'OFFICER_AUDIT', SK: `${at}#${id}` }),
  // Subscriptions: one profile per contact (GSI2 lists every profile, by source), one item per topic
  // whose GSI1 entry exists only while subscribed, so a broadcast Queries a topic's subscribers.
  subscriptions: (channel: Channel, userId: string) => ({
    PK: `CONTACT#${channel}#${userId}`,
    SK: 'SUBSCRIPTIONS',
  }),
  subscriptionTopic: (channel: Channel, userId: string, topic: string) => ({
    PK: `CONTACT#${channel}#${userId}`,
    SK: `SUB#${topic}`,
  }),
  topicSubscribers: (topic: string) => `TOPIC#${topic}`,
  subscriberProfiles: 'SUBSCRIBER_PROFILES',
  // Broadcasts: GSI1 lists them by creation, GSI2 holds the scheduled ones by due time (sparse).
  broadcast: (id: string) => ({ PK: `BROADCAST#${id}`, SK: 'BROADCAST' }),
  broadcastDelivery: (id: string, channel: Channel, userId: string) => ({
    PK: `BROADCAST#${id}`,
    SK: `DELIVERY#${channel}#${userId}`,
  }),
  broadcastsList: 'BROADCASTS',
  broadcastsDue: 'BROADCASTS_DUE',
  // Knowledge gaps and feedback: one partition each, read whole by the curators' report.
  knowledgeGap: (atMs: number, id: string) => ({ PK: 'KBGAP', SK: `${new Date(atMs).toISOString()}#${id}` }),
  // One vote per person and entry (a second press replaces the first); `voter` is a hash, not an id.
  knowledgeFeedback: (entryId: string, voter: string) => ({ PK: 'KBFEEDBACK', SK: `${entryId}#${voter}` }),
  // Abuse counters: one item per user per minute (rate limit), per day (LLM budget) and the day's total.
  rateWindow: (userKey: string, minute: number) => ({ PK: `RATE#${userKey}`, SK: `MIN#${minute}` }),
  llmBudgetUser: (day: string, userKey: string) => ({ PK: `LLM_BUDGET#${day}`, SK: `USER#${userKey}` }),
  llmBudgetTotal: (day: string) => ({ PK: `LLM_BUDGET#${day}`, SK: 'TOTAL' }),
} as const;

export const nowSec = (nowMs: number) => Math.floor(nowMs / 1000);
export const DAY_SEC = 24 * 3600;

/**
 * An item as the domain sees it: the table's own attributes (keys, index keys, item type) removed.
 * Every repository reads its items through this, so a new index key cannot leak into a domain object.
 */
export function fromTableItem<T>(item: Record<string, unknown>): T {
  const rest = { ...item };
  for (const attribute of TABLE_ATTRIBUTES) delete rest[attribute];
  return rest as unknown as T;
}

/** The table's own attributes: its keys, every index's keys (from the schema), the item type. */
const TABLE_ATTRIBUTES = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  'type',
  ...GSIS.flatMap((gsi) => [gsi.partitionKey, gsi.sortKey]),
];
