import { createHash, randomInt } from 'node:crypto';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { findOfficerByTelegramUserId, getOfficer } from '../../console/officers/repository.js';
import type { Lang } from '../../core/types.js';
import { reply, type Turn, type TurnResult } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { DESK_CHANNEL } from '../leads/officers.js';

/**
 * An officer links their Telegram account to the console by sending the bot a one-time code shown
 * on their account page ("Lier mon compte Telegram"): the console then knows which chat is theirs
 * and alerts them there when a citizen writes in a conversation they hold.
 *
 * - a code is 8 characters from an alphabet without look-alikes (`K7QX-M4PA`), about 2^40 values;
 * - it lasts `LINK_CODE_TTL_MS`, works once, and only the newest code of an officer works;
 * - a Telegram account that sends `MAX_TRIES` wrong codes within `TRIES_WINDOW_MS` is refused
 *   (even a right code) until the window ends: guessing 2^40 at 5 per 10 minutes is hopeless;
 * - stored as a SHA-256 hash; unlinking removes the account and its index entry.
 *
 * Keys: code `TG_LINK#<hash>` / `TG_LINK`; tries `TG_LINK_TRIES#<telegram user id>` / `TRIES`.
 */
export const LINK_CODE_TTL_MS = 10 * 60_000;
export const MAX_TRIES = 5;
export const TRIES_WINDOW_MS = 10 * 60_000;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_SHAPE = /^[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}$/;
/** `/lier CODE` (or `/link CODE`), or the code alone as `XXXX-XXXX`. */
const LINK_COMMAND = /^\/(?:lier|link)(?:@\w+)?(?:\s+(\S+))?\s*$/i;
const BARE_CODE = /^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/;

const codeKey = (hash: string) => ({ PK: `TG_LINK#${hash}`, SK: 'TG_LINK' });
const triesKey = (telegramUserId: string) => ({ PK: `TG_LINK_TRIES#${telegramUserId}`, SK: 'TRIES' });
const hashCode = (code: string) => createHash('sha256').update(normalizeCode(code)).digest('hex');

/** The code as stored: upper case, no dash. */
export const normalizeCode = (code: string) => code.trim().toUpperCase().replace('-', '');

function newCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** A new one-time code for an officer; any earlier code of theirs stops working. */
export async function issueLinkCode(
  store: Store,
  officerId: string,
  nowMs = Date.now(),
): Promise<{ code: string; expiresAtMs: number }> {
  const code = newCode();
  const hash = hashCode(code);
  const expiresAtMs = nowMs + LINK_CODE_TTL_MS;
  await storeCall('issueTelegramLinkCode', () =>
    store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: {
                ...codeKey(hash),
                type: 'telegram-link-code',
                officerId,
                expiresAtMs,
                // Deleted by TTL a day later (TTL deletes late; reads check `expiresAtMs`).
                expiresAtSec: Math.ceil(expiresAtMs / 1000) + 86_400,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: store.tableName,
              Key: keys.officer(officerId),
              UpdateExpression: 'SET telegramLinkCode = :hash',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':hash': hash },
            },
          },
        ],
      }),
    ),
  );
  return { code, expiresAtMs };
}

/** Removes the officer's Telegram account (and any pending code): no more alerts, no Telegram claims. */
export async function unlinkTelegram(store: Store, officerId: string): Promise<void> {
  await storeCall('unlinkTelegram', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.officer(officerId),
        UpdateExpression: 'REMOVE telegramUserId, telegramLinkedAt, telegramLinkCode, GSI2PK, GSI2SK',
        ConditionExpression: 'attribute_exists(PK)',
      }),
    ),
  );
}

export const LINK_RESULT = {
  linked: 'linked',
  invalid: 'invalid',
  expired: 'expired',
  used: 'used',
  tooManyTries: 'too_many_tries',
  otherOfficer: 'other_officer',
} as const;
export type LinkResult =
  | { result: typeof LINK_RESULT.linked; officerName: string }
  | { result: Exclude<(typeof LINK_RESULT)[keyof typeof LINK_RESULT], 'linked'>; retryInMs?: number };

async function recordFailure(store: Store, telegramUserId: string, nowMs: number) {
  const key = triesKey(telegramUserId);
  // A window that has ended starts again at one; otherwise one more try in it.
  try {
    await storeCall('telegramLinkTries', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key,
          UpdateExpression: 'ADD tries :one',
          ConditionExpression: 'windowStartMs > :since',
          ExpressionAttributeValues: { ':one': 1, ':since': nowMs - TRIES_WINDOW_MS },
        }),
      ),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await storeCall('telegramLinkTries', () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: key,
          UpdateExpression: 'SET tries = :one, windowStartMs = :now, expiresAtSec = :ttl',
          ExpressionAttributeValues: {
            ':one': 1,
            ':now': nowMs,
            ':ttl': Math.ceil((nowMs + TRIES_WINDOW_MS) / 1000) + 86_400,
          },
        }),
      ),
    );
  }
}

/**
 * Redeems a code sent from a Telegram account (`telegramUserId`, whose private chat has the same
 * id). Checked in this order: too many wrong tries, unknown, expired, already used, an account
 * already linked to someone else; then the code is marked used and the officer linked in one
 * transaction, only if it is still their newest code. The same account sending the same code
 * again (a redelivered update) is told it is linked, as the first time.
 */
export async function redeemLinkCode(
  store: Store,
  telegramUserId: string,
  code: string,
  nowMs = Date.now(),
): Promise<LinkResult> {
  const tries = (
    await storeCall('telegramLinkTries', () =>
      store.doc.send(new GetCommand({ TableName: store.tableName, Key: triesKey(telegramUserId) })),
    )
  ).Item;
  const windowStart = Number(tries?.windowStartMs ?? 0);
  if (tries && Number(tries.tries) >= MAX_TRIES && nowMs - windowStart < TRIES_WINDOW_MS) {
    return { result: LINK_RESULT.tooManyTries, retryInMs: windowStart + TRIES_WINDOW_MS - nowMs };
  }
  const fail = async (result: Exclude<LinkResult['result'], 'linked'>): Promise<LinkResult> => {
    await recordFailure(store, telegramUserId, nowMs);
    return { result };
  };
  if (!CODE_SHAPE.test(normalizeCode(code))) return fail(LINK_RESULT.invalid);
  const hash = hashCode(code);
  const item = (
    await storeCall('telegramLinkCode', () =>
      store.doc.send(
        new GetCommand({ TableName: store.tableName, Key: codeKey(hash), ConsistentRead: true }),
      ),
    )
  ).Item;
  if (!item) return fail(LINK_RESULT.invalid);
  const officerId = item.officerId as string;
  if (item.usedAt) {
    if (item.usedBy === telegramUserId) {
      const officer = await getOfficer(store, officerId);
      if (officer?.telegramUserId === telegramUserId)
        return { result: LINK_RESULT.linked, officerName: officer.name };
    }
    return fail(LINK_RESULT.used);
  }
  if (Number(item.expiresAtMs) <= nowMs) return fail(LINK_RESULT.expired);
  const holder = await findOfficerByTelegramUserId(store, telegramUserId);
  if (holder && holder.id !== officerId) return { result: LINK_RESULT.otherOfficer };
  const at = new Date(nowMs).toISOString();
  try {
    await storeCall('redeemTelegramLinkCode', () =>
      store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: store.tableName,
                Key: codeKey(hash),
                UpdateExpression: 'SET usedAt = :at, usedBy = :tg',
                ConditionExpression: 'attribute_not_exists(usedAt) AND expiresAtMs > :now',
                ExpressionAttributeValues: { ':at': at, ':tg': telegramUserId, ':now': nowMs },
              },
            },
            {
              Update: {
                TableName: store.tableName,
                Key: keys.officer(officerId),
                UpdateExpression:
                  'SET telegramUserId = :tg, telegramLinkedAt = :at, GSI2PK = :gsi, GSI2SK = :id REMOVE telegramLinkCode',
                ConditionExpression: 'telegramLinkCode = :hash AND active = :yes',
                ExpressionAttributeValues: {
                  ':tg': telegramUserId,
                  ':at': at,
                  ':gsi': keys.officerTelegram(telegramUserId),
                  ':id': officerId,
                  ':hash': hash,
                  ':yes': true,
                },
              },
            },
          ],
        }),
      ),
    );
  } catch (error) {
    // Used meanwhile, replaced by a newer code, or the account was deactivated.
    if (isConditionFailure(error)) return fail(LINK_RESULT.invalid);
    throw error;
  }
  const officer = await getOfficer(store, officerId);
  return { result: LINK_RESULT.linked, officerName: officer?.name ?? '' };
}

const TEXTS = {
  fr: {
    linked: (name: string) =>
      `✅ Compte Telegram lié à la console pour ${name}. Vous serez prévenu ici quand un citoyen vous écrit dans une conversation que vous tenez.`,
    invalid:
      'Ce code n’est pas valide. Demandez un nouveau code sur votre page « Mon compte » de la console.',
    expired: 'Ce code a expiré. Demandez un nouveau code sur votre page « Mon compte » de la console.',
    used: 'Ce code a déjà servi. Demandez un nouveau code sur votre page « Mon compte » de la console.',
    tooManyTries: (minutes: number) =>
      `Trop de codes erronés. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    otherOfficer: 'Ce compte Telegram est déjà lié au compte d’un autre agent.',
    usage: 'Pour lier votre compte, envoyez : /lier suivi du code affiché dans la console.',
  },
  en: {
    linked: (name: string) =>
      `✅ Telegram account linked to the console for ${name}. You will be told here when a citizen writes in a conversation you hold.`,
    invalid: 'This code is not valid. Ask for a new code on your “My account” page in the console.',
    expired: 'This code has expired. Ask for a new code on your “My account” page in the console.',
    used: 'This code has already been used. Ask for a new code on your “My account” page in the console.',
    tooManyTries: (minutes: number) =>
      `Too many wrong codes. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    otherOfficer: 'This Telegram account is already linked to another officer’s account.',
    usage: 'To link your account, send: /lier followed by the code shown in the console.',
  },
} satisfies Record<Lang, unknown>;

/** What the bot answers to a link attempt, in the sender's language. */
export function linkAnswer(outcome: LinkResult, lang: Lang): string {
  const t = TEXTS[lang];
  switch (outcome.result) {
    case LINK_RESULT.linked:
      return t.linked(outcome.officerName);
    case LINK_RESULT.tooManyTries:
      return t.tooManyTries(Math.max(1, Math.ceil((outcome.retryInMs ?? TRIES_WINDOW_MS) / 60_000)));
    case LINK_RESULT.expired:
      return t.expired;
    case LINK_RESULT.used:
      return t.used;
    case LINK_RESULT.otherOfficer:
      return t.otherOfficer;
    default:
      return t.invalid;
  }
}

/**
 * The bot's side: `/lier CODE` (or the code alone, `XXXX-XXXX`) in a private chat on the desks'
 * channel links the sender's account. Anything else passes on untouched.
 */
export function telegramLinkInterceptor(store: Store) {
  return async (turn: Turn): Promise<TurnResult | undefined> => {
    const { message } = turn;
    // Private chats only: there the chat is the person (a group's id differs from the sender's).
    if (message.channel !== DESK_CHANNEL || message.address !== message.userId) return undefined;
    if (turn.input.optionId) return undefined;
    const text = turn.input.text.trim();
    const command = LINK_COMMAND.exec(text);
    const code = command ? command[1] : BARE_CODE.test(text) ? text : undefined;
    if (!command && !code) return undefined;
    const lang = turn.contact.lang ?? 'fr';
    if (!code) return reply(turn, [{ text: TEXTS[lang].usage }]);
    const outcome = await redeemLinkCode(store, message.userId, code, turn.nowMs);
    return reply(turn, [{ text: linkAnswer(outcome, lang) }]);
  };
}
