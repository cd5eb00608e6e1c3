import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { leadKeys } from './keys.js';

/**
 * Records an officer's activity on a held conversation (a reply from the console), so the hold's
 * timeout counts from the officer's last message rather than from when the hold began. Only the
 * hold of this lead: a newer lead may hold the same person's chat.
 */
export async function touchHold(
  store: Store,
  channel: Channel,
  userId: string,
  reference: string,
  nowMs: number,
): Promise<void> {
  try {
    await storeCall('touchHold', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: leadKeys.hold(channel, userId),
          UpdateExpression: 'SET activeAt = :at',
          ConditionExpression: '#ref = :ref',
          ExpressionAttributeNames: { '#ref': 'reference' },
          ExpressionAttributeValues: { ':at': new Date(nowMs).toISOString(), ':ref': reference },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
