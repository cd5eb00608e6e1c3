import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AppError, ERROR_KIND } from '../../core/errors.js';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { queryAll } from '../../store/pages.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';

export const ROLES = { officer: 'officer', supervisor: 'supervisor', admin: 'admin' } as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

export const newOfficerSchema = z.object({
  email: z
    .email()
    .trim()
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(120),
  role: z.enum(['officer', 'supervisor', 'admin']),
  desk: z.string().trim().min(1).max(60),
  telegramUserId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/)
    .optional(),
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export type NewOfficer = z.input<typeof newOfficerSchema>;

export interface Officer {
  id: string;
  email: string;
  name: string;
  role: Role;
  desk: string;
  telegramUserId?: string | undefined;
  /** When the officer linked that account themselves with a one-time code (features/officers/telegram-link.ts). */
  telegramLinkedAt?: string | undefined;
  active: boolean;
  createdAt: string;
  /**
   * Sessions created before this time are void: a password reset, a deactivation or reactivation,
   * or a desk change ends every session (and the API token is removed with it).
   */
  sessionsValidFromMs?: number | undefined;
  /** The knowledge base editor right (drafts, gaps; publishing with a second person), granted by an admin. */
  editor?: boolean | undefined;
}

interface OfficerItem extends Officer {
  passwordHash: string;
  apiTokenHash?: string | undefined;
}

export class OfficerError extends AppError {}
/** Another account already uses the address: a conflict the admin can read and fix. */
export class EmailTakenError extends OfficerError {
  constructor(message: string) {
    super(message, {
      kind: ERROR_KIND.conflict,
      officer: {
        fr: 'Un compte existe déjà avec cette adresse e-mail.',
        en: 'An account already exists with this email address.',
      },
    });
  }
}
export class OfficerNotFoundError extends OfficerError {
  constructor(message: string) {
    super(message, { kind: ERROR_KIND.notFound });
  }
}

function toOfficer(item: Record<string, unknown>): Officer {
  const i = item as unknown as OfficerItem;
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    desk: i.desk,
    telegramUserId: i.telegramUserId,
    telegramLinkedAt: i.telegramLinkedAt,
    active: i.active,
    createdAt: i.createdAt,
    sessionsValidFromMs: i.sessionsValidFromMs,
    editor: i.editor === true,
  };
}

function indexAttributes(o: Pick<Officer, 'id' | 'desk' | 'telegramUserId'>) {
  return {
    GSI1PK: keys.officersOfDesk(o.desk),
    GSI1SK: o.id,
    ...(o.telegramUserId ? { GSI2PK: keys.officerTelegram(o.telegramUserId), GSI2SK: o.id } : {}),
  };
}

/**
 * Creates an account. The email is unique through a guard item written in the same transaction,
 * so two concurrent creations with one address cannot both succeed.
 */
export async function createOfficer(store: Store, input: NewOfficer, nowMs = Date.now()): Promise<Officer> {
  const data = newOfficerSchema.parse(input);
  const officer: Officer = {
    id: randomUUID(),
    email: data.email,
    name: data.name,
    role: data.role,
    desk: data.desk,
    telegramUserId: data.telegramUserId,
    active: true,
    createdAt: new Date(nowMs).toISOString(),
  };
  const item = {
    ...keys.officer(officer.id),
    type: 'officer',
    ...indexAttributes(officer),
    ...officer,
    passwordHash: await hashPassword(data.password),
  };
  try {
    await storeCall('createOfficer', () =>
      store.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: store.tableName,
                Item: { ...keys.officerEmail(officer.email), type: 'officerEmail', officerId: officer.id },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: store.tableName,
                Item: item,
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new EmailTakenError(`An officer already uses ${officer.email}`);
    throw error;
  }
  return officer;
}

async function getItem(store: Store, id: string): Promise<OfficerItem | undefined> {
  const out = await storeCall('getOfficer', () =>
    store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.officer(id), ConsistentRead: true }),
    ),
  );
  return out.Item as OfficerItem | undefined;
}

export async function getOfficer(store: Store, id: string): Promise<Officer | undefined> {
  const item = await getItem(store, id);
  return item ? toOfficer(item as unknown as Record<string, unknown>) : undefined;
}

export async function getOfficerByEmail(store: Store, email: string): Promise<Officer | undefined> {
  const out = await storeCall('getOfficerEmail', () =>
    store.doc.send(
      new GetCommand({
        TableName: store.tableName,
        Key: keys.officerEmail(email.trim().toLowerCase()),
        ConsistentRead: true,
      }),
    ),
  );
  const id = out.Item?.officerId as string | undefined;
  return id ? getOfficer(store, id) : undefined;
}

export async function listOfficers(store: Store): Promise<Officer[]> {
  const items = await queryAll(store, 'listOfficers', {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': 'OFFICERS', ':sk': 'OFFICER#' },
  });
  return items.map(toOfficer).sort((a, b) => a.name.localeCompare(b.name));
}

/** Active officers of a desk (routing picks among them; supervisors included, the caller filters). */
export async function listDeskOfficers(store: Store, desk: string): Promise<Officer[]> {
  const out = await storeCall('listDeskOfficers', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.officersOfDesk(desk) },
      }),
    ),
  );
  return (out.Items ?? []).map(toOfficer).filter((o) => o.active);
}

/** The active officer behind a Telegram user (a claim button pressed in a desk group). */
export async function findOfficerByTelegramUserId(
  store: Store,
  telegramUserId: string | number,
): Promise<Officer | undefined> {
  const out = await storeCall('findOfficerByTelegramUserId', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.officerTelegram(String(telegramUserId)) },
      }),
    ),
  );
  return (out.Items ?? []).map(toOfficer).find((o) => o.active);
}

export type LoginResult =
  | { ok: true; officer: Officer }
  /** `officerId`: the account the address names, for a notice to it; never shown to the caller. */
  | { ok: false; reason: 'invalid'; officerId?: string };

/**
 * Checks a password. An unknown or inactive account costs the same scrypt work as a wrong
 * password and gets the same answer, so the form reveals no accounts. How many checks may happen
 * is the caller's throttle (`console/login-throttle.ts`), reserved before this is called.
 */
export async function authenticate(store: Store, email: string, password: string): Promise<LoginResult> {
  const officer = await getOfficerByEmail(store, email);
  const item = officer ? await getItem(store, officer.id) : undefined;
  if (!item?.active) {
    await verifyPassword(password, await DUMMY_HASH);
    return { ok: false, reason: 'invalid' };
  }
  if (await verifyPassword(password, item.passwordHash)) {
    return { ok: true, officer: toOfficer(item as unknown as Record<string, unknown>) };
  }
  return { ok: false, reason: 'invalid', officerId: item.id };
}

async function updateOfficer(
  store: Store,
  id: string,
  expression: string,
  values: Record<string, unknown>,
  operation: string,
) {
  try {
    await storeCall(operation, () =>
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: keys.officer(id),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(PK)',
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new OfficerNotFoundError(`No officer ${id}`);
    throw error;
  }
}

/** Ends the officer's sessions and API token along with a change to their access. */
const REVOKE = 'sessionsValidFromMs = :revokedAt';

export async function setActive(
  store: Store,
  id: string,
  active: boolean,
  nowMs = Date.now(),
): Promise<void> {
  await updateOfficer(
    store,
    id,
    `SET active = :a, ${REVOKE} REMOVE apiTokenHash`,
    { ':a': active, ':revokedAt': nowMs },
    'setActive',
  );
}

/** Resets a password (an admin's action); counters of the old lockout, if any, go with it. */
export async function setPassword(
  store: Store,
  id: string,
  password: string,
  nowMs = Date.now(),
): Promise<void> {
  const checked = newOfficerSchema.shape.password.parse(password);
  await updateOfficer(
    store,
    id,
    `SET passwordHash = :h, ${REVOKE} REMOVE failedAttempts, lockedUntilMs, apiTokenHash`,
    { ':h': await hashPassword(checked), ':revokedAt': nowMs },
    'setPassword',
  );
}

/** Grants or withdraws the knowledge base editor right (an admin's action, audited by the caller). */
export async function setEditor(store: Store, id: string, editor: boolean): Promise<void> {
  await updateOfficer(store, id, 'SET editor = :e', { ':e': editor }, 'setEditor');
}

export async function setDesk(store: Store, id: string, desk: string, nowMs = Date.now()): Promise<void> {
  const checked = newOfficerSchema.shape.desk.parse(desk);
  await updateOfficer(
    store,
    id,
    `SET desk = :d, GSI1PK = :pk, ${REVOKE} REMOVE apiTokenHash`,
    { ':d': checked, ':pk': keys.officersOfDesk(checked), ':revokedAt': nowMs },
    'setDesk',
  );
}

const TOKEN_PREFIX = 'tda';
const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Issues a new API token, replacing any previous one. Only its hash is stored: the returned
 * value is shown once. The officer id travels in the token so checking it is a single read.
 */
export async function issueApiToken(store: Store, id: string): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  await updateOfficer(
    store,
    id,
    'SET apiTokenHash = :h',
    { ':h': sha256(secret).toString('base64') },
    'issueApiToken',
  );
  return `${TOKEN_PREFIX}_${id}_${secret}`;
}

/** Removes an officer's API token (an admin's action: an admin never sees another officer's token). */
export async function revokeApiToken(store: Store, id: string): Promise<void> {
  await updateOfficer(store, id, 'REMOVE apiTokenHash', {}, 'revokeApiToken');
}

export async function officerForApiToken(store: Store, token: string): Promise<Officer | undefined> {
  const match = /^tda_([0-9a-f-]{36})_([A-Za-z0-9_-]{32})$/.exec(token.trim());
  if (!match) return undefined;
  const item = await getItem(store, match[1]!);
  if (!item?.apiTokenHash || !item.active) return undefined;
  const expected = Buffer.from(item.apiTokenHash, 'base64');
  const actual = sha256(match[2]!);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return toOfficer(item as unknown as Record<string, unknown>);
}
