import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { getContact } from '../../store/contacts.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { queryAll, queryPages } from '../../store/pages.js';
import { budgetDay } from '../abuse/llm-budget.js';
import { AUDIT_ACTION, auditPut } from '../leads/audit.js';
import { leadKeys } from '../leads/keys.js';
import { type Lead, leadItem, listLeadsOfUser } from '../leads/repository.js';
import { forgetComment } from '../satisfaction/repository.js';
import { eraseBroadcastDeliveries } from './erase-deliveries.js';

/** Lead fields that describe the person; erasure removes them and keeps the rest as counts. */
const PERSONAL_LEAD_FIELDS = [
  'userId',
  'address',
  'fullName',
  'profession',
  'city',
  'email',
  'phone',
  'question',
  'transcript',
  'consent',
  'amountRange',
] as const satisfies readonly (keyof Lead)[];

export interface ErasureReport {
  at: string;
  channel: Channel;
  /** Items deleted from the person's partition (profile, state, log, consents, hold...). */
  deletedItems: number;
  /** Leads kept as anonymous counts (programme, sector, country, status, dates). */
  anonymisedLeads: string[];
  /** Delivery records whose stored replies were cleared. */
  scrubbedDeliveries: number;
}

async function queryKeys(store: Store, pk: string, prefix?: string) {
  const found = await queryAll(store, 'erase:query', {
    KeyConditionExpression: prefix ? 'PK = :pk AND begins_with(SK, :sk)' : 'PK = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':sk': prefix } : {}) },
    ProjectionExpression: 'PK, SK',
  });
  return found as { PK: string; SK: string }[];
}

async function deleteAll(store: Store, items: { PK: string; SK: string }[]) {
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = items
      .slice(i, i + 25)
      .map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } }));
    // BatchWrite may leave some unprocessed under load: retry those until none remain.
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const batch = requests;
      const out = await storeCall('erase:delete', () =>
        store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: batch as never } })),
      );
      requests = out.UnprocessedItems?.[store.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

/**
 * Erases a person's personal data: every item of their partition (profile, conversation state,
 * message log, consent receipts, chat hold, subscriptions kept there), the personal fields and
 * user index of their leads (kept as anonymous counts), the notes officers wrote on those leads,
 * and the replies stored on the delivery records of their messages. Only non-personal traces
 * remain: each lead's `erased` audit entry and one `ERASURES` entry with the counts.
 * Idempotent: running it again finds nothing more to erase.
 */
export async function eraseUserData(
  store: Store,
  channel: Channel,
  userId: string,
  nowMs: number,
): Promise<{ report: ErasureReport; auditItem: Record<string, unknown> }> {
  const at = new Date(nowMs).toISOString();
  const partition = await queryKeys(store, keys.contact(channel, userId).PK);
  const contact = await getContact(store, channel, userId);

  const leads = await listLeadsOfUser(store, channel, userId);
  for (const lead of leads) {
    const anonymous: Lead = { ...lead, erasedAt: at, updatedAt: at, conversationOpen: false };
    for (const field of PERSONAL_LEAD_FIELDS) delete anonymous[field];
    delete anonymous.conversationOfficer;
    // One transaction per lead: its anonymised version and the audit entry saying so.
    await storeCall('erase:lead', () =>
      store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: store.tableName, Item: leadItem(anonymous) } },
            auditPut(store, { ref: lead.reference, at, actor: 'citizen', action: AUDIT_ACTION.erased }),
          ],
        }),
      ),
    );
    await deleteAll(store, await queryKeys(store, leadKeys.lead(lead.reference).PK, 'NOTE#'));
    // A satisfaction comment is the person's own words; its score stays, anonymous.
    await forgetComment(store, lead.reference);
  }

  // The delivery records of the person's messages hold the replies sent (a summary may name them).
  const externalIds = new Set(
    partition
      .filter((k) => k.SK.startsWith('MSG#'))
      .map((k) => /^MSG#[^#]+#(.+)-(?:in|out-\d+)$/.exec(k.SK)?.[1])
      .filter((id): id is string => Boolean(id)),
  );
  let scrubbed = 0;
  for (const externalId of externalIds) {
    try {
      await storeCall('erase:delivery', () =>
        store.doc.send(
          new UpdateCommand({
            TableName: store.tableName,
            Key: keys.inbound(channel, externalId),
            UpdateExpression: 'REMOVE replies',
            ConditionExpression: 'attribute_exists(PK)',
          }),
        ),
      );
      scrubbed++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  await deleteAll(store, partition);
  await eraseBroadcastDeliveries(store, channel, userId);
  // Abuse counters are keyed by the person's id (short-lived, but an id all the same).
  const userKey = `${channel}:${userId}`;
  const counters = [
    ...(await queryKeys(store, keys.rateWindow(userKey, 0).PK)),
    ...[0, 1].map((daysAgo) => keys.llmBudgetUser(budgetDay(nowMs - daysAgo * 86_400_000), userKey)),
  ];
  await deleteAll(store, counters);
  const addresses = new Set([userId, contact?.address, ...leads.map((l) => l.address)].filter(Boolean));
  const references = leads.map((l) => l.reference);
  const outbox = await localOutboxFor(store, channel, addresses as Set<string>, references);
  await deleteAll(store, outbox);

  const report: ErasureReport = {
    at,
    channel,
    deletedItems: partition.length + outbox.length,
    anonymisedLeads: leads.map((l) => l.reference),
    scrubbedDeliveries: scrubbed,
  };
  return { report, auditItem: { ...leadKeys.erasure(at, randomUUID()), type: 'erasure', ...report } };
}

/**
 * Local mode only: the dev outbox's copies of what was sent to this person, and of the desk notices
 * about their leads (in production those live in Twilio and Telegram, outside this table).
 */
async function localOutboxFor(store: Store, channel: Channel, addresses: Set<string>, references: string[]) {
  const found: { PK: string; SK: string }[] = [];
  const pages = queryPages(store, 'erase:outbox', {
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.outbox(0, '').PK },
  });
  for await (const out of pages) {
    for (const item of out.Items ?? []) {
      const toPerson = item.channel === channel && addresses.has(item.to as string);
      const aboutLead = references.some((ref) => String(item.text).includes(ref));
      if (toPerson || aboutLead) found.push({ PK: item.PK, SK: item.SK });
    }
  }
  return found;
}
