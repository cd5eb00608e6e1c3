import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeFeedback } from '../functions/features/knowledge/feedback.js';
import { listKnowledgeGaps } from '../functions/features/knowledge/gaps.js';
import { startFakeOpenAi } from './fakes/openai-api.js';
import {
  postTelegram,
  postWhatsApp,
  telegramChoice,
  telegramText,
  whatsappText,
} from './helpers/requests.js';
import { testRuntime } from './helpers/runtime.js';

describe('questions answered from the knowledge base, through the webhooks', () => {
  it('answers a French WhatsApp question in chat-speak with its source and numbered next steps', async () => {
    const rt = await testRuntime();

    const res = await postWhatsApp(
      rt.app,
      whatsappText('whatsapp:+33600000101', 'slt cmt creer une entreprise au togo stp'),
    );

    expect(res.status).toBe(200);
    const [answer] = await rt.outbox();
    expect(answer!.text).toContain('Source : ');
    expect(answer!.text).toMatch(/Centre de formalités des entreprises|CFE/);
    expect(answer!.text).toMatch(/\n\d\. Parler à un agent/);
    expect(answer!.text).toMatch(/\n\d\. 👍 Utile/);
    expect(answer!.text.length).toBeLessThanOrEqual(1600);
  });

  it('shows the menu for a polite request for it, as for the bare word', async () => {
    const rt = await testRuntime();

    await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000177', 'bonsoir, le menu stp'));
    const [reply] = await rt.outbox();

    expect(reply!.text).toContain('Que souhaitez-vous faire ?');
    expect(reply!.text).toMatch(/\n1\. /);
  });

  it('answers an English Telegram question in English, with buttons, and records the feedback', async () => {
    const rt = await testRuntime();

    await postTelegram(rt.app, telegramText(7001, 'How can I send money to my family in Togo?', 'en'));
    const [answer] = await rt.outbox();
    await postTelegram(rt.app, telegramChoice(7001, 'kb:fb:up:money-transfers'));
    await postTelegram(rt.app, telegramChoice(7001, 'kb:fb:up:money-transfers')); // pressed twice
    await postTelegram(rt.app, telegramChoice(7009, 'kb:fb:down:money-transfers'));
    const after = await rt.outbox();

    expect(answer!.text).toContain('Source : ');
    expect(answer!.text).toMatch(/Next: /);
    expect(answer!.buttons).toEqual(
      expect.arrayContaining(['Talk to an officer', '👍 Helpful', '👎 Not helpful']),
    );
    expect(after.map((m) => m.text)).toContain('Thank you for your feedback!');
    expect(await summarizeFeedback(rt.store, { nowMs: Date.now() })).toEqual([
      { entryId: 'money-transfers', up: 1, down: 1 },
    ]);
  });

  it('says "I don’t know" to an off-topic question, offers the officer, and reports the gap', async () => {
    const rt = await testRuntime();

    await postTelegram(rt.app, telegramText(7002, 'Who won the Champions League?', 'en'));
    await postTelegram(rt.app, telegramText(7003, 'who won the champions league', 'en'));
    const outbox = await rt.outbox();

    expect(outbox).toHaveLength(2);
    for (const reply of outbox) {
      expect(reply.text).toMatch(/^I don’t know the answer/);
      expect(reply.buttons).toContain('Talk to an officer');
    }
    const gaps = await listKnowledgeGaps(rt.store, { nowMs: Date.now() });
    expect(gaps).toEqual([
      expect.objectContaining({
        count: 2,
        langs: ['en'],
        example: expect.stringMatching(/champions league/i),
      }),
    ]);
  });

  describe('with a model configured (OpenAI-compatible loopback server)', () => {
    let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
    beforeAll(async () => {
      fake = await startFakeOpenAi();
    });
    afterAll(() => fake.close());

    it('sends the model’s grounded answer with the cited entry as source', async () => {
      fake.set({
        kind: 'answer',
        content: JSON.stringify({
          answer: 'Adressez-vous à l’ambassade ou au consulat du Togo de votre pays de résidence.',
          cited_ids: ['consular-services'],
          answerable: true,
        }),
      });
      const rt = await testRuntime({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL });

      await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000102', 'Comment renouveler mon passeport ?'));
      const [answer] = await rt.outbox();

      expect(fake.calls).toHaveLength(1);
      expect(answer!.text).toMatch(/^Adressez-vous à l’ambassade ou au consulat du Togo/);
      expect(answer!.text).toContain('Source : ');
    });

    it('answers extractively once the person’s daily model budget is spent', async () => {
      const rt = await testRuntime({
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.baseURL,
        LLM_DAILY_BUDGET_PER_USER: '1',
      });
      const before = fake.calls.length;

      await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000103', 'Comment renouveler mon passeport ?'));
      await rt.outbox();
      await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000103', 'passeport perdu à l’étranger'));
      const outbox = await rt.outbox();

      expect(fake.calls.length - before).toBe(1);
      expect(outbox).toHaveLength(2);
      expect(outbox.every((m) => m.text.includes('Source : '))).toBe(true);
    });
  });
});
