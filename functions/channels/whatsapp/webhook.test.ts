import { describe, expect, it } from 'vitest';
import { postWhatsApp, whatsappText } from '../../../test/helpers/requests.js';
import { testRuntime } from '../../../test/helpers/runtime.js';

describe('WhatsApp webhook', () => {
  it('acknowledges a signed message with empty TwiML and replies with the menu', async () => {
    const rt = await testRuntime();
    const res = await postWhatsApp(rt.app, whatsappText('whatsapp:+33600000001', 'bonjour'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Response/>');
    const outbox = await rt.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: 'whatsapp', to: 'whatsapp:+33600000001' });
    expect(outbox[0]!.text).toContain('1. Poser une question');
  });
});
