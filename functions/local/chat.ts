import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createLocalRuntime } from '../app/local-runtime.js';
import { renderTelegram } from '../channels/telegram/render.js';
import { renderWhatsApp } from '../channels/whatsapp/render.js';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import type { Channel, ChannelSender, InboundMessage, Reply } from '../core/types.js';
import { startEmbeddedStore } from './embedded-store.js';

/**
 * `npm run chat`: talk to the assistant in the terminal, as a user of WhatsApp or Telegram would,
 * through the same queue, worker and engine as the webhooks.
 *   npm run chat -- --channel telegram --user 42
 */
const { values } = parseArgs({
  options: {
    channel: { type: 'string', default: 'whatsapp' },
    user: { type: 'string' },
    name: { type: 'string', default: 'Ama' },
  },
});
const channel: Channel = values.channel === 'telegram' ? 'telegram' : 'whatsapp';
const userId = values.user ?? (channel === 'whatsapp' ? 'whatsapp:+10000000001' : '10000001');

function terminalSender(kind: Channel): ChannelSender {
  return {
    async send(_address: string, reply: Reply) {
      if (kind === 'whatsapp') {
        process.stdout.write(`\n\x1b[32m${renderWhatsApp(reply)}\x1b[0m\n`);
        return;
      }
      const { text, reply_markup } = renderTelegram(reply);
      const buttons = reply_markup?.inline_keyboard.flat().map((b, i) => `[${i + 1}] ${b.text}`) ?? [];
      process.stdout.write(`\n\x1b[36m${text}${buttons.length ? `\n${buttons.join('\n')}` : ''}\x1b[0m\n`);
    },
  };
}

async function main() {
  const base = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  const { config, dynamo } = await startEmbeddedStore(base, { persist: false });
  const senders = { whatsapp: terminalSender('whatsapp'), telegram: terminalSender('telegram') };
  const runtime = createLocalRuntime(config, { senders, logger: createLogger('error') });
  process.stdout.write(
    `Chatting as ${userId} on ${channel}. Type a message; numbers choose options; Ctrl+D or /quit to leave.\n`,
  );
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let n = 0;
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit') break;
    if (!text) continue;
    n++;
    const message: InboundMessage = {
      channel,
      userId,
      address: channel === 'whatsapp' ? userId : userId,
      externalId: `chat-${Date.now()}-${n}`,
      kind: 'text',
      text,
      displayName: values.name,
      receivedAtMs: Date.now(),
    };
    await runtime.queue.enqueue(message);
    await runtime.queue.idle();
    process.stdout.write('> ');
  }
  rl.close();
  await dynamo?.stop();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`chat failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
