import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { queryAll } from '../../store/pages.js';

/**
 * Deletes the person's delivery record from every broadcast (`BROADCAST#<id>` / `DELIVERY#<channel>#<userId>`):
 * it names their user id and address. The key is known for each broadcast, so no scan is needed;
 * deleting a record that does not exist is a no-op. The broadcasts' counters stay (counts only).
 */
export async function eraseBroadcastDeliveries(
  store: Store,
  channel: Channel,
  userId: string,
): Promise<number> {
  const ids = (
    await queryAll(store, 'erase:broadcasts', {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.broadcastsList },
      ProjectionExpression: 'id',
    })
  ).flatMap((item) => (typeof item.id === 'string' ? [item.id] : []));
  for (let i = 0; i < ids.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = ids
      .slice(i, i + 25)
      .map((id) => ({ DeleteRequest: { Key: keys.broadcastDelivery(id, channel, userId) } }));
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const batch = requests;
      const out = await storeCall('erase:broadcast-deliveries', () =>
        store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: batch as never } })),
      );
      requests = out.UnprocessedItems?.[store.tableName] as Record<string, unknown>[] | undefined;
    }
  }
  return ids.length;
}
