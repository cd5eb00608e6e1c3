import type { Channel } from '../../core/types.js';
import { keys } from '../../store/keys.js';
import type { LeadStatus } from './status.js';

/**
 * Key formats of the leads module (single table):
 * - lead          PK `LEAD#<ref>`  SK `LEAD`
 *                 GSI1 `LEADS#<desk>#<status>` / `<createdAt>#<ref>`  (desk queue per status, by date)
 *                 GSI2 `LEADS_OF#<channel>#<userId>` / `<createdAt>#<ref>` (a person's leads; removed on erasure)
 *                 GSI3 `LEADS_OF_DESK#<desk>` / `<createdAt>#<ref>` (every lead of a desk, whatever its
 *                 status: the list's usual view reads one queue per desk, not one per desk × status)
 * - note          PK `LEAD#<ref>`  SK `NOTE#<at>#<id>`
 * - audit         PK `LEAD#<ref>`  SK `AUDIT#<at>#<id>`   (Put once, never updated)
 * - viewing mark  PK `LEAD#<ref>`  SK `VIEW#<officerId>`  (who has the lead open; lapses, viewers.ts)
 * - erasure audit PK `ERASURES`    SK `<at>#<id>`
 * - counter       PK `COUNTER#LEAD#<year>` SK `COUNTER`
 * - consent       PK `CONTACT#<channel>#<userId>` SK `CONSENT#<at>#<textId>`
 * - hold          PK `CONTACT#<channel>#<userId>` SK `HOLD` (an officer holds the conversation)
 *                 GSI1 `HOLDS` / `<at>#<ref>` (every held conversation, for the inbox)
 */
const HOLDS = 'HOLDS';

const sortByDate = (createdAt: string, ref: string) => `${createdAt}#${ref}`;
const byDesk = (desk: string) => `LEADS_OF_DESK#${desk}`;

export const leadKeys = {
  lead: (ref: string) => ({ PK: `LEAD#${ref}`, SK: 'LEAD' }),
  byDeskStatus: (desk: string, status: LeadStatus) => `LEADS#${desk}#${status}`,
  byUser: (channel: Channel, userId: string) => `LEADS_OF#${channel}#${userId}`,
  byDesk,
  /** A lead's place in its desk's queue (GSI3): written with every lead item, and by the backfill. */
  deskIndex: (lead: { reference: string; desk: string; createdAt: string }) => ({
    GSI3PK: byDesk(lead.desk),
    GSI3SK: sortByDate(lead.createdAt, lead.reference),
  }),
  sortByDate,
  note: (ref: string, at: string, id: string) => ({ PK: `LEAD#${ref}`, SK: `NOTE#${at}#${id}` }),
  audit: (ref: string, at: string, id: string) => ({ PK: `LEAD#${ref}`, SK: `AUDIT#${at}#${id}` }),
  erasure: (at: string, id: string) => ({ PK: 'ERASURES', SK: `${at}#${id}` }),
  counter: (year: number) => ({ PK: `COUNTER#LEAD#${year}`, SK: 'COUNTER' }),
  consent: (channel: Channel, userId: string, at: string, textId: string) => ({
    PK: keys.contact(channel, userId).PK,
    SK: `CONSENT#${at}#${textId}`,
  }),
  hold: (channel: Channel, userId: string) => ({ PK: keys.contact(channel, userId).PK, SK: 'HOLD' }),
  holds: HOLDS,
  /** A hold's place in the inbox's index: when it began, then its lead (`at` and `reference` of the item). */
  holdIndex: (at: string, ref: string) => ({ GSI1PK: HOLDS, GSI1SK: `${at}#${ref}` }),
} as const;
