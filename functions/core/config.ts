import { z } from 'zod';

/**
 * Development defaults: they make `npm start` work on a fresh clone with no account anywhere.
 * Production refuses every one of them (see `assertProductionReady`), so a forgotten secret
 * can never ship as a well-known value.
 */
export const DEV_DEFAULTS = {
  PUBLIC_URL: 'http://localhost:3000',
  TWILIO_AUTH_TOKEN: 'dev-twilio-auth-token',
  TELEGRAM_WEBHOOK_SECRET: 'dev-telegram-webhook-secret',
  TABLE_NAME: 'togo-diaspora-local',
  SESSION_SECRET: 'dev-session-secret-change-me-0123456789',
} as const;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const configSchema = z.object({
  APP_ENV: z.enum(['local', 'production']).default('local'),
  VERSION: z.string().default(process.env.npm_package_version ?? '0.1.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Where `npm start` listens. Loopback by default: local mode serves the unauthenticated
   * /dev/outbox and demo accounts; `HOST=0.0.0.0` opens it to the network on purpose.
   */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().default(DEV_DEFAULTS.PUBLIC_URL),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_DEFAULTS.TWILIO_AUTH_TOKEN),
  TWILIO_WHATSAPP_FROM: optionalString,
  /** Only for tests and fakes: where the Twilio REST client sends its calls. */
  TWILIO_API_BASE_URL: optionalString,

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: z.string().min(1).default(DEV_DEFAULTS.TELEGRAM_WEBHOOK_SECRET),
  TELEGRAM_BOT_USERNAME: z.string().default('togo_diaspora_bot'),
  /** Only for tests and fakes: grammY's `apiRoot`. */
  TELEGRAM_API_ROOT: optionalString,

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(4000),

  /**
   * Speech to text for voice notes: any OpenAI-compatible `audio/transcriptions` endpoint (a
   * self-hosted server works the same way). Each defaults to its `OPENAI_*` setting; see
   * `transcriptionSettings`.
   */
  TRANSCRIBE_BASE_URL: optionalString,
  TRANSCRIBE_API_KEY: optionalString,
  TRANSCRIBE_MODEL: optionalString,
  /** Longest voice note transcribed; longer ones get a polite "please type". */
  TRANSCRIBE_MAX_SECONDS: z.coerce.number().int().positive().default(120),
  /** Largest voice note downloaded (10 MB); past it the download stops and the person is asked to type. */
  TRANSCRIBE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Download and transcription together, well inside the worker's 30-second budget. */
  TRANSCRIBE_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),

  TABLE_NAME: z.string().min(3).default(DEV_DEFAULTS.TABLE_NAME),
  DYNAMODB_ENDPOINT: optionalString,
  AWS_REGION: z.string().default('eu-west-1'),
  INBOUND_QUEUE_URL: optionalString,
  /** The broadcast queue (standard SQS), apart from the conversation queue so replies never wait behind it. */
  BROADCAST_QUEUE_URL: optionalString,
  /** Broadcast sends per second on Telegram: below the bot's ~30/s so conversation replies keep room. */
  BROADCAST_TELEGRAM_RATE: z.coerce.number().positive().default(25),
  /** Twilio's default per-sender throughput for WhatsApp (messages per second). */
  BROADCAST_WHATSAPP_RATE: z.coerce.number().positive().default(80),
  /** Recipients per fan-out batch (one queue message). */
  BROADCAST_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),

  SESSION_SECRET: z.string().min(16).default(DEV_DEFAULTS.SESSION_SECRET),

  /** Messages a person may send per minute before being asked to slow down (0 turns the limit off). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  /** Hours without officer activity after which an officer's hold on a conversation ends by itself. */
  HOLD_TIMEOUT_HOURS: z.coerce.number().positive().default(24),
  /** Model calls per person per UTC day; past it answers are extractive. */
  LLM_DAILY_BUDGET_PER_USER: z.coerce.number().int().min(0).default(30),
  /** Model calls for everyone per UTC day: a cap on the bill. */
  LLM_DAILY_BUDGET_TOTAL: z.coerce.number().int().min(0).default(5000),

  /** How long the check code on an officer's console message can be verified ("vérifier K7F3-Q2MA"). */
  CHECK_CODE_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Check codes a person may verify per hour: codes cannot be tried at random. */
  CHECK_CODE_CHECKS_PER_HOUR: z.coerce.number().int().min(1).default(10),

  /** Desks' Telegram groups per environment: `investment-promotion=-1001,digital-economy=-1002`. */
  DESK_TELEGRAM_CHAT_IDS: optionalString,
  /** How often the local process checks lead SLAs (in AWS a schedule does). */
  SLA_CHECK_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * Knowledge base published from the console: how often (seconds) a running function checks the
   * store's pointer for a newer published base (one small read, not per message; 0: every turn).
   */
  KB_REFRESH_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** Days an entry past its valid-until date is still served (its desk told) before it is withdrawn. */
  KB_EXPIRY_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /**
   * Small teams: an editor may publish their own draft. The audit marks each such publish.
   * Off by default: a second person (another editor or a supervisor) publishes.
   */
  ONE_PERSON_PUBLISH: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** The time zone the console shows dates in (an IANA name); Lomé unless the ministry says otherwise. */
  OFFICER_TIME_ZONE: z
    .string()
    .default('Africa/Lome')
    .refine(
      (tz) => {
        try {
          new Intl.DateTimeFormat('fr', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'an IANA time zone such as Africa/Lome' },
    ),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly keys: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Keys a production deployment must set to a real value (secrets come from Secrets Manager in AWS). */
const REQUIRED_IN_PRODUCTION = [
  'PUBLIC_URL',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_WHATSAPP_FROM',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'TABLE_NAME',
  'SESSION_SECRET',
] as const;

function assertProductionReady(env: Record<string, string | undefined>, config: Config): void {
  const missing = REQUIRED_IN_PRODUCTION.filter((key) => !env[key]?.trim());
  if (missing.length > 0) {
    throw new ConfigError(`Production configuration is missing: ${missing.join(', ')}`, [...missing]);
  }
  const defaults = (Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[]).filter(
    (key) => config[key] === DEV_DEFAULTS[key],
  );
  if (defaults.length > 0) {
    throw new ConfigError(`Production refuses development defaults for: ${defaults.join(', ')}`, defaults);
  }
  if (!config.PUBLIC_URL.startsWith('https://')) {
    throw new ConfigError('Production PUBLIC_URL must be https', ['PUBLIC_URL']);
  }
}

/**
 * Parses and validates configuration. `env` defaults to `process.env`; the Lambda adapters pass the
 * environment merged with the secrets read from Secrets Manager.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const keys = parsed.error.issues.map((issue) => String(issue.path[0]));
    const detail = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${detail}`, keys);
  }
  if (parsed.data.APP_ENV === 'production') assertProductionReady(env, parsed.data);
  return parsed.data;
}

/** Where voice notes are transcribed, each setting falling back to its `OPENAI_*` one. */
export interface TranscriptionSettings {
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  model: string;
  maxSeconds: number;
  maxBytes: number;
  timeoutMs: number;
}

/**
 * The transcription service, or undefined when none is configured: neither a key (OpenAI itself)
 * nor a base URL (a self-hosted server, which may need no key).
 */
export function transcriptionSettings(config: Config): TranscriptionSettings | undefined {
  const baseURL = config.TRANSCRIBE_BASE_URL ?? config.OPENAI_BASE_URL;
  const apiKey = config.TRANSCRIBE_API_KEY ?? config.OPENAI_API_KEY;
  if (!baseURL && !apiKey) return undefined;
  return {
    baseURL,
    apiKey,
    model: config.TRANSCRIBE_MODEL ?? config.OPENAI_MODEL,
    maxSeconds: config.TRANSCRIBE_MAX_SECONDS,
    maxBytes: config.TRANSCRIBE_MAX_BYTES,
    timeoutMs: config.TRANSCRIBE_TIMEOUT_MS,
  };
}

/** Which development defaults are in force, to print at local start. */
export function describeDevDefaults(config: Config, env: Record<string, string | undefined> = process.env) {
  return (Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[])
    .filter((key) => !env[key])
    .map((key) => `${key}=${config[key]}`);
}
