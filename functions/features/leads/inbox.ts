import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { heldLeadsMatching } from './list-page.js';
import type { Lead } from './repository.js';

/**
 * The officers' inbox: which leads wait for an officer because the citizen wrote last.
 *
 * While the bot holds a conversation it answers every message in the same turn, so only a
 * conversation an officer holds (`conversationOpen`) can end on the citizen's message: those are
 * the leads read here, one small query each (the last logged message). Other leads never wait.
 */
export interface InboxState {
  /** The citizen's message is the last one of the conversation. */
  awaitingReply: boolean;
  /** When that waiting message arrived (set when `awaitingReply`). */
  awaitingSince?: string | undefined;
  /** When the citizen last wrote (their contact's last visit), if asked for and known. */
  lastCitizenMessageAt?: string | undefined;
}

type InboxLead = Pick<Lead, 'reference' | 'channel' | 'userId' | 'conversationOpen' | 'status'>;

const canWait = (lead: InboxLead) =>
  lead.conversationOpen && lead.status !== 'closed' && Boolean(lead.userId);

async function lastMessage(store: Store, lead: InboxLead) {
  const prefix = keys.messagesPrefix(lead.channel, lead.userId!);
  const out = await storeCall('inbox:lastMessage', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix },
        ProjectionExpression: '#direction, #at',
        ExpressionAttributeNames: { '#direction': 'direction', '#at': 'at' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    ),
  );
  const item = out.Items?.[0];
  return item ? { direction: item.direction as 'in' | 'out', at: item.at as string } : undefined;
}

/** When each person last wrote, from their contact items (BatchGet, 100 keys a call). */
async function lastSeen(store: Store, leads: InboxLead[]): Promise<Map<string, string>> {
  const ids = [...new Set(leads.filter((l) => l.userId).map((l) => `${l.channel}\n${l.userId}`))];
  const seen = new Map<string, string>();
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      let request: Record<string, unknown>[] = chunk.map((id) => {
        const [channel, userId] = id.split('\n') as [Lead['channel'], string];
        return keys.contact(channel, userId);
      });
      // Unprocessed keys are retried until none is left (DynamoDB may return part of a batch).
      for (let attempt = 0; request.length > 0 && attempt < 5; attempt++) {
        const out = await storeCall('inbox:lastSeen', () =>
          store.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [store.tableName]: {
                  Keys: request,
                  ProjectionExpression: '#channel, #userId, #lastSeenAt',
                  ExpressionAttributeNames: {
                    '#channel': 'channel',
                    '#userId': 'userId',
                    '#lastSeenAt': 'lastSeenAt',
                  },
                },
              },
            }),
          ),
        );
        for (const item of out.Responses?.[store.tableName] ?? []) {
          if (typeof item.lastSeenAt === 'string')
            seen.set(`${item.channel}\n${item.userId}`, item.lastSeenAt);
        }
        request =
          (out.UnprocessedKeys?.[store.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }),
  );
  return seen;
}

/**
 * The inbox state of each lead, by reference. `withCitizenTimes` also reads when each citizen last
 * wrote (one BatchGet per 100 people): for sorting by it and for the API; the marker needs none.
 */
export async function inboxStates(
  store: Store,
  leads: InboxLead[],
  options: { withCitizenTimes?: boolean } = {},
): Promise<Map<string, InboxState>> {
  const [waiting, seen] = await Promise.all([
    Promise.all(leads.filter(canWait).map(async (lead) => [lead, await lastMessage(store, lead)] as const)),
    options.withCitizenTimes ? lastSeen(store, leads) : Promise.resolve(new Map<string, string>()),
  ]);
  const states = new Map<string, InboxState>();
  for (const lead of leads) {
    const seenAt = lead.userId ? seen.get(`${lead.channel}\n${lead.userId}`) : undefined;
    states.set(lead.reference, { awaitingReply: false, lastCitizenMessageAt: seenAt });
  }
  for (const [lead, last] of waiting) {
    if (last?.direction !== 'in') continue;
    const state = states.get(lead.reference)!;
    state.awaitingReply = true;
    state.awaitingSince = last.at;
    // The logged message is the truth when the contact item says otherwise (or was not read).
    if (!state.lastCitizenMessageAt || state.lastCitizenMessageAt < last.at)
      state.lastCitizenMessageAt = last.at;
  }
  return states;
}

/** Open leads of these desks that an officer holds (read through the holds' own index: list-page.ts). */
export async function heldLeads(store: Store, desks: string[]): Promise<InboxLead[]> {
  return heldLeadsMatching(store, {}, desks);
}

/** How many leads of these desks wait for an officer: the count in the navigation. */
export async function countAwaiting(store: Store, desks: string[]): Promise<number> {
  const states = await inboxStates(store, await heldLeads(store, desks));
  return [...states.values()].filter((s) => s.awaitingReply).length;
}
