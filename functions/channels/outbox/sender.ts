import { randomUUID } from 'node:crypto';
import type { Channel, ChannelSender, Reply } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { putOutbox } from '../../store/outbox.js';
import { renderTelegram } from '../telegram/render.js';
import { renderWhatsApp } from '../whatsapp/render.js';

/**
 * Local mode without channel credentials: replies are rendered exactly as the channel would show
 * them, stored for `GET /dev/outbox`, and printed.
 */
export function createOutboxSender(
  channel: Channel,
  store: Store,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): ChannelSender {
  return {
    async send(address: string, reply: Reply) {
      const at = new Date().toISOString();
      if (channel === 'whatsapp') {
        const text = renderWhatsApp(reply);
        await putOutbox(store, { channel, to: address, text, at }, randomUUID());
        print(`[outbox] whatsapp → ${address}\n${text}\n`);
        return;
      }
      const rendered = renderTelegram(reply);
      const buttons = rendered.reply_markup?.inline_keyboard.flat().map((b) => b.text);
      await putOutbox(store, { channel, to: address, text: rendered.text, at, buttons }, randomUUID());
      print(
        `[outbox] telegram → ${address}\n${rendered.text}${buttons ? `\n[${buttons.join('] [')}]` : ''}\n`,
      );
    },
  };
}
