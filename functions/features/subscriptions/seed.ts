import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { newContact } from '../../core/contact.js';
import type { Channel, Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { contactItem } from '../../store/contacts.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { emptyProfile, subscriptionPuts } from './repository.js';

export interface SeedSubscriber {
  channel: Channel;
  userId: string;
  address?: string;
  lang: Lang;
  topics: string[];
  /** ISO time of the person's last message (WhatsApp's 24-hour window); now by default. */
  lastSeenAt?: string;
  country?: string;
  source?: string;
}

/**
 * Writes contacts and their subscriptions straight into the store, 25 items per request: for
 * tests, the benchmark and demos (the conversation writes the same items one turn at a time).
 */
export async function seedSubscribers(store: Store, people: SeedSubscriber[], at = new Date().toISOString()) {
  const items = people.flatMap((p) => {
    const address = p.address ?? p.userId;
    const contact = {
      ...newContact({ channel: p.channel, userId: p.userId, address, lang: p.lang, at }),
      lastSeenAt: p.lastSeenAt ?? at,
      consent: { updatesAt: at },
      ...(p.country ? { country: p.country } : {}),
    };
    const profile = { ...emptyProfile(contact, at), topics: p.topics, consentAt: at, source: p.source };
    return [contactItem(contact), ...subscriptionPuts(undefined, profile)];
  });
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < chunks.length) {
        let pending = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const out = await storeCall('seedSubscribers', () =>
            store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: pending } })),
          );
          pending = (out.UnprocessedItems?.[store.tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
}
