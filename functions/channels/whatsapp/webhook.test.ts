import { describe, expect, it } from 'vitest';
import { postWhatsApp, TEST_PUBLIC_URL, whatsappText } from '../../../test/helpers/requests.js';
import { testRuntime } from '../../../test/helpers/runtime.js';

const FROM = 'whatsapp:+33600000001';

describe('WhatsApp webhook', () => {
  it('acknowledges a signed message with empty TwiML and replies with the menu in French', async () => {
    const rt = await testRuntime();
    const res = await postWhatsApp(rt.app, whatsappText(FROM, 'bonjour'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toContain('<Response/>');
    const outbox = await rt.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: 'whatsapp', to: FROM });
    expect(outbox[0]!.text).toContain('1. Poser une question');
  });

  it.each([
    ['a wrong signature', { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }],
    ['a signature made with another token', { token: 'not-the-token' }],
    ['a signature over a URL rebuilt from the request', { url: 'http://localhost/webhooks/whatsapp' }],
    ['an empty signature', { signature: '' }],
  ])('refuses %s with 403 and queues nothing', async (_name, options) => {
    const rt = await testRuntime();
    const res = await postWhatsApp(rt.app, whatsappText(FROM, 'bonjour'), options);
    expect(res.status).toBe(403);
    expect(await rt.outbox()).toHaveLength(0);
  });

  it('refuses a body that is not a form with 400', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request('/webhooks/whatsapp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': 'x' },
      body: '{"From":"x"}',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/form/);
  });

  it.each([
    ['From', { MessageSid: 'SM1', Body: 'hi' }],
    ['MessageSid', { From: FROM, Body: 'hi' }],
  ])('answers 400 naming the missing %s, even when correctly signed', async (field, params) => {
    const rt = await testRuntime();
    const res = await postWhatsApp(rt.app, params as Record<string, string>);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(field);
  });

  it('refuses duplicated From fields with 400', async () => {
    const rt = await testRuntime();
    const url = `${TEST_PUBLIC_URL}/webhooks/whatsapp`;
    const { getExpectedTwilioSignature } = await import('twilio/lib/webhooks/webhooks.js');
    const form = { From: [FROM, 'whatsapp:+33600000009'], MessageSid: 'SMdup', Body: 'x' };
    const body = 'From=whatsapp%3A%2B33600000001&From=whatsapp%3A%2B33600000009&MessageSid=SMdup&Body=x';
    const res = await rt.app.request('/webhooks/whatsapp', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature('test-twilio-auth-token', url, form),
      },
      body,
    });
    expect(res.status).toBe(400);
  });

  it('answers a replayed MessageSid with 200 and no second reply', async () => {
    const rt = await testRuntime();
    const params = whatsappText(FROM, 'bonjour');
    const first = await postWhatsApp(rt.app, params);
    await rt.queue.idle();
    const again = await Promise.all([postWhatsApp(rt.app, params), postWhatsApp(rt.app, params)]);
    expect([first.status, ...again.map((r) => r.status)]).toEqual([200, 200, 200]);
    expect(await rt.outbox()).toHaveLength(1);
  });

  it('accepts a media message and says only text is understood for now', async () => {
    const rt = await testRuntime();
    const res = await postWhatsApp(rt.app, {
      ...whatsappText(FROM, ''),
      NumMedia: '1',
      MediaUrl0: 'https://example.test/m.jpg',
      MediaContentType0: 'image/jpeg',
    });
    expect(res.status).toBe(200);
    const [reply] = await rt.outbox();
    expect(reply!.text).toMatch(/que les messages texte/);
  });

  it('answers 413 to a body over 64 KB', async () => {
    const rt = await testRuntime();
    const res = await postWhatsApp(rt.app, whatsappText(FROM, 'x'.repeat(70 * 1024)));
    expect(res.status).toBe(413);
    expect(await res.text()).not.toMatch(/at \w+ \(/);
  });

  it('maps a typed number to the menu option shown, and keeps the chosen language', async () => {
    const rt = await testRuntime();
    await postWhatsApp(rt.app, whatsappText(FROM, 'menu'));
    await postWhatsApp(rt.app, whatsappText(FROM, '7')); // "English"
    await postWhatsApp(rt.app, whatsappText(FROM, 'bonjour')); // a French greeting does not switch back
    await postWhatsApp(rt.app, whatsappText(FROM, '6')); // Help
    const texts = (await rt.outbox()).map((m) => m.text);
    expect(texts[1]).toMatch(/I will answer you in English/);
    expect(texts[2]).toMatch(/What would you like to do\?/);
    expect(texts[3]).toMatch(/Write your question in a few words/);
  });
});
