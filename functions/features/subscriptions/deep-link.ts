/** Telegram deep-link payloads: `t.me/<bot>?start=<payload>`, 1 to 64 of [A-Za-z0-9_-] (Bot API rule). */
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
const START = /^\/start(?:@\w+)?\s+(\S.*)$/;

/** The source a `/start <payload>` message carries, or undefined for anything else (ignored safely). */
export function deepLinkSource(text: string): string | undefined {
  const match = START.exec(text.trim());
  const payload = match?.[1]?.trim();
  return payload && PAYLOAD.test(payload) ? payload : undefined;
}
