import { describe, expect, it } from 'vitest';
import type { Logger } from '../../functions/core/logger.js';
import type { InboundMessage, Reply } from '../../functions/core/types.js';
import { createEngine } from '../../functions/engine/engine.js';
import { listOutbox } from '../../functions/store/outbox.js';
import { createInboundHandler } from '../../functions/worker/process-inbound.js';
import { postTelegram, postWhatsApp, telegramChoice, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { freshStore } from '../helpers/store.js';

/** Choice ids an attacker can sign: Telegram callback data and WhatsApp ButtonPayload are free text. */
/** What a polite answer is not: an error dump, a template hole. */
const IMPOLITE = /\b(error|erreur|exception|undefined|null|NaN)\b|\[object |\$\{|stack/i;

const FORGED = [
  'lang:xx',
  'lang:EN',
  'lang:fr ',
  'lang:',
  'toString',
  'valueOf',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'prog:constructor',
  'sector:toString',
  'country:__proto__',
];

/** Forged ids under a feature's prefix: the feature answers them (a stale button), politely. */
const FORGED_PREFIXED = ['kb:constructor', 'kb:fb:up:__proto__', 'sub:toggle:__proto__', 'menu:__proto__'];

describe('forged choices', () => {
  it.each(FORGED)('a Telegram press of %j gets an answer and the worker moves on', async (data) => {
    const rt = await testRuntime();
    const res = await postTelegram(rt.app, telegramChoice(41_001, data));
    expect(res.status).toBe(200);
    const out = await rt.outbox();
    expect(rt.queue.deadLetters).toHaveLength(0);
    const replies = out.filter((m) => m.to === '41001');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/Que souhaitez-vous faire|What would you like to do/);
  });

  it.each(FORGED_PREFIXED)('a Telegram press of %j gets one polite answer', async (data) => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramChoice(41_004, data));
    const replies = (await rt.outbox()).filter((m) => m.to === '41004');
    expect(rt.queue.deadLetters).toHaveLength(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).not.toMatch(IMPOLITE);
  });

  it.each(['lang:xx', 'constructor', '__proto__'])(
    'a WhatsApp ButtonPayload of %j is read as the text it came with',
    async (payload) => {
      const rt = await testRuntime();
      const from = 'whatsapp:+33611110001';
      const res = await postWhatsApp(rt.app, whatsappText(from, 'bonjour', { ButtonPayload: payload }));
      expect(res.status).toBe(200);
      const out = (await rt.outbox()).filter((m) => m.to === from);
      expect(rt.queue.deadLetters).toHaveLength(0);
      expect(out).toHaveLength(1);
      expect(out[0]!.text).toMatch(/Que souhaitez-vous faire/);
    },
  );

  it('a forged press mid-registration re-asks the question instead of storing a bogus programme', async () => {
    const rt = await testRuntime();
    await postTelegram(rt.app, telegramChoice(41_002, 'menu:invest'));
    await rt.outbox();
    await postTelegram(rt.app, telegramChoice(41_002, 'sector:constructor'));
    const out = (await rt.outbox()).filter((m) => m.to === '41002');
    expect(rt.queue.deadLetters).toHaveLength(0);
    expect(out).toHaveLength(2);
    expect(out[1]!.text).toMatch(/secteur/i);
  });

  it('an engine bug is answered once with an apology and the menu, logged with its stack, not retried', async () => {
    const store = await freshStore();
    const sent: Reply[] = [];
    const errors: Record<string, unknown>[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn() {},
      error: (_message, data) => errors.push(data ?? {}),
    };
    let calls = 0;
    const engine = createEngine({
      before: [
        () => {
          calls++;
          throw new TypeError("Cannot read properties of undefined (reading 'menu')");
        },
      ],
    });
    const sender = { send: async (_to: string, reply: Reply) => void sent.push(reply) };
    const handle = createInboundHandler({
      store,
      engine,
      logger,
      senders: { telegram: sender, whatsapp: sender },
    });
    const message: InboundMessage = {
      channel: 'telegram',
      userId: '41003',
      address: '41003',
      externalId: 'u-bug-1',
      kind: 'choice',
      choice: 'menu:ask',
      receivedAtMs: Date.now(),
    };
    expect(await handle(message)).toBe('answered');
    expect(await handle(message)).toBe('duplicate');
    expect(calls).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(/^Désolé/);
    expect(sent[0]!.options?.map((o) => o.id)).toContain('menu:ask');
    expect(String(errors[0]?.stack)).toMatch(/TypeError[\s\S]*at /);
  });

  it("four forged presses at once don't hold up another person's reply", async () => {
    const rt = await testRuntime();
    const started = Date.now();
    await Promise.all(
      ['lang:xx', 'constructor', '__proto__', 'toString'].map((data, i) =>
        postTelegram(rt.app, telegramChoice(41_100 + i, data)),
      ),
    );
    await postTelegram(rt.app, telegramChoice(41_200, 'menu:help'));
    await rt.queue.idle();
    const elapsed = Date.now() - started;
    const out = await listOutbox(rt.store);
    expect(out.filter((m) => m.to === '41200')).toHaveLength(1);
    expect(rt.queue.deadLetters).toHaveLength(0);
    expect(elapsed).toBeLessThan(5_000);
  });
});
