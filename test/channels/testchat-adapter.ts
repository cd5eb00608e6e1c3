import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { BroadcastSender, ChannelAdapter, ChannelIntake } from '../../functions/core/channel.js';
import { cutAtSentence } from '../../functions/core/text-cut.js';
import type { InboundMessage, Reply } from '../../functions/core/types.js';

/**
 * A third channel that exists only in the tests: a JSON webhook in, a recording "platform" out.
 * Nothing in functions/ knows it; it is added to the runtime's adapter list by the test.
 */
export const TESTCHAT_SECRET = 'testchat-secret';
const MAX_TEXT = 4096;

/** What the fake platform received: conversation replies and broadcast messages. */
export interface PlatformMessage {
  kind: 'reply' | 'broadcast';
  to: string;
  text: string;
  buttons: { id: string; label: string }[];
}

export function testchatChannel() {
  const platform: PlatformMessage[] = [];
  const render = (reply: Reply) => ({
    text: cutAtSentence(reply.text, MAX_TEXT).head,
    buttons: (reply.options ?? []).map((o) => ({ id: o.id, label: o.label })),
  });

  const adapter: ChannelAdapter = {
    id: 'testchat',
    displayName: 'TestChat',
    limits: { maxText: MAX_TEXT, answerRoom: MAX_TEXT },
    capabilities: { buttons: true, templates: false, deepLinks: false, groups: false },
    isGroupAddress: () => false,
    preview(reply) {
      const { text, buttons } = render(reply);
      return { text, buttons: buttons.map((b) => b.label) };
    },
    createSender: () => ({
      async send(address, reply) {
        platform.push({ kind: 'reply', to: address, ...render(reply) });
      },
    }),
    broadcast: {
      ratePerSecond: () => 100,
      createSender: (): BroadcastSender => ({
        async text(address, text) {
          platform.push({ kind: 'broadcast', to: address, text, buttons: [] });
          return { kind: 'sent' };
        },
      }),
    },
  };

  const intake: ChannelIntake = {
    id: 'testchat',
    path: '/webhooks/testchat',
    webhook: ({ queue, now }) =>
      new Hono().post('/', async (c) => {
        if (c.req.header('x-testchat-secret') !== TESTCHAT_SECRET) {
          throw new HTTPException(401, { message: 'Bad secret.' });
        }
        const body = (await c.req.json()) as { id: string; from: string; text?: string; choice?: string };
        const message: InboundMessage = {
          channel: 'testchat',
          userId: body.from,
          address: body.from,
          externalId: body.id,
          kind: body.choice ? 'choice' : 'text',
          text: body.text,
          choice: body.choice,
          receivedAtMs: (now ?? Date.now)(),
        };
        await queue.enqueue(message);
        return c.json({ ok: true });
      }),
  };

  return { adapter, intake, platform };
}
