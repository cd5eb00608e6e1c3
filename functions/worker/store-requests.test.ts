import { describe, expect, it } from 'vitest';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../../test/helpers/requests.js';
import { testRuntime } from '../../test/helpers/runtime.js';
import { freshStore } from '../../test/helpers/store.js';
import { buildEngine } from '../app/engine.js';
import { loadConfig } from '../core/config.js';
import { silentLogger } from '../core/logger.js';
import type { ChannelSender, InboundMessage, Reply } from '../core/types.js';
import type { Store } from '../store/client.js';
import { InboundBusyError, processInbound } from './process-inbound.js';

/** Counts every request the store's client sends, by command (a transaction with its item count). */
function countRequests(store: Store) {
  const seen: string[] = [];
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems;
      seen.push(`${context.commandName}${items ? `(${items.length})` : ''}`);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return seen;
}

describe('the store requests of one ordinary message', () => {
  it('is at most 5 for a text answered with one reply, the local outbox write included', async () => {
    const rt = await testRuntime();
    const seen = countRequests(rt.store);
    const cases: [string, () => unknown][] = [
      ['first message (new contact)', () => postTelegram(rt.app, telegramText(61_001, 'bonjour'))],
      ['a question', () => postTelegram(rt.app, telegramText(61_001, 'comment obtenir un passeport ?'))],
      ['a number from the menu', () => postWhatsApp(rt.app, whatsappText('whatsapp:+33600061001', '1'))],
      ['a greeting on WhatsApp', () => postWhatsApp(rt.app, whatsappText('whatsapp:+33600061001', 'salut'))],
    ];
    for (const [label, send] of cases) {
      seen.length = 0;
      await send();
      await rt.queue.idle();
      const requests = [...seen];
      expect(requests.length, `${label}: ${requests.join(' ')}`).toBeLessThanOrEqual(5);
      // The worker's own: claim, one read, one commit, one close; the fifth is the local outbox.
      expect(requests.filter((r) => !r.startsWith('PutItem'))).toEqual([
        'UpdateItemCommand',
        'BatchGetItemCommand',
        expect.stringMatching(/^TransactWriteItemsCommand\(\d+\)$/),
        'UpdateItemCommand',
      ]);
    }
    const outbox = await rt.outbox();
    expect(outbox).toHaveLength(cases.length);
  });
});

describe('the rate counter committed with the turn', () => {
  function recordingSender() {
    const sent: string[] = [];
    const sender: ChannelSender = {
      async send(_to: string, reply: Reply) {
        sent.push(reply.text);
      },
    };
    return { sent, sender };
  }

  const message = (externalId: string, text: string): InboundMessage => ({
    channel: 'telegram',
    userId: '61002',
    address: '61002',
    externalId,
    kind: 'text',
    text,
    langHint: 'fr',
    receivedAtMs: Date.now(),
  });

  it('counts concurrent messages of one person once each: the limit holds, one warning', async () => {
    const store = await freshStore();
    const config = loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName, RATE_LIMIT_PER_MINUTE: '3' });
    const engine = buildEngine({ config, store, logger: silentLogger });
    const { sent, sender } = recordingSender();
    // One fixed instant, mid-minute: every message counts in the same window.
    const now = () => Date.parse('2026-11-22T10:00:05Z');
    const senders = { telegram: sender, whatsapp: sender };
    const deps = { store, engine, senders, logger: silentLogger, now };
    // As the queue would: a message whose commit lost every race, or found its twin busy, comes again.
    const deliver = async (m: InboundMessage) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          return await processInbound(m, deps);
        } catch (error) {
          if (!(error instanceof InboundBusyError) && !/changed/.test(String(error))) throw error;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      throw new Error(`${m.externalId} never went through`);
    };
    const outcomes = await Promise.all(
      Array.from({ length: 7 }, (_, i) => deliver(message(`rc${i}`, 'bonjour'))),
    );
    expect(outcomes.every((o) => o === 'answered')).toBe(true);
    // Three menus, one warning, and nothing for the three after it.
    expect(sent.filter((t) => /patienter une minute/.test(t))).toHaveLength(1);
    expect(sent).toHaveLength(4);
    // A redelivery of an answered message is not counted again.
    expect(await processInbound(message('rc0', 'bonjour'), deps)).toBe('duplicate');
    expect(sent).toHaveLength(4);
  });
});
