import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, Lang } from '../channels/types.js';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';
import { fromTableItem, keys } from './keys.js';

/** One person on one channel. Keyed on the channel's own id, never on a phone number alone. */
export interface Contact {
  channel: Channel;
  userId: string;
  address: string;
  displayName?: string | undefined;
  lang: Lang;
  /** True once the person chose a language explicitly; detection no longer overrides it. */
  langChosen: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  consent: {
    /** ISO time the person agreed to be contacted about their request (set by registration). */
    contactAt?: string | undefined;
    /** ISO time the person subscribed to updates. */
    updatesAt?: string | undefined;
  };
}

export function newContact(
  init: Pick<Contact, 'channel' | 'userId' | 'address' | 'lang'> & { at: string },
): Contact {
  return {
    channel: init.channel,
    userId: init.userId,
    address: init.address,
    lang: init.lang,
    langChosen: false,
    firstSeenAt: init.at,
    lastSeenAt: init.at,
    consent: {},
  };
}

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
  return out.Item ? fromItem(out.Item) : undefined;
}

export function contactItem(contact: Contact): Record<string, unknown> {
  return { ...keys.contact(contact.channel, contact.userId), type: 'contact', ...contact };
}

function fromItem(item: Record<string, unknown>): Contact {
  return fromTableItem<Contact>(item);
}
