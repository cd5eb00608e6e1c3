import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AppError, ERROR_KIND } from '../../core/errors.js';
import type { Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { fromTableItem } from '../../store/keys.js';

/**
 * Key formats of the official-channels registry (single table). The registry is small (tens of
 * entries): one partition holds it and is read whole.
 * - entry   PK `OFFICIAL`        SK `ENTRY#<kind>#<value>`
 * - advice  PK `OFFICIAL`        SK `ADVICE`
 * - audit   PK `OFFICIAL_AUDIT`  SK `<at>#<id>`   (Put once, never updated)
 */
export const officialKeys = {
  entry: (kind: OfficialKind, value: string) => ({ PK: 'OFFICIAL', SK: `ENTRY#${kind}#${value}` }),
  advice: { PK: 'OFFICIAL', SK: 'ADVICE' },
  audit: (at: string, id: string) => ({ PK: 'OFFICIAL_AUDIT', SK: `${at}#${id}` }),
} as const;

export const OFFICIAL_KINDS = {
  whatsapp: 'whatsapp',
  phone: 'phone',
  telegram: 'telegram',
  domain: 'domain',
  emailDomain: 'email_domain',
} as const;
export type OfficialKind = (typeof OFFICIAL_KINDS)[keyof typeof OFFICIAL_KINDS];
export const OFFICIAL_KIND_LIST = Object.values(OFFICIAL_KINDS) as [OfficialKind, ...OfficialKind[]];

export const OFFICIAL_STATUS = { active: 'active', retired: 'retired' } as const;
export type OfficialStatus = (typeof OFFICIAL_STATUS)[keyof typeof OFFICIAL_STATUS];

/** A value that is not of its kind (a "phone" that is no E.164 number...): invalid input. */
export class OfficialValueError extends AppError {
  constructor(message: string) {
    super(message, { kind: ERROR_KIND.invalid });
  }
}

/** `+228 22-21.00 00`, `00228…` → `+2282221…`; undefined when it cannot be an E.164 number. */
export function toE164(raw: string): string | undefined {
  const compact = raw.trim().replace(/[\s.\-()/]/g, '');
  const digits = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : '';
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : undefined;
}

/** `@Bot`, `t.me/Bot`, `https://t.me/s/Bot` → `bot` (Telegram usernames are case-insensitive). */
export function toTelegramHandle(raw: string): string | undefined {
  const m =
    /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\/(?:s\/)?@?([A-Za-z0-9_]+)|^@?([A-Za-z][A-Za-z0-9_]{3,31})$/i.exec(
      raw.trim(),
    );
  const handle = m?.[1] ?? m?.[2];
  return handle && /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(handle) ? handle.toLowerCase() : undefined;
}

/** `https://WWW.Gouv.tg/page` or `gouv.tg` → `gouv.tg` (lower case, no `www.`, no trailing dot). */
export function toDomain(raw: string): string | undefined {
  let host = raw.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^@/]*@/, '');
  host = (host.split(/[/?#:]/)[0] ?? '').replace(/\.$/, '').replace(/^www\./, '');
  return /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host) ? host : undefined;
}

/** The canonical form of a value of this kind, or an `OfficialValueError` saying what is expected. */
export function normaliseValue(kind: OfficialKind, raw: string): string {
  const value =
    kind === 'whatsapp' || kind === 'phone'
      ? toE164(raw)
      : kind === 'telegram'
        ? toTelegramHandle(raw)
        : toDomain(raw.replace(/^.*@/, ''));
  if (!value) throw new OfficialValueError(`not a valid ${kind} value`);
  return value;
}

export const officialEntryInput = z.object({
  kind: z.enum(OFFICIAL_KIND_LIST),
  value: z.string().trim().min(3).max(200),
  owner: z.string().trim().min(2).max(160),
  /** Where the fact comes from (a decree, the ministry's website page, a letter): required. */
  source: z.string().trim().min(2).max(300),
  status: z.enum([OFFICIAL_STATUS.active, OFFICIAL_STATUS.retired]).default(OFFICIAL_STATUS.active),
});
export type OfficialEntryInput = z.input<typeof officialEntryInput>;

export interface OfficialEntry {
  kind: OfficialKind;
  /** Canonical form (see `normaliseValue`). */
  value: string;
  owner: string;
  source: string;
  status: OfficialStatus;
  updatedAt: string;
  updatedBy: string;
}

export const OFFICIAL_AUDIT_ACTION = {
  added: 'official_added',
  updated: 'official_updated',
  retired: 'official_retired',
  reactivated: 'official_reactivated',
  adviceChanged: 'official_advice_changed',
} as const;
export type OfficialAuditAction = (typeof OFFICIAL_AUDIT_ACTION)[keyof typeof OFFICIAL_AUDIT_ACTION];

export interface OfficialAuditEntry {
  at: string;
  /** The admin's officer id, and their name at the time (the history reads without a lookup). */
  actor: string;
  actorName?: string | undefined;
  action: OfficialAuditAction;
  /** `<kind>:<value>`, or `advice`. */
  subject: string;
  /** The state after the change (owner, status, source, advice texts). */
  detail: Record<string, string>;
}

const auditPut = (store: Store, entry: OfficialAuditEntry) => ({
  Put: {
    TableName: store.tableName,
    Item: { ...officialKeys.audit(entry.at, randomUUID()), type: 'officialAudit', ...entry },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** Every entry, active and retired, sorted by kind then value. */
export async function listOfficialEntries(store: Store): Promise<OfficialEntry[]> {
  const out = await storeCall('listOfficialEntries', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': 'OFFICIAL', ':sk': 'ENTRY#' },
      }),
    ),
  );
  return (out.Items ?? []).map((i) => fromTableItem<OfficialEntry>(i));
}

/**
 * Adds an entry or changes one (same kind and value), with its audit entry in the same transaction:
 * the registry never changes without a trace of who changed what.
 */
export async function saveOfficialEntry(
  store: Store,
  input: OfficialEntryInput,
  actor: string,
  nowMs: number,
  actorName?: string,
): Promise<OfficialEntry> {
  const parsed = officialEntryInput.parse(input);
  const value = normaliseValue(parsed.kind, parsed.value);
  const key = officialKeys.entry(parsed.kind, value);
  const before = (
    await storeCall('getOfficialEntry', () =>
      store.doc.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true })),
    )
  ).Item as OfficialEntry | undefined;
  const at = new Date(nowMs).toISOString();
  const entry: OfficialEntry = {
    kind: parsed.kind,
    value,
    owner: parsed.owner,
    source: parsed.source,
    status: parsed.status,
    updatedAt: at,
    updatedBy: actor,
  };
  const action = !before
    ? OFFICIAL_AUDIT_ACTION.added
    : before.status !== entry.status
      ? entry.status === 'retired'
        ? OFFICIAL_AUDIT_ACTION.retired
        : OFFICIAL_AUDIT_ACTION.reactivated
      : OFFICIAL_AUDIT_ACTION.updated;
  await storeCall('saveOfficialEntry', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: store.tableName, Item: { ...key, type: 'officialEntry', ...entry } } },
          auditPut(store, {
            at,
            actor,
            actorName,
            action,
            subject: `${entry.kind}:${entry.value}`,
            detail: { owner: entry.owner, status: entry.status, source: entry.source },
          }),
        ],
      }),
    ),
  );
  return entry;
}

/** Retires or reactivates an existing entry (retired ones are still recognised as former channels). */
export async function setOfficialStatus(
  store: Store,
  kind: OfficialKind,
  value: string,
  status: OfficialStatus,
  actor: string,
  nowMs: number,
  actorName?: string,
): Promise<OfficialEntry | undefined> {
  const current = (await listOfficialEntries(store)).find((e) => e.kind === kind && e.value === value);
  if (!current) return undefined;
  return saveOfficialEntry(store, { ...current, status }, actor, nowMs, actorName);
}

/** What the ministry tells people after a check, in both languages; empty until an admin sets it. */
export type OfficialAdvice = Record<Lang, string>;

export async function getOfficialAdvice(store: Store): Promise<OfficialAdvice | undefined> {
  const out = await storeCall('getOfficialAdvice', () =>
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: officialKeys.advice })),
  );
  if (!out.Item) return undefined;
  return { fr: String(out.Item.fr ?? ''), en: String(out.Item.en ?? '') };
}

export const officialAdviceInput = z.object({
  fr: z.string().trim().max(1000),
  en: z.string().trim().max(1000),
});

export async function saveOfficialAdvice(
  store: Store,
  advice: OfficialAdvice,
  actor: string,
  nowMs: number,
  actorName?: string,
): Promise<void> {
  const parsed = officialAdviceInput.parse(advice);
  const at = new Date(nowMs).toISOString();
  await storeCall('saveOfficialAdvice', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: {
                ...officialKeys.advice,
                type: 'officialAdvice',
                ...parsed,
                updatedAt: at,
                updatedBy: actor,
              },
            },
          },
          auditPut(store, {
            at,
            actor,
            actorName,
            action: OFFICIAL_AUDIT_ACTION.adviceChanged,
            subject: 'advice',
            detail: parsed,
          }),
        ],
      }),
    ),
  );
}

/** The newest changes first. */
export async function listOfficialAudit(store: Store, limit = 50): Promise<OfficialAuditEntry[]> {
  const out = await storeCall('listOfficialAudit', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'OFFICIAL_AUDIT' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  );
  return (out.Items ?? []).map((i) => fromTableItem<OfficialAuditEntry>(i));
}
