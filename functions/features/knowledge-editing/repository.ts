import { createHash, randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { fromTableItem } from '../../store/keys.js';
import { queryAll } from '../../store/pages.js';
import type { SourcesFile } from '../knowledge/schema.js';
import { kbKeys } from './keys.js';
import type {
  Actor,
  EntryVersion,
  GapRecord,
  KnowledgeAuditEntry,
  LangDoc,
  PublishedPointer,
} from './model.js';

/** The entry's row in the list partition (`KBENTRIES`): enough for the list without reading versions. */
export interface EntryHead {
  id: string;
  /** Bumped by every write of the head: each write is conditioned on the revision it read. */
  rev: number;
  latestVersion: number;
  latestAuthor: Actor;
  publishedVersion: number | null;
  titles: Partial<Record<Lang, string>>;
  ownerDesk: string;
  sources: string[];
  validUntil: string | null;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: Actor | null;
  /** The published version's valid-until (the latest draft's may differ). */
  publishedValidUntil?: string | null | undefined;
  /** The valid-until date the owner desk was told about (told once per date). */
  expiryNotifiedFor?: string | undefined;
  expiryNotifiedAt?: string | undefined;
}

/** What the import stores beside the entries: `_sources.yaml` (text and parsed) and the answer prompt. */
export interface BaseMeta {
  sourcesText: string;
  sources: SourcesFile;
  prompt: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function headFrom(version: EntryVersion, previous?: EntryHead): EntryHead {
  const docs = Object.values(version.docs).filter(Boolean) as LangDoc[];
  const first = version.docs.fr ?? version.docs.en ?? docs[0];
  return {
    id: version.entryId,
    rev: (previous?.rev ?? 0) + 1,
    latestVersion: version.version,
    latestAuthor: version.author,
    publishedVersion: previous?.publishedVersion ?? null,
    titles: Object.fromEntries(Object.entries(version.docs).map(([l, d]) => [l, d?.title])),
    ownerDesk: first?.desk ?? previous?.ownerDesk ?? '',
    sources: [...new Set(docs.flatMap((d) => d.sources))],
    validUntil: first?.valid_until ?? null,
    updatedAt: version.createdAt,
    publishedAt: previous?.publishedAt ?? null,
    publishedBy: previous?.publishedBy ?? null,
    publishedValidUntil: previous?.publishedValidUntil,
    expiryNotifiedFor: previous?.expiryNotifiedFor,
    expiryNotifiedAt: previous?.expiryNotifiedAt,
  };
}

export function versionItem(version: EntryVersion): Record<string, unknown> {
  return { ...kbKeys.version(version.entryId, version.version), type: 'kbVersion', ...version };
}

export function headItem(head: EntryHead): Record<string, unknown> {
  return { ...kbKeys.head(head.id), type: 'kbEntry', ...head };
}

/** Writes the head on condition it is still at the revision read (`head.rev - 1`; none for 1). */
export function putHead(store: Store, head: EntryHead): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: headItem(head),
      ...(head.rev === 1
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: 'rev = :read',
            ExpressionAttributeValues: { ':read': head.rev - 1 },
          }),
    },
  };
}

/**
 * The write that makes `version` the entry's latest: the version item must not exist yet, and the
 * head must be unchanged since it was read. Two saves from one base: one wins, the other fails
 * its condition (`isConditionFailure`).
 */
export function saveVersionItems(store: Store, version: EntryVersion, head: EntryHead): TransactItem[] {
  return [
    {
      Put: {
        TableName: store.tableName,
        Item: versionItem(version),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    putHead(store, head),
  ];
}

export async function transact(store: Store, operation: string, items: TransactItem[]): Promise<boolean> {
  try {
    await storeCall(operation, () => store.doc.send(new TransactWriteCommand({ TransactItems: items })));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getHead(store: Store, entryId: string): Promise<EntryHead | undefined> {
  const out = await storeCall('getKnowledgeHead', () =>
    store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: kbKeys.head(entryId), ConsistentRead: true }),
    ),
  );
  return out.Item ? fromTableItem<EntryHead>(out.Item) : undefined;
}

export async function listHeads(store: Store): Promise<EntryHead[]> {
  const items = await queryAll(store, 'listKnowledgeHeads', {
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': kbKeys.headsPartition },
    ConsistentRead: true,
  });
  return items.map((i) => fromTableItem<EntryHead>(i));
}

export async function getVersion(
  store: Store,
  entryId: string,
  version: number,
): Promise<EntryVersion | undefined> {
  const out = await storeCall('getKnowledgeVersion', () =>
    store.doc.send(
      new GetCommand({
        TableName: store.tableName,
        Key: kbKeys.version(entryId, version),
        ConsistentRead: true,
      }),
    ),
  );
  return out.Item ? fromTableItem<EntryVersion>(out.Item) : undefined;
}

/** Several entries' versions at once (the published base: a few dozen keys, 100 per request). */
export async function getVersions(
  store: Store,
  wanted: { entryId: string; version: number }[],
): Promise<EntryVersion[]> {
  const found: EntryVersion[] = [];
  for (let at = 0; at < wanted.length; at += 100) {
    let keys: Record<string, unknown>[] = wanted
      .slice(at, at + 100)
      .map((w) => kbKeys.version(w.entryId, w.version));
    for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
      const out = await storeCall('getKnowledgeVersions', () =>
        store.doc.send(
          new BatchGetCommand({
            RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        ),
      );
      found.push(...(out.Responses?.[store.tableName] ?? []).map((i) => fromTableItem<EntryVersion>(i)));
      keys = (out.UnprocessedKeys?.[store.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    if (keys.length > 0) throw new Error('knowledge versions: unprocessed keys after 5 attempts');
  }
  return found;
}

/** The entry's versions (newest first) and audit (newest first), in one query of its partition. */
export async function readEntryPartition(
  store: Store,
  entryId: string,
): Promise<{ versions: EntryVersion[]; audit: KnowledgeAuditEntry[] }> {
  const items = await queryAll(store, 'readKnowledgeEntry', {
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': kbKeys.entryPartition(entryId) },
    ScanIndexForward: false,
    ConsistentRead: true,
  });
  return {
    versions: items.filter((i) => String(i.SK).startsWith('V#')).map((i) => fromTableItem<EntryVersion>(i)),
    audit: items
      .filter((i) => String(i.SK).startsWith('AUDIT#'))
      .map((i) => fromTableItem<KnowledgeAuditEntry>(i)),
  };
}

export function auditItem(entry: KnowledgeAuditEntry): Record<string, unknown> {
  return { ...kbKeys.audit(entry.entryId, entry.at, randomUUID()), type: 'kbAudit', ...entry };
}

export async function appendAudit(store: Store, entry: KnowledgeAuditEntry): Promise<void> {
  await storeCall('appendKnowledgeAudit', () =>
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: auditItem(entry),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

export async function getMeta(store: Store): Promise<BaseMeta | undefined> {
  const out = await storeCall('getKnowledgeMeta', () =>
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: kbKeys.meta, ConsistentRead: true })),
  );
  return out.Item ? fromTableItem<BaseMeta>(out.Item) : undefined;
}

export async function putMeta(store: Store, meta: BaseMeta): Promise<void> {
  await storeCall('putKnowledgeMeta', () =>
    store.doc.send(
      new PutCommand({ TableName: store.tableName, Item: { ...kbKeys.meta, type: 'kbMeta', ...meta } }),
    ),
  );
}

/** Moves the pointer to a new base version, on condition it still names `previous` (or none). */
export function pointerItem(store: Store, pointer: PublishedPointer, previous: number | null): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...kbKeys.pointer, type: 'kbPointer', ...pointer },
      ...(previous === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: 'baseVersion = :previous',
            ExpressionAttributeValues: { ':previous': previous },
          }),
    },
  };
}

export const gapHash = (normalized: string) =>
  createHash('sha256').update(normalized).digest('base64url').slice(0, 32);

export async function listGapStates(store: Store): Promise<GapRecord[]> {
  const items = await queryAll(store, 'listKnowledgeGapStates', {
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': kbKeys.gapStatesPartition },
  });
  return items.map((i) => fromTableItem<GapRecord>(i));
}

export function gapStateItem(record: GapRecord): Record<string, unknown> {
  return { ...kbKeys.gapState(gapHash(record.normalized)), type: 'kbGapState', ...record };
}

export async function putGapState(store: Store, record: GapRecord): Promise<void> {
  await storeCall('putKnowledgeGapState', () =>
    store.doc.send(new PutCommand({ TableName: store.tableName, Item: gapStateItem(record) })),
  );
}

/** Marks the expiry notice for `validUntil` as sent; false when it was already (told once). */
export async function markExpiryNotified(
  store: Store,
  entryId: string,
  validUntil: string,
  at: string,
): Promise<boolean> {
  try {
    await storeCall('markKnowledgeExpiryNotified', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: kbKeys.head(entryId),
          UpdateExpression: 'SET expiryNotifiedFor = :v, expiryNotifiedAt = :at, rev = rev + :one',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(expiryNotifiedFor) OR expiryNotifiedFor <> :v)',
          ExpressionAttributeValues: { ':v': validUntil, ':at': at, ':one': 1 },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function queryEntryIds(store: Store): Promise<string[]> {
  const out = await storeCall('listKnowledgeIds', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': kbKeys.headsPartition },
        ProjectionExpression: 'SK',
      }),
    ),
  );
  return (out.Items ?? []).map((i) => String(i.SK));
}
