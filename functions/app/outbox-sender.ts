import { randomUUID } from 'node:crypto';
import type { ChannelProfile } from '../core/channel.js';
import type { ChannelSender, Reply } from '../core/types.js';
import type { Store } from '../store/client.js';
import { putOutbox } from '../store/outbox.js';

/**
 * Local mode without channel credentials: replies are rendered exactly as the channel would show
 * them (`preview`), stored for `GET /dev/outbox`, and printed.
 */
export function createOutboxSender(
  channel: ChannelProfile,
  store: Store,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): ChannelSender {
  return {
    async send(address: string, reply: Reply) {
      const at = new Date().toISOString();
      const { text, buttons } = channel.preview(reply);
      await putOutbox(store, { channel: channel.id, to: address, text, at, buttons }, randomUUID());
      if (print === NO_PRINT) return;
      // The terminal is not the outbox: it may be shared, recorded or pasted into an issue.
      print(
        maskContacts(
          `[outbox] ${channel.id} → ${address}\n${text}${buttons?.length ? `\n[${buttons.join('] [')}]` : ''}\n`,
        ),
      );
    },
  };
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Seven digits or more, with the separators people type: phone numbers, and chat ids with them.
// Not inside a word or reference (TDA-2026-0042): a number starts after a space or punctuation.
const PHONE = /(?<![\p{L}\p{N}_-])\+?\d(?:[\s.\-()]*\d){6,}/gu;

/** Phone numbers and e-mail addresses masked: the first characters and the last two digits stay. */
export function maskContacts(text: string): string {
  return text
    .replace(EMAIL, (e) => `${e.slice(0, 1)}***@***`)
    .replace(PHONE, (p) => `${p.startsWith('+') ? p.slice(0, 3) : p.slice(0, 1)}***${p.slice(-2)}`);
}

/** The printer of a silent runtime: the line is not even built (masking it costs on every reply). */
export const NO_PRINT = (_line: string): void => undefined;

export const printerFor = (logLevel: string) =>
  logLevel === 'silent' ? NO_PRINT : (line: string) => process.stdout.write(`${line}\n`);
