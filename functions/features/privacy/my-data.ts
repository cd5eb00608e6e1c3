import type { ChannelDirectory } from '../../core/channel.js';
import type { Contact } from '../../core/contact.js';
import type { Channel, Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { keys } from '../../store/keys.js';
import { queryPages } from '../../store/pages.js';
import { PROGRAMMES } from '../leads/catalog.js';
import { listConsents } from '../leads/consent.js';
import { listLeadsOfUser } from '../leads/repository.js';
import { statusLabel } from '../leads/texts.js';
import { getSubscriptions } from '../subscriptions/repository.js';
import { findTopic, topicName } from '../subscriptions/topics.js';
import { privacyTexts } from './texts.js';

async function countMessages(store: Store, channel: Channel, userId: string): Promise<number> {
  const prefix = keys.messagesPrefix(channel, userId);
  let count = 0;
  const pages = queryPages(store, 'countMessages', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix },
    Select: 'COUNT',
  });
  for await (const out of pages) count += out.Count ?? 0;
  return count;
}

/** "Mes données": everything kept about the person, read from the store, in their language. */
export async function describeMyData(
  store: Store,
  contact: Contact,
  isNew: boolean,
  channels: ChannelDirectory,
): Promise<string> {
  const { channel, userId } = contact;
  const lang: Lang = contact.lang;
  const t = privacyTexts(lang);
  const day = (iso: string) =>
    new Date(iso).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' });
  const channelName = channels.get(channel).displayName;
  const [consents, leads, messages, subscriptions] = await Promise.all([
    listConsents(store, channel, userId),
    listLeadsOfUser(store, channel, userId),
    countMessages(store, channel, userId),
    getSubscriptions(store, channel, userId),
  ]);
  const lines: string[] = [t.title];
  lines.push(
    isNew
      ? t.noProfile
      : t.profile(
          channelName,
          contact.displayName,
          t.langs[lang],
          day(contact.firstSeenAt),
          day(contact.lastSeenAt),
        ),
  );
  if (consents.length === 0) lines.push(t.noConsent);
  else {
    lines.push(t.consentsTitle);
    for (const c of consents) {
      const purposes = c.purposes.map((p) => t.purposes[p] ?? p).join(' ; ');
      lines.push(t.consent(day(c.at), c.textId, purposes, channels.get(c.channel).displayName, c.reference));
    }
  }
  if (leads.length === 0) lines.push(t.noLeads);
  else {
    lines.push(t.leadsTitle);
    for (const l of leads) {
      const what = l.programme
        ? PROGRAMMES[l.programme][lang]
        : lang === 'fr'
          ? 'contact avec un agent'
          : 'talk to an officer';
      lines.push(t.lead(l.reference, what, statusLabel(lang, l.status, l.outcome), day(l.createdAt)));
    }
  }
  const topics = (subscriptions?.endedAt ? [] : (subscriptions?.topics ?? [])).map((id) => {
    const topic = findTopic(id);
    return topic ? topicName(topic, lang) : id;
  });
  const since = subscriptions?.consentAt ?? contact.consent.updatesAt;
  lines.push(topics.length > 0 && since ? t.updates(day(since), topics.join(', ')) : t.updates());
  lines.push(t.messages(messages));
  lines.push(t.footer);
  return lines.join('\n');
}
