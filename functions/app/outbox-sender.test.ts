import { describe, expect, it } from 'vitest';
import { freshStore } from '../../test/helpers/store.js';
import { CHANNEL_ADAPTERS } from '../channels/index.js';
import { listOutbox } from '../store/outbox.js';
import { createOutboxSender, maskContacts } from './outbox-sender.js';

// Finding 9 of the hostile-input issue: the terminal showed every number and address in clear.
describe('the local outbox printer', () => {
  it('masks phone numbers and e-mail addresses in what it prints, not in the outbox', async () => {
    const store = await freshStore();
    const lines: string[] = [];
    const whatsapp = CHANNEL_ADAPTERS.find((a) => a.id === 'whatsapp')!;
    const sender = createOutboxSender(whatsapp, store, (l) => lines.push(l));
    await sender.send('whatsapp:+33612345678', {
      text: 'Kofi, tel +33 6 12 34 56 78, kofi.agbeko@example.org',
    });
    const printed = lines.join('\n');
    for (const clear of ['+33612345678', '+33 6 12 34 56 78', 'kofi.agbeko@example.org', '612345678'])
      expect(printed).not.toContain(clear);
    expect(printed).toContain('+33***78');
    expect(printed).toContain('k***@***');
    const [stored] = await listOutbox(store);
    expect(stored?.to).toBe('whatsapp:+33612345678');
  });

  it.each([
    ['+228 90 12 34 56', '+22***56'],
    ['appelez le 0612345678', 'appelez le 0***78'],
    ['a.b@c.tg', 'a***@***'],
    ['Dossier TDA-2026-0042, 3 jours', 'Dossier TDA-2026-0042, 3 jours'],
  ])('%s → %s', (input, masked) => {
    expect(maskContacts(input)).toBe(masked);
  });
});
