/**
 * Structured JSON logs, one line per event. Personal data never reaches a log: the keys below are
 * redacted wherever they appear, and phone numbers are masked inside any string.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

const REDACTED_KEYS = new Set([
  // What people write and what the bot answers them.
  'text',
  'body',
  'caption',
  'question',
  'answer',
  'replies',
  // Who they are and where they can be reached.
  'name',
  'fullname',
  'firstname',
  'first_name',
  'lastname',
  'last_name',
  'displayname',
  'profilename',
  'username',
  'from',
  'to',
  'address',
  'userid',
  'chatid',
  'chat_id',
  'waid',
  'phone',
  'email',
  'city',
  'country',
  'profession',
  // Secrets.
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
]);
/**
 * 8+ digits with optional separators: phone numbers, WhatsApp addresses, most Telegram chat ids.
 * Not inside a word or a reference ("TG-2026-0042") and not an ISO date, which logs need.
 */
const PHONE = /(?<![\w-])(?!\d{4}-\d\d-\d\d)\+?\d[\d\s.-]{6,}\d/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = REDACTED_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const threshold = LEVELS[level];
  const log = (lvl: Exclude<LogLevel, 'silent'>) => (message: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < threshold) return;
    write(
      JSON.stringify({
        level: lvl,
        time: new Date().toISOString(),
        message,
        ...(redact(data ?? {}) as object),
      }),
    );
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = createLogger('silent');
