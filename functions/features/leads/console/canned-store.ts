import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Lang } from '../../../core/types.js';
import type { Store } from '../../../store/client.js';
import { isConditionFailure, storeCall } from '../../../store/dynamo-errors.js';
import { queryAll } from '../../../store/pages.js';

/**
 * Canned replies (réponses types): a desk's ready-made answers, in French and English, which a
 * supervisor writes and officers insert in the reply box, then edit before sending.
 * - reply  PK `CANNED#<desk>`  SK `REPLY#<id>`
 * - audit  PK `CANNED#<desk>`  SK `AUDIT#<at>#<uuid>` (Put once, never updated)
 */
export const cannedKeys = {
  desk: (desk: string) => `CANNED#${desk}`,
  reply: (desk: string, id: string) => ({ PK: `CANNED#${desk}`, SK: `REPLY#${id}` }),
  audit: (desk: string, at: string) => ({ PK: `CANNED#${desk}`, SK: `AUDIT#${at}#${randomUUID()}` }),
} as const;

export interface CannedReply {
  id: string;
  desk: string;
  title: string;
  texts: Record<Lang, string>;
  updatedAt: string;
  updatedBy: string;
}

export const CANNED_AUDIT_ACTION = { saved: 'saved', deleted: 'deleted' } as const;
export type CannedAuditAction = (typeof CANNED_AUDIT_ACTION)[keyof typeof CANNED_AUDIT_ACTION];

export interface CannedAuditEntry {
  at: string;
  actor: string;
  action: CannedAuditAction;
  replyId: string;
  title: string;
}

export class CannedReplyMissingError extends Error {
  constructor(
    readonly desk: string,
    readonly id: string,
  ) {
    super(`No canned reply ${id} for desk ${desk}`);
    this.name = 'CannedReplyMissingError';
  }
}

function auditPut(store: Store, desk: string, entry: CannedAuditEntry) {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...cannedKeys.audit(desk, entry.at), type: 'cannedAudit', ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** A desk's replies, by title. */
export async function listCannedReplies(store: Store, desk: string): Promise<CannedReply[]> {
  const items = await queryAll(store, 'listCannedReplies', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': cannedKeys.desk(desk), ':sk': 'REPLY#' },
  });
  return items
    .map((i) => ({
      id: i.id as string,
      desk: i.desk as string,
      title: i.title as string,
      texts: i.texts as Record<Lang, string>,
      updatedAt: i.updatedAt as string,
      updatedBy: i.updatedBy as string,
    }))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}

export async function getCannedReply(
  store: Store,
  desk: string,
  id: string,
): Promise<CannedReply | undefined> {
  return (await listCannedReplies(store, desk)).find((r) => r.id === id);
}

/** Creates (no `id`) or replaces a reply, with its audit entry, in one transaction. */
export async function saveCannedReply(
  store: Store,
  input: { desk: string; id?: string | undefined; title: string; texts: Record<Lang, string> },
  actor: string,
  nowMs: number,
): Promise<CannedReply> {
  const at = new Date(nowMs).toISOString();
  const reply: CannedReply = {
    id: input.id ?? randomUUID(),
    desk: input.desk,
    title: input.title,
    texts: input.texts,
    updatedAt: at,
    updatedBy: actor,
  };
  try {
    await storeCall('saveCannedReply', () =>
      store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: store.tableName,
                Item: { ...cannedKeys.reply(input.desk, reply.id), type: 'cannedReply', ...reply },
                // Editing a reply someone deleted meanwhile must not bring it back.
                ...(input.id ? { ConditionExpression: 'attribute_exists(PK)' } : {}),
              },
            },
            auditPut(store, input.desk, {
              at,
              actor,
              action: CANNED_AUDIT_ACTION.saved,
              replyId: reply.id,
              title: reply.title,
            }),
          ],
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new CannedReplyMissingError(input.desk, reply.id);
    throw error;
  }
  return reply;
}

export async function deleteCannedReply(
  store: Store,
  desk: string,
  id: string,
  actor: string,
  nowMs: number,
) {
  const existing = await getCannedReply(store, desk, id);
  if (!existing) throw new CannedReplyMissingError(desk, id);
  const at = new Date(nowMs).toISOString();
  await storeCall('deleteCannedReply', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: store.tableName, Key: cannedKeys.reply(desk, id) } },
          auditPut(store, desk, {
            at,
            actor,
            action: CANNED_AUDIT_ACTION.deleted,
            replyId: id,
            title: existing.title,
          }),
        ],
      }),
    ),
  );
}

/** The desk's history of changes, newest first. */
export async function listCannedAudit(store: Store, desk: string): Promise<CannedAuditEntry[]> {
  const items = await queryAll(store, 'listCannedAudit', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': cannedKeys.desk(desk), ':sk': 'AUDIT#' },
  });
  return items
    .map((i) => ({
      at: i.at as string,
      actor: i.actor as string,
      action: i.action as CannedAuditAction,
      replyId: i.replyId as string,
      title: i.title as string,
    }))
    .reverse();
}

/** The version for the citizen's language; the other one if that is somehow empty. */
export function cannedText(reply: CannedReply, lang: Lang): string {
  return reply.texts[lang]?.trim() || reply.texts[lang === 'fr' ? 'en' : 'fr'] || '';
}
