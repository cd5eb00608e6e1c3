import { randomUUID } from 'node:crypto';
import { type ChannelDirectory, senderFor } from '../core/channel.js';
import { type Contact, type ConversationState, idleState, newContact } from '../core/contact.js';
import { AppError, isTransient, StoreUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { InboundMessage, Lang, Senders } from '../core/types.js';
import { type Engine, menuReply, type TurnResult } from '../engine/engine.js';
import { detectLanguage } from '../engine/language.js';
import { textsFor } from '../engine/texts.js';
import type { Store } from '../store/client.js';
import { contactItem, getContact } from '../store/contacts.js';
import { conversationItem, getConversation } from '../store/conversations.js';
import {
  type Claim,
  claimInbound,
  commitAnswer,
  markInboundDone,
  markReplySent,
  releaseInbound,
} from '../store/inbound.js';
import { messageItem } from '../store/messages.js';
import { deleteOutboxTo } from '../store/outbox.js';

/** Another worker holds this message's lease: retry later, it may still finish. */
export class InboundBusyError extends AppError {}

export interface WorkerDeps {
  store: Store;
  engine: Engine;
  senders: Senders;
  logger: Logger;
  /** How long a claim protects a message from a concurrent redelivery. */
  leaseMs?: number;
  now?: () => number;
  /** Which addresses are group chats (the runtime's channels); without it every chat is personal. */
  channels?: ChannelDirectory | undefined;
  /** Test hook: runs between the commit and the first send, where a crash is most dangerous. */
  afterCommit?: (message: InboundMessage) => Promise<void> | void;
}

export type Outcome = 'answered' | 'resumed' | 'duplicate';

/**
 * Handles one inbound message exactly once: claim it, run the engine, commit its effects together
 * with the replies, then send the replies one by one, recording each. Safe to call again with the
 * same message at any point (redelivery, crash, retry).
 */
export async function processInbound(message: InboundMessage, deps: WorkerDeps): Promise<Outcome> {
  const now = deps.now ?? Date.now;
  const owner = randomUUID();
  const { store, logger } = deps;
  // The lease is shorter than the worker function's timeout, so a crashed worker's claim frees itself.
  const { channel, externalId } = message;
  const claim = await claimInbound(store, channel, externalId, owner, now(), deps.leaseMs ?? 30_000);
  if (claim.kind === 'duplicate') {
    logger.debug('duplicate inbound ignored', { channel, externalId });
    return 'duplicate';
  }
  if (claim.kind === 'busy')
    throw new InboundBusyError(`inbound ${channel}/${externalId} is being processed`);
  try {
    return await answerClaimed(message, claim, owner, deps);
  } catch (error) {
    await releaseInbound(store, channel, externalId, owner);
    throw error;
  }
}

async function answerClaimed(
  message: InboundMessage,
  claim: Exclude<Claim, { kind: 'duplicate' | 'busy' }>,
  owner: string,
  deps: WorkerDeps,
): Promise<Outcome> {
  const now = deps.now ?? Date.now;
  const { store, logger } = deps;
  const { channel, externalId } = message;

  let replies = claim.kind === 'resume' ? claim.replies : [];
  let sent = claim.kind === 'resume' ? claim.sent : 0;
  let forget = claim.kind === 'resume' ? claim.forget === true : false;
  if (claim.kind === 'fresh') {
    const nowMs = now();
    const at = new Date(nowMs).toISOString();
    const known = await getContact(store, channel, message.userId);
    const contact =
      known ??
      newContact({
        channel,
        userId: message.userId,
        address: message.address,
        lang: langFromHint(message),
        at,
      });
    const state = await getConversation(store, channel, message.userId, nowMs);
    const result = await runEngine(deps, { message, contact, state, nowMs });
    replies = result.replies;
    sent = 0;
    const log = [
      messageItem(channel, message.userId, message.receivedAtMs, `${externalId}-in`, {
        direction: 'in',
        text: message.text ?? `[${message.kind}]`,
        at: new Date(message.receivedAtMs).toISOString(),
      }),
      ...replies.flatMap((r, i) =>
        r.to
          ? []
          : [
              messageItem(channel, message.userId, nowMs + i, `${externalId}-out-${i}`, {
                direction: 'out',
                text: r.text,
                at,
                by: 'bot',
              }),
            ],
      ),
    ];
    await commitAnswer(
      store,
      channel,
      externalId,
      owner,
      replies,
      [
        // After an erasure nothing about the person is written back: not even this message.
        ...(result.forget
          ? []
          : groupChat(deps, message)
            ? // A group chat is not the person's own: no log of it, their private address kept.
              known
              ? [
                  contactItem({ ...result.contact, address: known.address }),
                  conversationItem(channel, message.userId, result.state, nowMs),
                ]
              : []
            : [
                contactItem({ ...result.contact, address: message.address }),
                conversationItem(channel, message.userId, result.state, nowMs),
                ...log,
              ]),
        ...(result.puts ?? []),
      ],
      result.forget === true,
    );
    forget = result.forget === true;
    await deps.afterCommit?.(message);
  }

  const sender = senderFor(deps.senders, channel);
  if (message.callbackQueryId && sender.acknowledgeChoice) {
    await sender
      .acknowledgeChoice(message.callbackQueryId)
      .catch((error) => logger.warn('callback query not acknowledged', { error }));
  }
  for (let i = sent; i < replies.length; i++) {
    const { to, ...content } = replies[i]!;
    await senderFor(deps.senders, to?.channel ?? channel).send(to?.address ?? message.address, content);
    await markReplySent(store, channel, externalId, i);
  }
  // In local mode the outbox kept a copy of the erasure's own confirmation: nothing of them survives.
  if (forget) await deleteOutboxTo(store, channel, message.address);
  await markInboundDone(store, channel, externalId);
  return claim.kind === 'resume' ? 'resumed' : 'answered';
}

/**
 * A message written in a group chat is not the person's own conversation: its text stays out of
 * their message log, and the group's address never replaces their private one (a person first
 * seen in a group is not recorded at all).
 */
function groupChat(deps: WorkerDeps, message: InboundMessage): boolean {
  return deps.channels?.get(message.channel).isGroupAddress(message.address) === true;
}

/**
 * Runs the engine; a bug in it (anything but a store outage) is answered once with an apology and
 * the menu and committed like any answer, so the message is not retried eight times and dead-lettered
 * while the person hears nothing. The stack goes to the log.
 */
async function runEngine(
  deps: WorkerDeps,
  turn: { message: InboundMessage; contact: Contact; state: ConversationState; nowMs: number },
): Promise<TurnResult> {
  try {
    return await deps.engine(turn);
  } catch (error) {
    if (isTransient(error)) throw error;
    deps.logger.error('engine failed on a message, answered with an apology', {
      channel: turn.message.channel,
      externalId: turn.message.externalId,
      kind: turn.message.kind,
      error,
      stack: error instanceof Error ? error.stack : String(error),
    });
    const lang = turn.contact.lang === 'en' ? 'en' : 'fr';
    return {
      replies: [menuReply(lang, textsFor(lang).sorry)],
      contact: { ...turn.contact, lang },
      state: { ...idleState(turn.nowMs), options: menuReply(lang).options?.map((o) => o.id) ?? [] },
    };
  }
}

function langFromHint(message: InboundMessage): Lang {
  if (message.langHint?.toLowerCase().startsWith('en')) return 'en';
  return 'fr';
}

/**
 * The queue consumer's entry: processes the message and, when the store is down, tells the person
 * once that their message is received, then fails so the queue redelivers it later.
 */
export function createInboundHandler(deps: WorkerDeps) {
  const apologised = new Set<string>();
  return async function handleInbound(message: InboundMessage): Promise<Outcome> {
    try {
      const outcome = await processInbound(message, deps);
      apologised.delete(`${message.channel}:${message.externalId}`);
      return outcome;
    } catch (error) {
      const key = `${message.channel}:${message.externalId}`;
      if (error instanceof StoreUnavailableError && !apologised.has(key)) {
        apologised.add(key);
        const lang = detectLanguage(message.text ?? '') ?? langFromHint(message);
        await senderFor(deps.senders, message.channel)
          .send(message.address, { text: textsFor(lang).retryLater })
          .catch((sendError) => deps.logger.warn('could not send the retry notice', { error: sendError }));
      }
      deps.logger.warn('inbound processing failed, will be retried', {
        channel: message.channel,
        externalId: message.externalId,
        error,
      });
      throw error;
    }
  };
}
