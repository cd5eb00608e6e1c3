import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountConsole } from '../../functions/app/console-routes.js';
import { silentLogger } from '../../functions/core/logger.js';
import { listMessages } from '../../functions/store/messages.js';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio-api.js';
import { postWhatsApp, TEST_TWILIO_TOKEN, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { newLead, type Staff, seedStaff, signedIn } from './helpers.js';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const APPROVED_SID = `HX${'a'.repeat(32)}`;
const FROM = 'whatsapp:+10000000000';

let clock = Date.parse('2026-11-22T09:00:00Z');
let twilio: FakeTwilio;
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;

beforeAll(async () => {
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: TEST_TWILIO_TOKEN });
  rt = await testRuntime(
    { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_WHATSAPP_FROM: FROM, TWILIO_API_BASE_URL: twilio.baseUrl },
    { now: () => clock },
  );
  staff = await seedStaff(rt.store);
});
afterAll(async () => {
  await rt.queue.idle();
  await twilio.close();
});

/** A citizen who wrote 25 hours ago: WhatsApp's window is closed. */
async function staleCitizen() {
  const from = `whatsapp:+2289${Math.floor(Math.random() * 1e7)}`;
  await postWhatsApp(rt.app, whatsappText(from, 'Bonjour'));
  await rt.queue.idle();
  const lead = await newLead(rt.store, { desk: 'investment-promotion', userId: from }, clock);
  clock += 25 * 3600 * 1000;
  return { from, lead };
}

describe('WhatsApp templates outside the 24-hour window, with Twilio', () => {
  it('offers no template without an approved ContentSid, and sends nothing', async () => {
    const { lead } = await staleCitizen();
    const officer = await signedIn(rt.app, staff.officer.email);
    const html = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(html).toContain('Aucun modèle approuvé');
    expect(html).not.toContain('name="template"');
    const before = twilio.messages.length;
    const res = await officer.post(`/console/leads/${lead.reference}/reply`, {
      idempotencyKey: randomUUID(),
      template: 'follow_up_fr',
    });
    expect(res.headers.get('location')).toContain('done=unreachable');
    expect(twilio.messages).toHaveLength(before);
  });

  it('sends an approved template through Twilio’s Content API with its variables', async () => {
    const app = new Hono();
    mountConsole({
      config: rt.config,
      store: rt.store,
      senders: rt.senders,
      channels: rt.channels,
      logger: silentLogger,
      now: () => clock,
      templates: [
        {
          name: 'follow_up_fr',
          label: 'Suivi',
          contentSid: APPROVED_SID,
          variables: [{ key: '1', label: 'Référence', from: 'reference' }],
          preview: 'Bonjour, au sujet de votre demande {{1}}.',
        },
      ],
    })(app);
    const { from, lead } = await staleCitizen();
    const officer = await signedIn(app, staff.officer.email);
    const html = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    expect(html).toContain('name="template"');
    const res = await officer.post(`/console/leads/${lead.reference}/reply`, {
      idempotencyKey: randomUUID(),
      template: 'follow_up_fr',
    });
    expect(res.headers.get('location')).toContain('done=sent');
    const sent = twilio.messages.filter((m) => m.params.To === from && m.params.ContentSid);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params).toMatchObject({
      From: FROM,
      ContentSid: APPROVED_SID,
      ContentVariables: JSON.stringify({ 1: lead.reference }),
    });
    expect(sent[0]?.params.Body).toBeUndefined();
    const log = await listMessages(rt.store, 'whatsapp', from);
    expect(log.at(-1)).toMatchObject({
      text: `Bonjour, au sujet de votre demande ${lead.reference}.`,
      by: staff.officer.id,
    });
  });

  it('a failed send releases the idempotency key: nothing logged, and the retry goes out once', async () => {
    const { from, lead } = await staleCitizen();
    await postWhatsApp(rt.app, whatsappText(from, 'Je suis là'));
    await rt.queue.idle();
    const officer = await signedIn(rt.app, staff.officer.email);
    const form = { idempotencyKey: randomUUID(), text: 'Nous vous appelons demain.' };
    twilio.failNext(4, 500); // more than the client's own retries
    const failed = await officer.post(`/console/leads/${lead.reference}/reply`, form);
    expect(failed.headers.get('location')).toContain('done=failed');
    expect((await listMessages(rt.store, 'whatsapp', from)).some((m) => m.text.startsWith(form.text))).toBe(
      false,
    );
    twilio.failNext(0);
    const retried = await officer.post(`/console/leads/${lead.reference}/reply`, form);
    expect(retried.headers.get('location')).toContain('done=sent');
    // The officer's text goes out with its check code line.
    expect(twilio.messages.filter((m) => m.params.Body?.startsWith(form.text))).toHaveLength(1);
  });
});
