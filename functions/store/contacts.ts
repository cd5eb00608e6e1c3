import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../core/contact.js';
import type { Channel } from '../core/types.js';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';
import { fromTableItem, keys } from './keys.js';

export async function getContact(
  store: Store,
  channel: Channel,
  userId: string,
): Promise<Contact | undefined> {
  const out = await storeCall('getContact', () =>
    store.doc.send(
      new GetCommand({
        TableName: store.tableName,
        Key: keys.contact(channel, userId),
        ConsistentRead: true,
      }),
    ),
  );
  return out.Item ? contactFromItem(out.Item) : undefined;
}

export function contactItem(contact: Contact): Record<string, unknown> {
  return { ...keys.contact(contact.channel, contact.userId), type: 'contact', ...contact };
}

export function contactFromItem(item: Record<string, unknown>): Contact {
  return fromTableItem<Contact>(item);
}
