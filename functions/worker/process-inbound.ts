import { randomUUID } from 'node:crypto';
import { type ChannelDirectory, senderFor } from '../core/channel.js';
import { type Contact, type ConversationState, idleState, newContact } from '../core/contact.js';
import { AppError, isTransient, StoreUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { TurnReads } from '../core/turn-io.js';
import type { InboundMessage, Lang, Reply, Senders } from '../core/types.js';
import { type Engine, menuReply, type TurnResult } from '../engine/engine.js';
import { detectLanguage } from '../engine/language.js';
import { textsFor } from '../engine/texts.js';
import type { VoiceTurns } from '../features/voice/turn.js';
import type { Store } from '../store/client.js';
import { contactItem } from '../store/contacts.js';
import { conversationItem } from '../store/conversations.js';
import {
  type Claim,
  claimInbound,
  commitAnswer,
  markInboundDone,
  markLastReplySentAndDone,
  markReplySent,
  releaseInbound,
  TurnConflictError,
} from '../store/inbound.js';
import { messageItem } from '../store/messages.js';
import { deleteOutboxTo } from '../store/outbox.js';
import { readTurn } from '../store/turn-reads.js';

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
  /** Voice notes: transcribed, echoed, then answered as typed text (absent: the engine's "text only"). */
  voice?: VoiceTurns | undefined;
  /** Which addresses are group chats (the runtime's channels); without it every chat is personal. */
  channels?: ChannelDirectory | undefined;
  /** Test hook: runs between the commit and the first send, where a crash is most dangerous. */
  afterCommit?: (message: InboundMessage) => Promise<void> | void;
}

export type Outcome = 'answered' | 'resumed' | 'duplicate';

/** How many times a turn is run again, in place, when an item it read changed before its commit. */
const CONFLICT_ATTEMPTS = 4;

/**
 * Handles one inbound message exactly once: claim it, run the engine, commit its effects together
 * with the replies, then send the replies one by one, recording each. Safe to call again with the
 * same message at any point (redelivery, crash, retry).
 *
 * Store requests for a message answered with one reply: the claim (UpdateItem), one read of the
 * contact, the state and what the capabilities ask for (BatchGetItem), the commit
 * (TransactWriteItems), and the last reply marked sent with the message done (UpdateItem). Each
 * further reply adds one UpdateItem; a model answer adds the LLM budget's own transaction.
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
  const { store, logger } = deps;
  const { channel, externalId } = message;

  let replies = claim.kind === 'resume' ? claim.replies : [];
  let sent = claim.kind === 'resume' ? claim.sent : 0;
  let forget = claim.kind === 'resume' ? claim.forget === true : false;
  if (claim.kind === 'fresh') {
    const committed = await runAndCommit(message, owner, deps);
    replies = committed.replies;
    sent = 0;
    forget = committed.forget;
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
    // The last reply closes the record in the same request, except after an erasure: the outbox
    // copies go first, so a crash in between still finds the message open and clears them.
    if (i === replies.length - 1 && !forget) {
      await markLastReplySentAndDone(store, channel, externalId, i);
      return claim.kind === 'resume' ? 'resumed' : 'answered';
    }
    await markReplySent(store, channel, externalId, i);
  }
  // In local mode the outbox kept a copy of the erasure's own confirmation: nothing of them survives.
  if (forget) await deleteOutboxTo(store, channel, message.address);
  await markInboundDone(store, channel, externalId);
  return claim.kind === 'resume' ? 'resumed' : 'answered';
}

/**
 * Reads what the turn needs in one request, runs the engine and commits its effects with the
 * replies. When an item the turn read changed meanwhile (the same person's other message counted
 * in the rate window first), nothing was written: it reads again and runs the turn again.
 */
async function runAndCommit(
  message: InboundMessage,
  owner: string,
  deps: WorkerDeps,
): Promise<{ replies: Reply[]; forget: boolean }> {
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const { channel, externalId } = message;
  for (let attempt = 1; ; attempt++) {
    const nowMs = now();
    const at = new Date(nowMs).toISOString();
    const snapshot = await readTurn(
      store,
      channel,
      message.userId,
      deps.engine.keysToRead?.(message, nowMs) ?? [],
      nowMs,
    );
    const contact =
      snapshot.contact ??
      newContact({
        channel,
        userId: message.userId,
        address: message.address,
        lang: langFromHint(message),
        at,
      });
    const turn = { message, contact, state: snapshot.state, nowMs, reads: snapshot.reads };
    // A voice note is answered as its transcript (`heard`), logged as transcribed.
    const { message: heard, result } = deps.voice
      ? await deps.voice(turn, (t) => runEngine(deps, t))
      : { message, result: await runEngine(deps, turn) };
    const replies = result.replies;
    const log = [
      messageItem(channel, message.userId, message.receivedAtMs, `${externalId}-in`, {
        direction: 'in',
        text: heard.text ?? `[${heard.kind}]`,
        at: new Date(message.receivedAtMs).toISOString(),
        ...(heard.transcribed ? { transcribed: true } : {}),
        // The option id, so the console can show the label the person tapped (never "[choice]").
        ...(message.kind === 'choice' && message.choice ? { choice: message.choice.slice(0, 200) } : {}),
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
                ...(r.options?.length
                  ? { options: r.options.map((o) => ({ id: o.id, label: o.label })) }
                  : {}),
              }),
            ],
      ),
    ];
    try {
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
                snapshot.contact
                ? [
                    contactItem({ ...result.contact, address: snapshot.contact.address }),
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
        // The erasure deleted the person's counters too: they are not written back either.
        result.forget ? [] : (result.guarded ?? []),
      );
      return { replies, forget: result.forget === true };
    } catch (error) {
      if (!(error instanceof TurnConflictError) || attempt >= CONFLICT_ATTEMPTS) throw error;
      deps.logger.debug('the turn read a changed item, running it again', { channel, externalId, attempt });
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

/**
 * Runs the engine; a bug in it (anything but a store outage) is answered once with an apology and
 * the menu and committed like any answer, so the message is not retried eight times and dead-lettered
 * while the person hears nothing. The stack goes to the log.
 */
async function runEngine(
  deps: WorkerDeps,
  turn: {
    message: InboundMessage;
    contact: Contact;
    state: ConversationState;
    nowMs: number;
    reads?: TurnReads;
  },
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

/**
 * A message written in a group chat is not the person's own conversation: its text stays out of
 * their message log, and the group's address never replaces their private one (a person first
 * seen in a group is not recorded at all).
 */
function groupChat(deps: WorkerDeps, message: InboundMessage): boolean {
  return deps.channels?.get(message.channel).isGroupAddress(message.address) === true;
}
