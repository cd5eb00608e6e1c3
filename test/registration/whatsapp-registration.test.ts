import { describe, expect, it } from 'vitest';
import { listConsents } from '../../functions/features/leads/consent.js';
import { getLead, listLeadsOfUser } from '../../functions/features/leads/repository.js';
import { getConversation } from '../../functions/store/conversations.js';
import { testRuntime } from '../helpers/runtime.js';
import { received, whatsappUser } from './chat.js';

const FROM = 'whatsapp:+33600000101';
const DESK_CHAT = '-1001';
const env = {
  DESK_TELEGRAM_CHAT_IDS: `investment-promotion=${DESK_CHAT},digital-economy=-1002,togolese-abroad=-1003`,
  RATE_LIMIT_PER_MINUTE: '0',
};

describe('registration on WhatsApp, through the signed webhook', { timeout: 90_000 }, () => {
  it('registers an investor step by step, re-prompting every wrong answer, and notifies the desk once', async () => {
    const rt = await testRuntime(env);
    const say = whatsappUser(rt, FROM);
    const desk = received(rt, DESK_CHAT);

    expect(await say('Je veux investir')).toMatch(
      /Enregistrons votre intérêt[\s\S]*\(2\/10\) Dans quel secteur/,
    );
    expect(await say('zzz')).toMatch(/Je n’ai pas reconnu ce secteur[\s\S]*1\. Agriculture/);
    expect(await say('agriculture')).toMatch(/pays résidez-vous/);
    expect(await say('Wakanda')).toMatch(/Je ne reconnais pas ce pays/);
    expect(await say('retour')).toMatch(/Dans quel secteur/);
    expect(await say('1')).toMatch(/pays résidez-vous/);
    expect(await say('Etats-Unis')).toMatch(/Dans quelle ville/);
    expect(await say('75001')).toMatch(/nom de ville ne semble pas valide/);
    expect(await say('New York')).toMatch(/nom complet/);
    expect(await say('Ama')).toMatch(/prénom et votre nom/);
    expect(await say('Ama Kouassi')).toMatch(/profession/);
    expect(await say('Ingénieure agronome')).toMatch(/montant indicatif/);
    expect(await say('beaucoup')).toMatch(/pas une fourchette/);
    expect(await say('50000')).toMatch(/pas une fourchette/);
    expect(await say('10 000 - 50 000 €')).toMatch(/contacté\(e\)/);
    expect(await say('email')).toMatch(/adresse e-mail/);
    expect(await say('ama@')).toMatch(/e-mail ne semble pas valide/);
    expect(await say('Ama.Kouassi@Example.org')).toMatch(/loi n° 2019-014[\s\S]*Acceptez-vous/);
    expect(await say('peut-être')).toMatch(/Répondez « oui »/);
    const summary = await say('oui');
    expect(summary).toContain('Ama Kouassi');
    expect(summary).toContain('États-Unis');
    expect(summary).toContain('New York');
    expect(summary).toContain('10 000 – 50 000 €');
    expect(summary).toContain('ama.kouassi@example.org');
    const done = await say('oui');
    const ref = /TG-\d{4}-\d{5}/.exec(done)?.[0];
    expect(ref).toBeDefined();
    expect(done).toContain('Promotion des investissements');

    const lead = await getLead(rt.store, ref!);
    expect(lead).toMatchObject({
      kind: 'registration',
      programme: 'investment',
      sector: 'agriculture',
      country: 'US',
      city: 'New York',
      fullName: 'Ama Kouassi',
      amountRange: { min: 10_000, max: 50_000, currency: 'EUR' },
      contactPreference: 'email',
      email: 'ama.kouassi@example.org',
      desk: 'investment-promotion',
      status: 'new',
      channel: 'whatsapp',
      userId: FROM,
    });
    expect(lead?.consent).toMatchObject({
      textId: 'lead-consent-2026-11-v1',
      channel: 'whatsapp',
      reference: ref,
    });
    expect(await listConsents(rt.store, 'whatsapp', FROM)).toHaveLength(1);
    expect((await getConversation(rt.store, 'whatsapp', FROM, Date.now())).flow).toBe('idle');

    const notices = await desk();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: 'telegram', buttons: ['Prendre en charge'] });
    expect(notices[0]!.text).toContain(ref!);
    expect(notices[0]!.text).toContain('Ama Kouassi');
  });

  it('cancels with "annuler" and keeps nothing', async () => {
    const rt = await testRuntime(env);
    const say = whatsappUser(rt, FROM);
    await say('Je veux investir');
    await say('énergie');
    expect(await say('annuler')).toMatch(/Inscription annulée[\s\S]*Que souhaitez-vous faire/);
    expect(await listLeadsOfUser(rt.store, 'whatsapp', FROM)).toHaveLength(0);
    expect((await getConversation(rt.store, 'whatsapp', FROM, Date.now())).data).toEqual({});
  });

  it('keeps nothing when consent is refused', async () => {
    const rt = await testRuntime(env);
    const say = whatsappUser(rt, FROM);
    for (const answer of [
      'Je veux investir',
      'finance',
      'France',
      'Lyon',
      'Kossi Mensah',
      'Banquier',
      '2',
      'ici',
    ]) {
      await say(answer);
    }
    expect(await say('non')).toMatch(/Sans votre accord/);
    expect(await listLeadsOfUser(rt.store, 'whatsapp', FROM)).toHaveLength(0);
    expect(await listConsents(rt.store, 'whatsapp', FROM)).toHaveLength(0);
  });

  it('resumes at the same step after the person leaves, even in a new process', async () => {
    const first = await testRuntime(env);
    await whatsappUser(first, FROM)('Je veux investir');
    await whatsappUser(first, FROM)('santé');
    const later = await testRuntime(env, { store: first.store });
    const say = whatsappUser(later, FROM);
    const last = async (text: string) => (await say(text)).split('\n---\n').at(-1);
    expect(await last('Bonjour')).toMatch(/^Bon retour[\s\S]*\(3\/10\) Dans quel pays/);
    expect(await last('Allemagne')).toMatch(/Dans quelle ville/);
  });

  it('goes back to the programme question from the first step after a preset', async () => {
    const rt = await testRuntime(env);
    const say = whatsappUser(rt, FROM);
    await say('Je veux investir');
    const programme = await say('retour');
    expect(programme).toMatch(/Quel programme vous intéresse/);
    expect(await say('retour au pays')).toMatch(/Dans quel secteur/);
    for (const answer of ['autre', 'Canada', 'Montréal', 'Yao Agbeko', 'Infirmier', 'téléphone'])
      await say(answer);
    expect(await say('06 00 00 00 01')).toMatch(/numéro ne semble pas valide/);
    expect(await say('+1 514 000 0001')).toMatch(/Acceptez-vous/);
    expect(await say('oui')).toMatch(/Par téléphone \(\+15140000001\)/);
    const done = await say('1');
    const ref = /TG-\d{4}-\d{5}/.exec(done)?.[0];
    expect((await getLead(rt.store, ref!))?.desk).toBe('togolese-abroad');
  });
});

describe('registration under a crash', { timeout: 90_000 }, () => {
  it('creates one lead and notifies the desk once when the worker dies right after committing', async () => {
    let crashed = false;
    let yes = 0;
    const rt = await testRuntime(env, {
      worker: {
        afterCommit: (message) => {
          // The worst moment: the lead and the replies are committed, nothing is sent yet.
          if (message.text === 'oui') yes++;
          if (!crashed && yes === 2) {
            crashed = true;
            throw new Error('worker crashed');
          }
        },
      },
    });
    const say = whatsappUser(rt, FROM);
    const desk = received(rt, DESK_CHAT);
    for (const answer of ['Je veux investir', 'énergie', 'Sénégal', 'Dakar', 'Koffi Atsu', 'Électricien']) {
      await say(answer);
    }
    for (const answer of ['plus de 1 000 000 €', 'ici', 'oui']) await say(answer);
    const done = await say('oui');
    expect(crashed).toBe(true);
    expect(new Set(done.match(/TG-\d{4}-\d{5}/g))).toHaveProperty('size', 1);
    expect(done.match(/enregistrée sous la référence/g)).toHaveLength(1);
    expect(await listLeadsOfUser(rt.store, 'whatsapp', FROM)).toHaveLength(1);
    expect(await desk()).toHaveLength(1);
  });
});
