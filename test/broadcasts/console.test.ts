import { describe, expect, it } from 'vitest';
import { seedStaff, signedIn } from '../console/helpers.js';
import { useChannelFakes } from '../helpers/channel-fakes.js';
import {
  postTelegram,
  postWhatsApp,
  telegramChoice,
  telegramText,
  whatsappText,
} from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

describe('broadcast console', { timeout: 60_000 }, () => {
  const fakes = useChannelFakes();
  const { env } = fakes;

  it('a supervisor composes, previews and sends; each subscriber gets their language once; the report shows it', async () => {
    const rt = await testRuntime(env());
    await seedStaff(rt.store);
    // A Telegram subscriber (French) and a WhatsApp subscriber (English), through the real chat flows.
    await postTelegram(rt.app, telegramText(8801, '/abonner'));
    await postTelegram(rt.app, telegramChoice(8801, 'sub:toggle:events'));
    const wa = 'whatsapp:+447700900123';
    await postWhatsApp(rt.app, whatsappText(wa, 'hello'));
    await postWhatsApp(rt.app, whatsappText(wa, 'subscribe'));
    await postWhatsApp(rt.app, whatsappText(wa, '3'));
    await rt.queue.idle();
    const before = { telegram: fakes.telegram.sent().length, whatsapp: fakes.twilio.messages.length };

    const supervisor = await signedIn(rt.app, 'supervisor@example.test');
    const page = await supervisor.get('/console/broadcasts');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Nouvelle diffusion');

    const form = { topic: 'events', fr: 'Atelier à Kpalimé samedi.', en: 'Workshop in Kpalimé on Saturday.' };
    const preview = await supervisor.post('/console/broadcasts/preview', form);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Telegram: 1 · WhatsApp: 1');
    expect(previewHtml).toContain('Workshop in Kpalimé on Saturday.');

    const sent = await supervisor.post('/console/broadcasts', form);
    expect(sent.status).toBe(303);
    const reportPath = sent.headers.get('location')!;
    await rt.broadcasting.memoryQueue!.idle();

    const newTelegram = fakes.telegram
      .sent()
      .slice(before.telegram)
      .filter((c) => String(c.params.chat_id) === '8801');
    expect(newTelegram.map((c) => c.params.text)).toEqual(['Atelier à Kpalimé samedi.']);
    const newWhatsApp = fakes.twilio.messages.slice(before.whatsapp);
    expect(newWhatsApp.map((m) => [m.params.To, m.params.Body])).toEqual([
      [wa, 'Workshop in Kpalimé on Saturday.'],
    ]);

    const report = await (await supervisor.get(reportPath)).text();
    expect(report).toContain('Terminée');
    expect(report).toMatch(/Envoyés<\/th><td>2<\/td>/);
    expect(report).toContain('Telegram');
    expect(await (await supervisor.get('/console/broadcasts')).text()).toContain(reportPath);
  });

  it('refuses officers and administrators (403), and a POST without the CSRF token', async () => {
    const rt = await testRuntime();
    await seedStaff(rt.store);
    for (const email of ['officer@example.test', 'admin@example.test']) {
      const client = await signedIn(rt.app, email);
      expect((await client.get('/console/broadcasts')).status).toBe(403);
      const post = await client.post('/console/broadcasts', { topic: 'events', fr: 'x' });
      expect(post.status).toBe(403);
    }
    const supervisor = await signedIn(rt.app, 'supervisor@example.test');
    const forged = await supervisor.post('/console/broadcasts', { topic: 'events', fr: 'x' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect((await rt.broadcasting.service.list()).length).toBe(0);
  });

  it('answers an invalid form with 400 and the reason, and an unknown broadcast with 404', async () => {
    const rt = await testRuntime();
    await seedStaff(rt.store);
    const supervisor = await signedIn(rt.app, 'supervisor@example.test');
    const bad = await supervisor.post('/console/broadcasts/preview', { topic: 'events', country: 'France' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    // The form's own words, not the schema's field names.
    expect(html).toContain('un texte en français ou en anglais');
    expect(html).toContain('Pays de résidence (facultatif)');
    expect(html).not.toContain('texts:');
    expect((await supervisor.get('/console/broadcasts/nope')).status).toBe(404);
    const unauthenticated = await rt.app.request('/console/broadcasts');
    expect(unauthenticated.status).toBe(302);
  });
});
