import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_ADAPTERS } from '../../functions/channels/index.js';
import { CHANNEL_INTAKES } from '../../functions/channels/intake.js';
import { getLead } from '../../functions/features/leads/repository.js';
import { getSubscriptions } from '../../functions/features/subscriptions/repository.js';
import { listOutbox } from '../../functions/store/outbox.js';
import { testRuntime } from '../helpers/runtime.js';
import { TESTCHAT_SECRET, testchatChannel } from './testchat-adapter.js';

const DESK_CHAT = '-1001';
const env = {
  DESK_TELEGRAM_CHAT_IDS: `investment-promotion=${DESK_CHAT},digital-economy=-1002,togolese-abroad=-1003`,
  RATE_LIMIT_PER_MINUTE: '0',
};
const SUPERVISOR = { id: 'officer-sup', role: 'supervisor' };

/** The runtime with a third channel added to the product's lists, as a new folder would be. */
async function runtimeWithTestchat() {
  const testchat = testchatChannel();
  const rt = await testRuntime(env, {
    adapters: [...CHANNEL_ADAPTERS, testchat.adapter],
    intakes: [...CHANNEL_INTAKES, testchat.intake],
  });
  let n = 0;
  const user = (from: string) => {
    let seen = 0;
    const post = async (body: { text?: string; choice?: string }) => {
      const res = await rt.app.request('/webhooks/testchat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-testchat-secret': TESTCHAT_SECRET },
        body: JSON.stringify({ id: `tc-${++n}`, from, ...body }),
      });
      expect(res.status).toBe(200);
      await rt.queue.idle();
      const mine = testchat.platform.filter((m) => m.to === from && m.kind === 'reply');
      const fresh = mine.slice(seen);
      seen = mine.length;
      return {
        text: fresh.map((m) => m.text).join('\n---\n'),
        buttons: fresh.flatMap((m) => m.buttons),
      };
    };
    return { say: (text: string) => post({ text }), press: (choice: string) => post({ choice }) };
  };
  return { rt, testchat, user };
}

describe('a third channel added as one adapter', { timeout: 90_000 }, () => {
  it('greets with the menu as buttons and answers a question from the knowledge base', async () => {
    const { user } = await runtimeWithTestchat();
    const ama = user('tc-user-1');

    const greeting = await ama.say('Bonjour');
    expect(greeting.text).toMatch(/Bonjour et bienvenue/);
    expect(greeting.buttons.map((b) => b.id)).toEqual(expect.arrayContaining(['menu:ask', 'menu:invest']));

    const answer = await ama.say('comment créer une entreprise au Togo ?');
    expect(answer.text).toContain('Source : ');
    expect(answer.text).toMatch(/Centre de formalités des entreprises|CFE/);
    // Options are buttons on this channel, not a numbered list in the text.
    expect(answer.text).not.toMatch(/\n\d\. Parler à un agent/);
    expect(answer.buttons.map((b) => b.label)).toEqual(expect.arrayContaining(['Parler à un agent']));
  });

  it('registers an investor end to end and notifies the desk', async () => {
    const { rt, user } = await runtimeWithTestchat();
    const say = user('tc-user-2').say;

    expect((await say('Je veux investir')).text).toMatch(/\(2\/10\) Dans quel secteur/);
    expect((await say('agriculture')).text).toMatch(/pays résidez-vous/);
    expect((await say('Etats-Unis')).text).toMatch(/Dans quelle ville/);
    expect((await say('New York')).text).toMatch(/nom complet/);
    expect((await say('Ama Kouassi')).text).toMatch(/profession/);
    expect((await say('Ingénieure agronome')).text).toMatch(/montant indicatif/);
    expect((await say('10 000 - 50 000 €')).text).toMatch(/contacté\(e\)/);
    expect((await say('email')).text).toMatch(/adresse e-mail/);
    expect((await say('ama.kouassi@example.org')).text).toMatch(/Acceptez-vous/);
    expect((await say('oui')).text).toContain('Ama Kouassi');
    const done = (await say('oui')).text;
    const ref = /TG-\d{4}-\d{5}/.exec(done)?.[0];
    expect(ref).toBeDefined();

    expect(await getLead(rt.store, ref!)).toMatchObject({
      kind: 'registration',
      programme: 'investment',
      channel: 'testchat',
      userId: 'tc-user-2',
      desk: 'investment-promotion',
      consent: { channel: 'testchat', reference: ref },
    });
    await rt.queue.idle();
    const notices = (await listOutbox(rt.store)).filter((m) => m.to === DESK_CHAT);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain(ref!);

    // "Mes données" names the channel by the adapter's display name.
    expect((await say('mes données')).text).toContain('TestChat');
  });

  it('subscribes with buttons, then receives a broadcast reported under its own channel', async () => {
    const { rt, testchat, user } = await runtimeWithTestchat();
    const kofi = user('tc-user-3');

    const keyboard = await kofi.say('/abonner');
    expect(keyboard.buttons.map((b) => b.label)).toContain('⬜ Événements');
    expect((await kofi.press('sub:toggle:events')).text).toContain('vous êtes abonné(e) à « Événements »');
    expect((await getSubscriptions(rt.store, 'testchat', 'tc-user-3'))?.topics).toEqual(['events']);

    const texts = { fr: 'Atelier à Kpalimé samedi.', en: 'Workshop in Kpalimé on Saturday.' };
    const broadcast = await rt.broadcasting.service.create(SUPERVISOR, { topic: 'events', texts });
    await rt.broadcasting.memoryQueue!.idle();
    rt.broadcasting.stop();

    expect(testchat.platform.filter((m) => m.kind === 'broadcast')).toEqual([
      { kind: 'broadcast', to: 'tc-user-3', text: texts.fr, buttons: [] },
    ]);
    const report = await rt.broadcasting.service.report(broadcast.id);
    expect(report.broadcast).toMatchObject({ status: 'done', total: 1, sent: 1 });
    expect(report.byChannel.testchat).toEqual({ sent: 1 });
  });

  it('needed no change in production code: nothing under functions/ names it', async () => {
    const root = fileURLToPath(new URL('../../functions', import.meta.url));
    const files = (await readdir(root, { recursive: true })).filter((f) => /\.(ts|tsx)$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    const naming: string[] = [];
    for (const f of files) if (/testchat/i.test(await readFile(join(root, f), 'utf8'))) naming.push(f);
    expect(naming).toEqual([]);
  });
});
