import { describe, expect, it } from 'vitest';
import { listAudit } from '../../functions/features/leads/audit.js';
import { addNote, getLead, listLeadsOfUser } from '../../functions/features/leads/repository.js';
import { getContact } from '../../functions/store/contacts.js';
import { testRuntime } from '../helpers/runtime.js';
import { scanTable } from '../helpers/store.js';
import { whatsappUser } from './chat.js';

const FROM = 'whatsapp:+33600000301';
const env = {
  DESK_TELEGRAM_CHAT_IDS: 'investment-promotion=-1001,digital-economy=-1002,togolese-abroad=-1003',
  // On, so the rate-limit counters (keyed by the person's id) exist and must be erased too.
  RATE_LIMIT_PER_MINUTE: '100',
};

describe('data rights in the chat', { timeout: 90_000 }, () => {
  it('shows what is kept, then erases it after confirmation, leaving only anonymous counts', async () => {
    const rt = await testRuntime(env);
    const say = whatsappUser(rt, FROM);
    for (const text of ['Je veux investir', 'agriculture', 'France', 'Marseille', 'Yawa Adjovi', 'Agronome'])
      await say(text);
    for (const text of ['1', 'email', 'yawa.adjovi@example.org', 'oui']) await say(text);
    const ref = /TG-\d{4}-\d{5}/.exec(await say('oui'))![0];
    await addNote(rt.store, ref, 'Rappeler Yawa Adjovi lundi', 'officer-1');

    await say('menu');
    await say('4');
    expect(await say('1')).toMatch(/abonné\(e\) à « Opportunités d’investissement »/);

    const mine = await say('mes données');
    expect(mine).toMatch(/Actualités : abonné\(e\) depuis le .* \(Opportunités d’investissement\)/);
    expect(mine).toMatch(/Profil : WhatsApp/);
    expect(mine).toMatch(
      /texte lead-consent-2026-11-v1 \(être contacté\(e\) au sujet de votre demande ; traitement selon la loi n° 2019-014\), via WhatsApp, pour TG-/,
    );
    expect(mine).toContain(`${ref} : Investissement, reçue, en attente d’un agent`);

    // From the middle of a registration too: data rights come first.
    await say('Je veux investir');
    expect(await say('supprimer mes données')).toMatch(/C’est définitif[\s\S]*Confirmez-vous/);
    expect(await say('peut-être')).toMatch(/Répondez « oui » pour supprimer/);
    expect(await say('non')).toMatch(/Rien n’a été supprimé/);
    expect(await getContact(rt.store, 'whatsapp', FROM)).toBeDefined();

    await say('supprimer mes données');
    await say('oui');
    // The erasure also removed the dev outbox's copies of what was sent, its own confirmation included
    // (test/registration/erasure-leaves-nothing.test.ts checks the confirmation went out).
    expect((await rt.outbox()).filter((m) => m.to === FROM)).toEqual([]);

    expect(await getContact(rt.store, 'whatsapp', FROM)).toBeUndefined();
    expect(await listLeadsOfUser(rt.store, 'whatsapp', FROM)).toHaveLength(0);
    const lead = await getLead(rt.store, ref);
    expect(lead).toMatchObject({
      programme: 'investment',
      sector: 'agriculture',
      country: 'FR',
      status: 'new',
    });
    expect(lead?.erasedAt).toBeDefined();
    for (const field of ['fullName', 'email', 'city', 'userId', 'address', 'profession', 'consent']) {
      expect(lead).not.toHaveProperty(field);
    }
    expect((await listAudit(rt.store, ref)).map((a) => a.action)).toEqual([
      'created',
      'note_added',
      'erased',
    ]);

    // Nothing personal is left anywhere in the table, in any item or index attribute.
    const items = await scanTable(rt.store);
    const personal = ['Yawa', 'Adjovi', 'yawa.adjovi', '33600000301', 'Marseille'];
    const leaks = items.filter((item) => personal.some((p) => JSON.stringify(item).includes(p)));
    expect(leaks).toEqual([]);
    expect(items.filter((i) => i.PK === 'ERASURES')).toHaveLength(1);

    // Writing again starts from scratch.
    await say('bonjour');
    expect((await rt.outbox()).filter((m) => m.to === FROM).at(-1)?.text).toMatch(/Bonjour et bienvenue/);
  });
});
