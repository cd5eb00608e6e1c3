import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';

/** The environment variable naming the one Secrets Manager secret (JSON) the functions read. */
export const SECRETS_ARN_ENV = 'SECRETS_ARN';

/** The keys the secret may hold; anything else in it is ignored so a typo cannot override, say, TABLE_NAME. */
export const SECRET_KEYS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  // Not secret, but set with the account it belongs to, in the same place.
  'TWILIO_WHATSAPP_FROM',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'OPENAI_API_KEY',
  'TRANSCRIBE_API_KEY',
  'SESSION_SECRET',
] as const;

export class SecretsError extends AppError {
  constructor(
    message: string,
    readonly secretId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const secretJson = z.record(z.string(), z.unknown());

type Env = Record<string, string | undefined>;

/** Reads the secret and returns its known keys as strings; the values never reach a log. */
export async function readSecret(client: SecretsManagerClient, secretId: string): Promise<Env> {
  let raw: string | undefined;
  try {
    raw = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    throw new SecretsError(`Could not read secret ${secretId}`, secretId, { cause: error });
  }
  if (!raw) throw new SecretsError(`Secret ${secretId} has no string value`, secretId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SecretsError(`Secret ${secretId} is not JSON`, secretId);
  }
  const object = secretJson.safeParse(parsed);
  if (!object.success) throw new SecretsError(`Secret ${secretId} is not a JSON object`, secretId);
  const values: Env = {};
  for (const key of SECRET_KEYS) {
    const value = object.data[key];
    if (typeof value === 'string' && value.trim() !== '') values[key] = value;
  }
  return values;
}

export interface SecretEnvOptions {
  /** Hand a prepared client (tests point one at a loopback fake); a default one is built otherwise. */
  client?: SecretsManagerClient;
}

const cache = new Map<string, Promise<Env>>();

/**
 * The environment with the secret's values merged over it, read once per container: every later
 * call (every warm invocation) reuses the same promise. A failed read is forgotten so the next
 * event tries again rather than failing forever. With no secret configured (local mode, tests)
 * the environment is returned as it is.
 */
export async function envWithSecrets(env: Env, options: SecretEnvOptions = {}): Promise<Env> {
  const secretId = env[SECRETS_ARN_ENV]?.trim();
  if (!secretId) return env;
  let pending = cache.get(secretId);
  if (!pending) {
    const client = options.client ?? new SecretsManagerClient({ region: env.AWS_REGION, maxAttempts: 3 });
    pending = readSecret(client, secretId);
    cache.set(secretId, pending);
    pending.catch(() => cache.delete(secretId));
  }
  return { ...env, ...(await pending) };
}

/** Test hook: forget what was read, as a new container would. */
export function forgetSecrets(): void {
  cache.clear();
}
