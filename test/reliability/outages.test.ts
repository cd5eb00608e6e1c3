import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSender, Senders } from '../../functions/core/types.js';
import { startFakeOpenAi } from '../fakes/openai-api.js';
import { useChannelFakes } from '../helpers/channel-fakes.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

/** The worker function's timeout (infra WORKER_TIMEOUT): one attempt, retries included, must fit in it. */
const WORKER_BUDGET_MS = 30_000;

/** Times every send of a channel, whatever its outcome, by swapping the sender the worker reads. */
function timeSends(senders: Senders, channel: keyof Senders) {
  const attempts: { ms: number; ok: boolean }[] = [];
  const real: ChannelSender = senders[channel]!;
  senders[channel] = {
    ...real,
    async send(address, reply) {
      const start = Date.now();
      try {
        await real.send(address, reply);
        attempts.push({ ms: Date.now() - start, ok: true });
      } catch (error) {
        attempts.push({ ms: Date.now() - start, ok: false });
        throw error;
      }
    },
  };
  return attempts;
}

describe('channel APIs failing', () => {
  const fakes = useChannelFakes();
  const { env } = fakes;

  it('Telegram answering 429 past the client retries: the queue retries, delivered once', async () => {
    const rt = await testRuntime(env());
    const attempts = timeSends(rt.senders, 'telegram');
    fakes.telegram.failNext(3, 429); // retry_after 1 s, more times than grammY's auto-retry tries
    await postTelegram(rt.app, telegramText(41_001, 'bonjour'));
    await rt.queue.idle();
    expect(attempts.at(-1)?.ok).toBe(true);
    expect(attempts.some((a) => !a.ok && a.ms >= 3_000)).toBe(true); // it waited retry_after each time
    for (const a of attempts) expect(a.ms).toBeLessThan(WORKER_BUDGET_MS);
    expect(fakes.telegram.sent().filter((c) => String(c.params.chat_id) === '41001')).toHaveLength(1);
    expect(rt.queue.deadLetters).toHaveLength(0);
  }, 30_000);

  it('Telegram answering 5xx: backoff within the worker budget, then delivered once', async () => {
    const rt = await testRuntime(env());
    const attempts = timeSends(rt.senders, 'telegram');
    fakes.telegram.failNext(3, 502); // 1 call + 2 retries, waiting 3, 6 and 12 s: 21 s at most, under 30 s
    await postTelegram(rt.app, telegramText(41_002, 'bonjour'));
    await rt.queue.idle();
    expect(attempts.at(-1)?.ok).toBe(true);
    // It backed off (3 s, then 6 s...). A stale keep-alive socket may end an attempt early with a
    // network error: that attempt fails and the queue redelivers, which is the point.
    expect(attempts.some((a) => !a.ok && a.ms >= 3_000)).toBe(true);
    for (const a of attempts) expect(a.ms).toBeLessThan(WORKER_BUDGET_MS);
    expect(fakes.telegram.sent().filter((c) => String(c.params.chat_id) === '41002')).toHaveLength(1);
    expect(rt.queue.deadLetters).toHaveLength(0);
  }, 60_000);

  it.each([
    [429, 4],
    [503, 2],
  ])('Twilio answering %i (%i times): retried, within budget, delivered once', async (status, times) => {
    const rt = await testRuntime(env());
    const attempts = timeSends(rt.senders, 'whatsapp');
    const to = `whatsapp:+3361000${status}`;
    fakes.twilio.failNext(times, status);
    await postWhatsApp(rt.app, whatsappText(to, 'bonjour'));
    await rt.queue.idle();
    expect(attempts.at(-1)?.ok).toBe(true);
    expect(attempts.some((a) => !a.ok)).toBe(true);
    for (const a of attempts) expect(a.ms).toBeLessThan(WORKER_BUDGET_MS);
    expect(fakes.twilio.messages.filter((m) => m.params.To === to)).toHaveLength(1);
    expect(rt.queue.deadLetters).toHaveLength(0);
  });
});

describe('the LLM endpoint failing', () => {
  let openai: Awaited<ReturnType<typeof startFakeOpenAi>>;
  beforeAll(async () => {
    openai = await startFakeOpenAi();
  });
  afterAll(() => openai.close());

  it.each([
    ['answering 500', { kind: 'status', status: 500 } as const],
    ['hanging', { kind: 'hang', ms: 10_000 } as const],
  ])('%s: the person still gets a sourced answer, promptly', async (_label, behaviour) => {
    openai.set(behaviour);
    const rt = await testRuntime({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_TIMEOUT_MS: '400',
    });
    const before = openai.calls.length;
    const start = Date.now();
    await postWhatsApp(rt.app, whatsappText('whatsapp:+33610009999', 'Comment renouveler mon passeport ?'));
    const outbox = await rt.outbox();
    const elapsed = Date.now() - start;
    expect(openai.calls.length).toBeGreaterThan(before); // the model was asked
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.text).toContain('Source : ');
    expect(outbox[0]!.text).toMatch(/passeport/i);
    expect(elapsed).toBeLessThan(5_000);
    expect(rt.queue.deadLetters).toHaveLength(0);
  });
});
