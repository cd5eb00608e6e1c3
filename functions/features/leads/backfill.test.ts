import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Store } from '../../store/client.js';
import { backfillHolds, backfillLeadDesks } from './backfill.js';
import { leadKeys } from './keys.js';
import { heldLeadsMatching, listLeadsPage } from './list-page.js';
import { createLead, type Lead, type NewLead, openConversation } from './repository.js';

const DESK = 'investment-promotion';
const base: NewLead = {
  kind: 'registration',
  programme: 'investment',
  contactPreference: 'chat',
  channel: 'telegram',
  lang: 'fr',
  desk: DESK,
};

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});

const holdOf = async (lead: Lead) =>
  (
    await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: leadKeys.hold(lead.channel, lead.userId!) }),
    )
  ).Item;

/**
 * A held conversation as the version before the holds' index wrote it: taken through today's
 * code, then stripped of the index attributes. Returns the lead and the item as today's code wrote it.
 */
async function oldHold(userId: string, nowMs: number) {
  const lead = await createLead(store, { ...base, userId, address: userId }, nowMs);
  await openConversation(store, lead.reference, 'officer-1', nowMs + 1000);
  const written = await holdOf(lead);
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: leadKeys.hold(lead.channel, userId),
      UpdateExpression: 'REMOVE GSI1PK, GSI1SK',
    }),
  );
  return { lead, written: written! };
}

describe('backfill of held conversations into the holds index', () => {
  it('indexes old holds as today’s write does, leaves indexed ones alone, and changes nothing the second time', async () => {
    const t = Date.parse('2026-11-20T10:00:00Z');
    const old = [await oldHold('7001', t), await oldHold('7002', t + 60_000)];
    const current = await createLead(store, { ...base, userId: '7003', address: '7003' }, t);
    await openConversation(store, current.reference, 'officer-2', t + 120_000);
    const currentBefore = await holdOf(current);
    // Before: the inbox sees only the hold written by today's code.
    expect((await heldLeadsMatching(store, {}, [DESK])).map((l) => l.reference)).toEqual([current.reference]);

    expect(await backfillHolds(store)).toEqual({ found: 2, indexed: 2, skipped: 0 });

    for (const { lead, written } of old) {
      const item = await holdOf(lead);
      expect(item).toEqual(written);
      expect(item?.GSI1SK).toBe(`${item?.at}#${lead.reference}`);
    }
    expect(await holdOf(current)).toEqual(currentBefore);
    const held = (await heldLeadsMatching(store, {}, [DESK])).map((l) => l.reference).sort();
    expect(held).toEqual([...old.map((o) => o.lead.reference), current.reference].sort());

    expect(await backfillHolds(store)).toEqual({ found: 0, indexed: 0, skipped: 0 });
  });

  it('does not bring back a hold released between the scan and the update, nor overwrite a newer one', async () => {
    const t = Date.parse('2026-11-21T10:00:00Z');
    const released = await oldHold('7101', t);
    const rewritten = await oldHold('7102', t);
    const { GSI1PK: _pk, GSI1SK: _sk, ...unindexed } = rewritten.written;
    const newer = { ...unindexed, at: '2026-11-21T11:00:00.000Z' };
    // Between the scan and each update, another writer acts: the hand-back deletes the first
    // hold, an older version of the app writes the second anew (another start, no index).
    const send = store.doc.send.bind(store.doc);
    const spy = vi.spyOn(store.doc, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof UpdateCommand) {
        const key = command.input.Key as Record<string, string>;
        if (key.PK === leadKeys.hold('telegram', '7101').PK) {
          await send(new DeleteCommand({ TableName: store.tableName, Key: key }));
        } else {
          await send(new PutCommand({ TableName: store.tableName, Item: newer }));
        }
      }
      return send(command as never);
    }) as typeof store.doc.send);
    try {
      expect(await backfillHolds(store)).toEqual({ found: 2, indexed: 0, skipped: 2 });
    } finally {
      spy.mockRestore();
    }
    expect(await holdOf(released.lead)).toBeUndefined();
    expect(await holdOf(rewritten.lead)).toEqual(newer);
    // The rewritten hold is still an old-format one: the next run indexes it with its own start.
    expect(await backfillHolds(store)).toEqual({ found: 1, indexed: 1, skipped: 0 });
    expect((await holdOf(rewritten.lead))?.GSI1SK).toBe(`${newer.at}#${rewritten.lead.reference}`);
  });
});

describe('backfill of leads into their desk’s queue', () => {
  const leadItemOf = async (reference: string) =>
    (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: leadKeys.lead(reference) })))
      .Item;

  it('puts leads written before the desk index in the list again, as today’s write does, once', async () => {
    const t = Date.parse('2026-11-22T10:00:00Z');
    const leads = [
      await createLead(store, { ...base, userId: '7201', address: '7201' }, t),
      await createLead(store, { ...base, userId: '7202', address: '7202' }, t + 1000),
    ];
    const written = await leadItemOf(leads[0]!.reference);
    // As the version before the index wrote them: no GSI3 attributes.
    for (const lead of leads) {
      await store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: leadKeys.lead(lead.reference),
          UpdateExpression: 'REMOVE GSI3PK, GSI3SK',
        }),
      );
    }
    expect((await listLeadsPage(store, {}, [DESK], { limit: 10 })).leads).toEqual([]);

    expect(await backfillLeadDesks(store)).toEqual({ found: 2, indexed: 2, skipped: 0 });

    expect(await leadItemOf(leads[0]!.reference)).toEqual(written);
    const listed = (await listLeadsPage(store, {}, [DESK], { limit: 10 })).leads.map((l) => l.reference);
    expect(listed).toEqual([leads[1]!.reference, leads[0]!.reference]);
    expect(await backfillLeadDesks(store)).toEqual({ found: 0, indexed: 0, skipped: 0 });
  });
});
