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
      print(
        `[outbox] ${channel.id} → ${address}\n${text}${buttons?.length ? `\n[${buttons.join('] [')}]` : ''}\n`,
      );
    },
  };
}

export const printerFor = (logLevel: string) =>
  logLevel === 'silent' ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);
