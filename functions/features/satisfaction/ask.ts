import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { senderFor } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import type { Channel, Lang, Senders } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { conversationItem, getConversation } from '../../store/conversations.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { messageItem } from '../../store/messages.js';
import { satisfactionQuestion } from './capability.js';
import { claimAsk } from './repository.js';

/** What the question needs of a lead (satisfaction knows no lead module: leads call it). */
export interface HelpEnded {
  reference: string;
  desk: string;
  channel: Channel;
  lang: Lang;
  /** Absent once the person erased their data: then nobody is asked. */
  userId?: string | undefined;
  address?: string | undefined;
}

export interface AskDeps {
  store: Store;
  senders: Senders;
  logger: Logger;
  now?: (() => number) | undefined;
}

/**
 * Asks the citizen, once, to rate the help (a lead closed, an officer's conversation ended), in
 * their language, unless they were asked within 30 days. Best effort: a failure is logged, the
 * officer's action that ended the help has already succeeded.
 */
export async function askSatisfaction(deps: AskDeps, lead: HelpEnded): Promise<'asked' | 'skipped'> {
  const { userId, address } = lead;
  if (!userId || !address) return 'skipped';
  const nowMs = (deps.now ?? Date.now)();
  try {
    const who = { channel: lead.channel, userId };
    if (!(await claimAsk(deps.store, who, { reference: lead.reference, desk: lead.desk }, nowMs)))
      return 'skipped';
    const question = satisfactionQuestion(lead.reference, lead.lang);
    // A typed number maps to the score only if the conversation remembers the options; a guided
    // conversation under way keeps its own (the buttons still work).
    const state = await getConversation(deps.store, lead.channel, userId, nowMs);
    if (state.flow === 'idle') {
      const next = { ...state, options: (question.options ?? []).map((o) => o.id), updatedAtMs: nowMs };
      await storeCall('rememberSatisfactionOptions', () =>
        deps.store.doc.send(
          new PutCommand({
            TableName: deps.store.tableName,
            Item: conversationItem(lead.channel, userId, next, nowMs),
          }),
        ),
      );
    }
    await senderFor(deps.senders, lead.channel).send(address, question);
    await storeCall('logSatisfactionQuestion', () =>
      deps.store.doc.send(
        new PutCommand({
          TableName: deps.store.tableName,
          Item: messageItem(lead.channel, userId, nowMs, randomUUID(), {
            direction: 'out',
            text: question.text,
            at: new Date(nowMs).toISOString(),
            by: 'bot',
          }),
        }),
      ),
    );
    return 'asked';
  } catch (error) {
    deps.logger.warn('satisfaction question not sent', { reference: lead.reference, error });
    return 'skipped';
  }
}
