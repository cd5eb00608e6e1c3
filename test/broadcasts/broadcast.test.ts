import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BroadcastForbiddenError, BroadcastInputError } from '../../functions/features/broadcasts/model.js';
import { broadcastAuditRef } from '../../functions/features/broadcasts/repository.js';
import { listAudit } from '../../functions/features/leads/audit.js';
import { getSubscriptions, listTopicSubscribers } from '../../functions/features/subscriptions/repository.js';
import { seedSubscribers } from '../../functions/features/subscriptions/seed.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-api.js';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio-api.js';
import { freshStore } from '../helpers/store.js';
import { broadcastingFor, receivedPerChat, SUPERVISOR, TEMPLATE_SID, TWILIO } from './harness.js';

const texts = { fr: 'Atelier à Kpalimé samedi.', en: 'Workshop in Kpalimé on Saturday.' };
const DAY = 24 * 3600 * 1000;

describe('broadcasts', { timeout: 60_000 }, () => {
  let telegram: FakeTelegram;
  let twilio: FakeTwilio;
  const stoppers: (() => void)[] = [];
  beforeAll(async () => {
    twilio = await startFakeTwilio(TWILIO);
  });
  afterEach(async () => {
    for (const stop of stoppers.splice(0)) stop();
    await telegram?.close();
  });
  afterAll(async () => {
    await twilio.close();
  });

  async function setup(options: Parameters<typeof startFakeTelegram>[0] = {}, delivery = {}) {
    telegram = await startFakeTelegram(options);
    twilio.messages.length = 0;
    const store = await freshStore();
    const b = broadcastingFor(store, { telegram, twilio }, { delivery });
    stoppers.push(b.stop);
    return { store, b };
  }

  it('reaches a Telegram and a WhatsApp subscriber once each, in their language, and reports it', async () => {
    const { store, b } = await setup();
    await seedSubscribers(store, [
      { channel: 'telegram', userId: '1001', lang: 'fr', topics: ['events'] },
      { channel: 'whatsapp', userId: 'whatsapp:+33600000001', lang: 'en', topics: ['events'] },
      { channel: 'telegram', userId: '1002', lang: 'en', topics: ['invest'] },
    ]);
    const broadcast = await b.service.create(SUPERVISOR, { topic: 'events', texts });
    await b.memoryQueue!.idle();

    expect(telegram.sent().map((c) => [String(c.params.chat_id), c.params.text])).toEqual([
      ['1001', texts.fr],
    ]);
    expect(twilio.messages.map((m) => [m.params.To, m.params.Body])).toEqual([
      ['whatsapp:+33600000001', texts.en],
    ]);
    const report = await b.service.report(broadcast.id);
    expect(report.broadcast).toMatchObject({ status: 'done', total: 2, sent: 2, failed: 0, blocked: 0 });
    expect(report.byStatus.sent).toBe(2);
    expect(report.byChannel).toEqual({ telegram: { sent: 1 }, whatsapp: { sent: 1 } });
  });

  it('falls back to the other language when the subscriber’s is missing', async () => {
    const { store, b } = await setup();
    await seedSubscribers(store, [{ channel: 'telegram', userId: '1101', lang: 'en', topics: ['skills'] }]);
    await b.service.create(SUPERVISOR, { topic: 'skills', texts: { fr: texts.fr } });
    await b.memoryQueue!.idle();
    expect(telegram.sent()[0]?.params.text).toBe(texts.fr);
  });

  describe('WhatsApp 24-hour rule', () => {
    it('never sends free text outside the window: without a template the delivery fails with a reason', async () => {
      const { store, b } = await setup();
      const old = new Date(Date.now() - 2 * DAY).toISOString();
      await seedSubscribers(store, [
        {
          channel: 'whatsapp',
          userId: 'whatsapp:+33600000010',
          lang: 'fr',
          topics: ['events'],
          lastSeenAt: old,
        },
        { channel: 'whatsapp', userId: 'whatsapp:+33600000011', lang: 'fr', topics: ['events'] },
      ]);
      const broadcast = await b.service.create(SUPERVISOR, { topic: 'events', texts });
      await b.memoryQueue!.idle();
      expect(twilio.messages.map((m) => m.params.To)).toEqual(['whatsapp:+33600000011']);
      const report = await b.service.report(broadcast.id);
      expect(report.broadcast).toMatchObject({ status: 'done', sent: 1, failed: 1 });
      expect(report.reasons[0]?.reason).toMatch(/24-hour window.*63016/);
    });

    it('sends the approved template (ContentSid and variables, no body) outside the window', async () => {
      const { store, b } = await setup();
      const old = new Date(Date.now() - 3 * DAY).toISOString();
      await seedSubscribers(store, [
        {
          channel: 'whatsapp',
          userId: 'whatsapp:+33600000020',
          lang: 'fr',
          topics: ['events'],
          lastSeenAt: old,
        },
      ]);
      await b.service.create(SUPERVISOR, {
        topic: 'events',
        texts,
        whatsappTemplate: { contentSid: TEMPLATE_SID, variables: { '1': 'Kpalimé' } },
      });
      await b.memoryQueue!.idle();
      expect(twilio.messages).toHaveLength(1);
      expect(twilio.messages[0]!.params).toMatchObject({
        To: 'whatsapp:+33600000020',
        ContentSid: TEMPLATE_SID,
        ContentVariables: JSON.stringify({ '1': 'Kpalimé' }),
      });
      expect(twilio.messages[0]!.params.Body).toBeUndefined();
    });
  });

  it('honours 429 retry_after: everything is delivered once despite the throttling', async () => {
    const { store, b } = await setup(
      { ratePerSecond: 10, retryAfterSeconds: 1 },
      { rates: { telegram: 1000 } },
    );
    await seedSubscribers(
      store,
      Array.from({ length: 25 }, (_, i) => ({
        channel: 'telegram' as const,
        userId: String(2000 + i),
        lang: 'fr' as const,
        topics: ['invest'],
      })),
    );
    const broadcast = await b.service.create(SUPERVISOR, { topic: 'invest', texts });
    await b.memoryQueue!.idle();
    expect(telegram.throttled).toBeGreaterThan(0);
    expect(b.stats.throttled).toBe(telegram.throttled);
    const perChat = receivedPerChat(telegram);
    expect(perChat.size).toBe(25);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect((await b.service.get(broadcast.id)).sent).toBe(25);
  });

  it('a 403 "blocked by the user" unsubscribes the person, counts them as blocked and is not retried', async () => {
    const { store, b } = await setup({ blocked: new Set(['3002']) });
    await seedSubscribers(store, [
      { channel: 'telegram', userId: '3001', lang: 'fr', topics: ['events', 'invest'] },
      { channel: 'telegram', userId: '3002', lang: 'fr', topics: ['events', 'invest'] },
    ]);
    const broadcast = await b.service.create(SUPERVISOR, { topic: 'events', texts });
    await b.memoryQueue!.idle();
    expect(telegram.blockedCalls).toBe(1);
    const report = await b.service.report(broadcast.id);
    expect(report.broadcast).toMatchObject({ status: 'done', sent: 1, blocked: 1 });
    expect(report.reasons).toEqual([
      { status: 'blocked', reason: 'Forbidden: bot was blocked by the user', count: 1 },
    ]);
    expect(await getSubscriptions(store, 'telegram', '3002')).toMatchObject({
      topics: [],
      endedReason: 'blocked',
    });
    const { subscribers } = await listTopicSubscribers(store, 'invest');
    expect(subscribers.map((s) => s.userId)).toEqual(['3001']);
  });

  it('resumes after a crash without sending anything twice', async () => {
    const { store, b } = await setup({}, { rates: { telegram: 1000 } });
    const people = Array.from({ length: 60 }, (_, i) => ({
      channel: 'telegram' as const,
      userId: String(4000 + i),
      lang: 'fr' as const,
      topics: ['consular'],
    }));
    await seedSubscribers(store, people);
    // A crash after the 20th accepted send, before it is recorded: the process stops taking work.
    let sends = 0;
    const crashing = broadcastingFor(
      store,
      { telegram, twilio },
      {
        delivery: {
          rates: { telegram: 1000 },
          afterSend: () => {
            if (++sends >= 20) {
              crashing.stop();
              throw new Error('crash');
            }
          },
        },
      },
    );
    b.stop();
    const broadcast = await crashing.service.create(SUPERVISOR, { topic: 'consular', texts });
    await crashing.memoryQueue!.idle();
    const before = telegram.sent().length;
    expect(before).toBeGreaterThanOrEqual(20);
    expect(before).toBeLessThan(60);

    const restarted = broadcastingFor(
      store,
      { telegram, twilio },
      { delivery: { rates: { telegram: 1000 } } },
    );
    stoppers.push(restarted.stop);
    expect(await restarted.service.resumeInterrupted()).toEqual([broadcast.id]);
    await restarted.memoryQueue!.idle();

    const perChat = receivedPerChat(telegram);
    expect(perChat.size).toBe(60);
    expect([...perChat.values()].filter((n) => n > 1)).toEqual([]);
    const report = await restarted.service.report(broadcast.id);
    expect(report.broadcast.status).toBe('done');
    expect(report.byStatus.sent + report.byStatus.unknown).toBe(60);
    expect(report.byStatus.queued + report.byStatus.sending).toBe(0);
    // Sends accepted but not recorded at the crash are "unknown": delivered, and never sent again.
    expect(report.byStatus.unknown).toBeGreaterThan(0);
    expect(report.broadcast.sent + report.broadcast.unknown).toBe(60);
  });

  it('only supervisors may send, and every broadcast is in the audit trail', async () => {
    const { b, store } = await setup();
    for (const role of ['officer', 'admin']) {
      await expect(b.service.create({ id: 'o1', role }, { topic: 'events', texts })).rejects.toBeInstanceOf(
        BroadcastForbiddenError,
      );
    }
    const broadcast = await b.service.create(SUPERVISOR, { topic: 'events', texts, country: 'fr' });
    const audit = await listAudit(store, broadcastAuditRef(broadcast.id));
    expect(audit).toEqual([
      expect.objectContaining({
        actor: SUPERVISOR.id,
        action: 'broadcast_created',
        detail: expect.objectContaining({ topic: 'events', country: 'FR' }),
      }),
    ]);
  });

  it.each([
    [{ topic: 'nope', texts }],
    [{ topic: 'events', texts: {} }],
    [{ topic: 'events', texts: { fr: '   ' } }],
    [{ topic: 'events', texts, country: 'France' }],
    [{ topic: 'events', texts, whatsappTemplate: { contentSid: 'not-a-sid', variables: {} } }],
    [{ topic: 'events', texts, sendAt: 'tomorrow' }],
    [{ topic: 'events', texts: { fr: 'x'.repeat(1501) } }],
  ])('refuses an invalid broadcast %# with the reason', async (input) => {
    const { b } = await setup();
    await expect(b.service.create(SUPERVISOR, input as never)).rejects.toBeInstanceOf(BroadcastInputError);
  });

  it('a scheduled broadcast waits for its time, then runDueBroadcasts starts it once', async () => {
    const { store, b } = await setup();
    await seedSubscribers(store, [{ channel: 'telegram', userId: '5001', lang: 'fr', topics: ['events'] }]);
    const at = Date.now() + 3600_000;
    const broadcast = await b.service.create(SUPERVISOR, {
      topic: 'events',
      texts,
      sendAt: new Date(at).toISOString(),
    });
    expect(broadcast.status).toBe('scheduled');
    expect(await b.service.runDueBroadcasts(at - 1000)).toEqual([]);
    expect(await b.service.runDueBroadcasts(at + 1000)).toEqual([broadcast.id]);
    expect(await b.service.runDueBroadcasts(at + 2000)).toEqual([]);
    await b.memoryQueue!.idle();
    expect(telegram.sent()).toHaveLength(1);
  });

  it('a country filter keeps subscribers of that country and leaves out those whose country is unknown', async () => {
    const { store, b } = await setup();
    await seedSubscribers(store, [
      { channel: 'telegram', userId: '6001', lang: 'fr', topics: ['invest'], country: 'FR' },
      { channel: 'telegram', userId: '6002', lang: 'fr', topics: ['invest'], country: 'DE' },
      { channel: 'telegram', userId: '6003', lang: 'fr', topics: ['invest'] },
    ]);
    const broadcast = await b.service.create(SUPERVISOR, { topic: 'invest', texts, country: 'FR' });
    await b.memoryQueue!.idle();
    expect(telegram.sent().map((c) => String(c.params.chat_id))).toEqual(['6001']);
    const report = await b.service.report(broadcast.id);
    expect(report.broadcast).toMatchObject({ status: 'done', sent: 1, skipped: 2 });
    expect(report.reasons.map((r) => r.reason).sort()).toEqual(['country unknown', 'other country']);
  });
});
