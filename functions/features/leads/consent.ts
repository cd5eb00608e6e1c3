import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { leadKeys } from './keys.js';
import type { ConsentReceipt } from './repository.js';

/** The item of a consent receipt, in the person's partition (so erasure removes it with them). */
export function consentItem(userId: string, receipt: ConsentReceipt): Record<string, unknown> {
  return {
    ...leadKeys.consent(receipt.channel, userId, receipt.at, receipt.textId),
    type: 'consent',
    ...receipt,
  };
}

export async function listConsents(
  store: Store,
  channel: Channel,
  userId: string,
): Promise<ConsentReceipt[]> {
  const out = await storeCall('listConsents', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': keys.contact(channel, userId).PK, ':sk': 'CONSENT#' },
      }),
    ),
  );
  return (out.Items ?? []).map((i) => ({
    textId: i.textId as string,
    purposes: i.purposes as string[],
    at: i.at as string,
    channel: i.channel as Channel,
    reference: i.reference as string | undefined,
  }));
}
