import { BatchWriteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, Reply } from '../core/types.js';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from './keys.js';
import { queryAll } from './pages.js';

/** Local mode only: messages that would have gone to Twilio or Telegram, for `GET /dev/outbox`. */
export interface OutboxMessage {
  channel: Channel;
  to: string;
  text: string;
  at: string;
  buttons?: string[] | undefined;
}

export async function putOutbox(store: Store, message: OutboxMessage, id: string): Promise<void> {
  const atMs = Date.parse(message.at);
  await storeCall('putOutbox', () =>
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...keys.outbox(atMs, id),
          type: 'outbox',
          ...message,
          expiresAtSec: nowSec(atMs) + 2 * DAY_SEC,
        },
      }),
    ),
  );
}

export async function listOutbox(store: Store, limit = 500): Promise<OutboxMessage[]> {
  const out = await storeCall('listOutbox', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  );
  return (out.Items ?? []).reverse().map((i) => {
    const message: OutboxMessage = { channel: i.channel, to: i.to, text: i.text, at: i.at };
    if (Array.isArray(i.buttons) && i.buttons.length > 0) message.buttons = i.buttons;
    return message;
  });
}

/**
 * Local mode: removes the outbox copies of what was sent to one address (after an erasure, the
 * confirmation itself is sent after the person's data is gone). In production the partition is empty.
 */
export async function deleteOutboxTo(store: Store, channel: Channel, address: string): Promise<void> {
  const found = (
    await queryAll(store, 'deleteOutboxTo', {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'OUTBOX' },
    })
  ).flatMap((i) => (i.channel === channel && i.to === address ? [{ PK: i.PK, SK: i.SK }] : []));
  for (let i = 0; i < found.length; i += 25) {
    const batch = found.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    await storeCall('deleteOutboxTo', () =>
      store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: batch } })),
    );
  }
}

export type { Reply };
