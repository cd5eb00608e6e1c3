import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createLocalRuntime } from '../app/local-runtime.js';
import { CHANNEL_ADAPTERS } from '../channels/index.js';
import type { ChannelProfile } from '../core/channel.js';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import type { ChannelSender, InboundMessage, Reply, Senders } from '../core/types.js';
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
const adapter = CHANNEL_ADAPTERS.find((a) => a.id === values.channel);
if (!adapter) {
  process.stderr.write(`--channel must be one of: ${CHANNEL_ADAPTERS.map((a) => a.id).join(', ')}\n`);
  process.exit(2);
}
const channel = adapter.id;
/** A user id shaped as the channel's own (a WhatsApp address); any string works for the others. */
const SAMPLE_USERS: Record<string, string> = { whatsapp: 'whatsapp:+10000000001' };
const userId = values.user ?? SAMPLE_USERS[channel] ?? '10000001';

/** Prints a reply as the channel shows it: buttons numbered (typing the number chooses). */
function terminalSender(profile: ChannelProfile): ChannelSender {
  return {
    async send(_address: string, reply: Reply) {
      const { text, buttons = [] } = profile.preview(reply);
      const lines = buttons.map((b, i) => `[${i + 1}] ${b}`);
      const colour = profile.capabilities.buttons ? 36 : 32;
      process.stdout.write(`\n\x1b[${colour}m${text}${lines.length ? `\n${lines.join('\n')}` : ''}\x1b[0m\n`);
    },
  };
}

async function main() {
  const base = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  const { config, dynamo } = await startEmbeddedStore(base, { persist: false });
  const senders = Object.fromEntries(CHANNEL_ADAPTERS.map((a) => [a.id, terminalSender(a)])) as Senders;
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
      address: userId,
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
