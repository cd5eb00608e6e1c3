import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { queryAll } from '../../store/pages.js';
import { TTL_ATTRIBUTE } from '../../store/table-schema.js';
import { leadKeys } from './keys.js';

/**
 * "Who else has this lead open": each load of the lead page (and each poll of its conversation,
 * every few seconds) writes a small mark `LEAD#<ref>` / `VIEW#<officerId>` that lapses after
 * `VIEW_TTL_SEC`. Reads skip lapsed marks themselves: DynamoDB's TTL deletes days late.
 * Officer ids only, nothing personal.
 */
export const VIEW_TTL_SEC = 30;

const viewKey = (ref: string, officerId: string) => ({ PK: leadKeys.lead(ref).PK, SK: `VIEW#${officerId}` });

export async function markViewing(
  store: Store,
  ref: string,
  officerId: string,
  nowMs: number,
): Promise<void> {
  await storeCall('markViewing', () =>
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...viewKey(ref, officerId),
          type: 'view',
          officerId,
          atMs: nowMs,
          [TTL_ATTRIBUTE]: Math.floor(nowMs / 1000) + VIEW_TTL_SEC,
        },
      }),
    ),
  );
}

/** The officers (ids) whose mark on this lead is still fresh, `except` the one asking. */
export async function listViewers(
  store: Store,
  ref: string,
  nowMs: number,
  except?: string,
): Promise<string[]> {
  const items = await queryAll(store, 'listViewers', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': leadKeys.lead(ref).PK, ':sk': 'VIEW#' },
  });
  return items
    .filter((i) => typeof i.atMs === 'number' && nowMs - i.atMs < VIEW_TTL_SEC * 1000)
    .map((i) => String(i.officerId))
    .filter((id) => id !== except);
}
