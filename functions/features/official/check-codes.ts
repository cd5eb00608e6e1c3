import { randomInt } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Lang } from '../../core/types.js';
import type { Turn } from '../../engine/engine.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { DAY_SEC, nowSec } from '../../store/keys.js';
import type { CodeChecker } from './capability.js';
import { CHECK_CODE_ALPHABET } from './extract.js';
import { formatLome, officialTexts } from './texts.js';

/**
 * Key formats of check codes (single table):
 * - code   PK `CHECKCODE#<code>`          SK `CHECKCODE`   (desk and time only, never the content)
 * - rate   PK `CHECKRATE#<channel:user>`  SK `H#<hour>`    (checks per person per hour)
 */
export const checkCodeKeys = {
  code: (code: string) => ({ PK: `CHECKCODE#${code}`, SK: 'CHECKCODE' }),
  rate: (userKey: string, hour: number) => ({ PK: `CHECKRATE#${userKey}`, SK: `H#${hour}` }),
} as const;

/** An expired code is still recognised as expired (not as forged) this long after its expiry. */
const KEEP_AFTER_EXPIRY_SEC = 30 * DAY_SEC;
/** Codes read from one message: a forwarded message carries one; more is someone trying codes. */
const MAX_CODES_PER_MESSAGE = 3;

/**
 * 8 symbols of 32 (about 39.7 bits once all-letter and all-digit draws are set aside, so a code is
 * never read as a word or a year). With the per-person hourly limit, trying codes at random finds
 * a live one about once in ten million tries even with a hundred thousand codes in force.
 */
export function newCheckCode(): string {
  const pick = () => CHECK_CODE_ALPHABET[randomInt(CHECK_CODE_ALPHABET.length)];
  const part = () => Array.from({ length: 4 }, pick).join('');
  for (;;) {
    const code = `${part()}-${part()}`;
    if (/\d/.test(code) && /[A-Z]/.test(code)) return code;
  }
}

export interface IssuedCheckCode {
  code: string;
  desk: string;
  sentAtMs: number;
  validUntilMs: number;
}

/** Records a new code for a message a desk is sending; the content of the message is not kept. */
export async function issueCheckCode(
  store: Store,
  init: { desk: string; nowMs: number; ttlDays: number },
): Promise<IssuedCheckCode> {
  for (let attempt = 0; ; attempt++) {
    const issued = {
      code: newCheckCode(),
      desk: init.desk,
      sentAtMs: init.nowMs,
      validUntilMs: init.nowMs + init.ttlDays * DAY_SEC * 1000,
    };
    try {
      await storeCall('issueCheckCode', () =>
        store.doc.send(
          new PutCommand({
            TableName: store.tableName,
            Item: {
              ...checkCodeKeys.code(issued.code),
              type: 'checkCode',
              ...issued,
              expiresAtSec: nowSec(issued.validUntilMs) + KEEP_AFTER_EXPIRY_SEC,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      return issued;
    } catch (error) {
      // A collision among 2^40 codes is rare; a second one in a row would be a bug.
      if (!isConditionFailure(error) || attempt >= 2) throw error;
    }
  }
}

/**
 * The officer's text with its check code line, in the citizen's language: what the console sends
 * (and logs) instead of the bare text. Called from the console reply path.
 */
export async function withCheckCode(
  deps: { store: Store; config: { CHECK_CODE_TTL_DAYS: number } },
  message: { desk: string; lang: Lang; text: string; nowMs: number },
): Promise<string> {
  const { code } = await issueCheckCode(deps.store, {
    desk: message.desk,
    nowMs: message.nowMs,
    ttlDays: deps.config.CHECK_CODE_TTL_DAYS,
  });
  return `${message.text}\n\n${officialTexts(message.lang).checkCodeLine(code)}`;
}

export type CodeStatus =
  | { status: 'valid'; desk: string; sentAtMs: number }
  | { status: 'expired' }
  | { status: 'unknown' };

export async function lookupCheckCode(store: Store, code: string, nowMs: number): Promise<CodeStatus> {
  const out = await storeCall('lookupCheckCode', () =>
    store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: checkCodeKeys.code(code.toUpperCase()) }),
    ),
  );
  const item = out.Item;
  // TTL deletes late: an item past its own expiry is treated as gone.
  if (!item || (typeof item.expiresAtSec === 'number' && item.expiresAtSec < nowSec(nowMs))) {
    return { status: 'unknown' };
  }
  if (Number(item.validUntilMs) <= nowMs) return { status: 'expired' };
  return { status: 'valid', desk: String(item.desk), sentAtMs: Number(item.sentAtMs) };
}

/** Counts `n` checks in the person's current hour (atomic ADD); true while within the limit. */
async function withinCheckLimit(store: Store, userKey: string, n: number, nowMs: number, perHour: number) {
  const hour = Math.floor(nowMs / 3_600_000);
  const out = await storeCall('countCodeChecks', () =>
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: checkCodeKeys.rate(userKey, hour),
        UpdateExpression: 'ADD #count :n SET expiresAtSec = if_not_exists(expiresAtSec, :ttl), #type = :type',
        ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
        ExpressionAttributeValues: { ':n': n, ':ttl': nowSec(nowMs) + 2 * 3600, ':type': 'checkRate' },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  return Number(out.Attributes?.count ?? 0) <= perHour;
}

export interface CheckCodeDeps {
  store: Store;
  config: { CHECK_CODE_TTL_DAYS: number; CHECK_CODE_CHECKS_PER_HOUR: number };
  /** A desk's name in the person's language (desks belong to lead routing). */
  deskName: (id: string, lang: Lang) => string;
}

/**
 * "Vérifier K7F3-Q2MA", or a forwarded officer's message: for each code, who sent it (the desk) and
 * when, never the content. Checks are rate-limited per person so codes cannot be tried at random.
 */
export function checkCodeChecker(deps: CheckCodeDeps): CodeChecker {
  return async (turn: Turn, found: string[]) => {
    const lang = turn.contact.lang;
    const t = officialTexts(lang);
    const codes = found.slice(0, MAX_CODES_PER_MESSAGE);
    const userKey = `${turn.message.channel}:${turn.message.userId}`;
    const allowed = await withinCheckLimit(
      deps.store,
      userKey,
      codes.length,
      turn.nowMs,
      deps.config.CHECK_CODE_CHECKS_PER_HOUR,
    );
    if (!allowed) return [t.tooManyChecks];
    const lines: string[] = [];
    for (const code of codes) {
      const result = await lookupCheckCode(deps.store, code, turn.nowMs);
      if (result.status === 'valid')
        lines.push(t.codeValid(code, deps.deskName(result.desk, lang), formatLome(result.sentAtMs, lang)));
      else if (result.status === 'expired') lines.push(t.codeExpired(code, deps.config.CHECK_CODE_TTL_DAYS));
      else lines.push(t.codeUnknown(code));
    }
    return lines;
  };
}
