import { describe, expect, it } from 'vitest';
import {
  createLead,
  getLead,
  listLeadsOfUser,
  markEscalated,
} from '../../functions/features/leads/repository.js';
import { postTelegram, telegramText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';
import { whatsappUser } from '../registration/chat.js';
import { rawStrings, visibleText } from './french.js';
import { type ConsoleClient, newLead, seedStaff, signedIn } from './helpers.js';
import { addGap, formOf, grantEditors, importBase, postForm, withoutEnglish } from './knowledge-helpers.js';

const CITIZEN = 'whatsapp:+33600000777';

describe('every console page speaks French to officers', { timeout: 180_000 }, () => {
  it('shows no internal code, English error or ISO date on any page, for every role', async () => {
    const rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0' });
    const staff = await seedStaff(rt.store);

    // A handoff through the real chat (consent, transcript), and a registration lead by phone.
    const say = whatsappUser(rt, CITIZEN);
    await say('bonjour');
    await say('je veux parler à un agent');
    await say('1');
    const [handoff] = await listLeadsOfUser(rt.store, 'whatsapp', CITIZEN);
    expect(handoff?.kind).toBe('handoff');
    const registration = await createLead(rt.store, {
      kind: 'registration',
      programme: 'investment',
      sector: 'energy',
      country: 'DE',
      city: 'Berlin',
      fullName: 'Akouvi Lawson',
      profession: 'Ingénieure',
      contactPreference: 'phone',
      phone: '+4915112345678',
      email: 'akouvi@example.test',
      channel: 'telegram',
      userId: '7001',
      address: '7001',
      lang: 'fr',
      desk: 'investment-promotion',
      consent: {
        textId: 'lead-consent-2026-11-v1',
        purposes: ['contact_about_request', 'processing_under_law_2019_014'],
        at: new Date().toISOString(),
        channel: 'telegram',
      },
    });
    await markEscalated(rt.store, (await getLead(rt.store, registration.reference))!, 'claim', Date.now());
    // A lead three days old nobody took: past its desk's SLA ("en retard").
    await newLead(
      rt.store,
      { desk: 'togolese-abroad', userId: 'whatsapp:+33600000778', fullName: 'Yawa Late' },
      Date.now() - 3 * 86_400_000,
    );

    const pages: { who: string; path: string; html: string }[] = [];
    const visit = async (who: string, client: ConsoleClient, path: string) => {
      const res = await client.get(path);
      expect(res.status, path).toBeLessThan(500);
      pages.push({ who, path, html: await res.text() });
    };
    const act = async (
      who: string,
      client: ConsoleClient,
      path: string,
      form: Record<string, string> = {},
    ) => {
      const res = await client.post(path, form);
      expect(res.status, path).toBeLessThan(500);
      const location = res.headers.get('location');
      if (location) await visit(who, client, location);
      else pages.push({ who, path: `POST ${path}`, html: await res.text() });
    };

    const officer = await signedIn(rt.app, staff.officer.email);
    const ref = registration.reference;
    await visit('officer', officer, '/console/leads');
    await act('officer', officer, `/console/leads/${ref}/claim`);
    // The same claim again (Back, then the button): "cannot move a lead from assigned to assigned" before.
    await act('officer', officer, `/console/leads/${ref}/claim`);
    await act('officer', officer, `/console/leads/${ref}/status`, { to: 'contacted' });
    await act('officer', officer, `/console/leads/${ref}/status`, { to: 'assigned' });
    await act('officer', officer, `/console/leads/${ref}/status`, { to: 'nowhere' });
    await act('officer', officer, `/console/leads/${ref}/notes`, { text: 'Rappeler lundi.' });
    await act('officer', officer, `/console/leads/${ref}/notes`, { text: '' });
    await visit('officer', officer, '/console/leads?country=Allemagne');
    await visit('officer', officer, '/console/leads?from=hier');
    await visit('officer', officer, '/console/leads?country=DE');
    await visit('officer', officer, '/console/dashboard');
    // The account page's Telegram link: the code, then linked (through the bot), then unlinked.
    await visit('officer', officer, '/console/account');
    await act('officer', officer, '/console/account/telegram/code');
    const code = /id="telegram-code">([A-Z0-9-]+)</.exec(pages.at(-1)!.html)?.[1] ?? '';
    await postTelegram(rt.app, telegramText(7301, `/lier ${code}`));
    await rt.queue.idle();
    await visit('officer', officer, '/console/account');
    await act('officer', officer, '/console/account/telegram/unlink');

    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const h = handoff!.reference;
    // The handoff's transcript and the log overlap: each message appears once in the conversation.
    const log = /id="h-conversation"[\s\S]*?<\/section>/.exec(
      await (await supervisor.get(`/console/leads/${h}`)).text(),
    )?.[0];
    expect(log?.match(/>bonjour</g)).toHaveLength(1);
    expect(log?.match(/>je veux parler à un agent</g)).toHaveLength(1);
    await visit('supervisor', supervisor, '/console/leads');
    await act('supervisor', supervisor, `/console/leads/${h}/claim`);
    await act('supervisor', supervisor, `/console/leads/${h}/reassign`, { officerId: staff.officer.id });
    await act('supervisor', supervisor, `/console/leads/${h}/conversation`);
    // Closing without the outcome and the confirmation does nothing, and says so.
    await act('supervisor', supervisor, `/console/leads/${h}/status`, { to: 'closed', outcome: '' });
    await act('supervisor', supervisor, `/console/leads/${h}/status`, {
      to: 'closed',
      outcome: 'no_response',
      confirm: '1',
    });
    await act('supervisor', supervisor, `/console/leads/${h}/reopen`);
    await act('supervisor', supervisor, `/console/leads/${h}/transfer`, {
      desk: 'investment-promotion',
      officerId: staff.officer.id,
      reason: 'Projet d’entreprise : promotion des investissements',
    });
    await act('supervisor', supervisor, `/console/leads/${h}/transfer`, { desk: 'nulle-part', reason: '' });
    // A reply to a lead another officer holds (the officer it was moved to) asks for confirmation first.
    await act('supervisor', supervisor, `/console/leads/${h}/reply`, {
      idempotencyKey: '6f1c2a7e-0d2b-4f6e-9a55-3c1f4c0e8b21',
      text: 'Bonjour, je reprends votre demande.',
    });
    await visit('supervisor', supervisor, `/console/inbox/lead/${h}`);
    await visit('supervisor', supervisor, '/console/leads?overdue=1');
    await act('supervisor', supervisor, `/console/leads/${h}/status`, {
      to: 'closed',
      outcome: 'no_response',
      confirm: '1',
    });
    await act('supervisor', supervisor, `/console/leads/${h}/conversation`);
    await visit('supervisor', supervisor, `/console/leads/${ref}`);
    await visit('supervisor', supervisor, '/console/dashboard');
    // Canned replies: the supervisors' page, a refused form, a saved reply, and where officers insert it.
    await visit('supervisor', supervisor, '/console/canned');
    await act('supervisor', supervisor, '/console/canned', {
      desk: 'investment-promotion',
      title: '',
      fr: '',
      en: '',
    });
    await act('supervisor', supervisor, '/console/canned', {
      desk: 'investment-promotion',
      title: 'Accusé de réception',
      fr: 'Bonjour, votre dossier {référence} est bien reçu.',
      en: 'Hello, your file {référence} is received.',
    });
    await visit('supervisor', supervisor, `/console/leads/${ref}`);
    const cannedId = /name="id" value="([0-9a-f-]{36})"/.exec(
      await (await supervisor.get('/console/canned?desk=investment-promotion')).text(),
    )?.[1];
    await visit('supervisor', supervisor, `/console/canned/compose?lead=${ref}&id=${cannedId}`);
    await visit('supervisor', supervisor, `/console/canned/compose?lead=${ref}&id=pas-un-id`);
    await visit('supervisor', supervisor, '/console/broadcasts');
    await act('supervisor', supervisor, '/console/broadcasts/preview', { topic: 'events', fr: '', en: '' });
    await act('supervisor', supervisor, '/console/broadcasts/preview', {
      topic: 'events',
      fr: 'Atelier samedi.',
      country: 'DE',
      sendAt: '2031-05-01T10:00',
    });
    await act('supervisor', supervisor, '/console/broadcasts', {
      topic: 'events',
      fr: 'Atelier samedi.',
      sendAt: '2031-05-01T10:00',
    });
    await visit('supervisor', supervisor, '/console/broadcasts');

    // The knowledge base (issue 14): the list, an entry with a draft, the refusals, the review, a
    // rollback, the gap report's answer page. English entry text is marked lang="en" and not scanned.
    await grantEditors(rt.store, staff);
    await importBase(rt.store, rt.config);
    await addGap(rt.store, 'Où trouver le formulaire de la carte consulaire ?');
    const editor = await signedIn(rt.app, staff.officer.email);
    const kb = '/console/knowledge/money-transfers';
    await visit('officer', editor, '/console/knowledge');
    await visit(
      'officer',
      editor,
      '/console/knowledge?state=draft-pending&expiry=grace&desk=togolese-abroad',
    );
    await visit('officer', editor, '/console/knowledge/new');
    await act('officer', editor, '/console/knowledge/new', { title: '', body: '', ownerDesk: 'nulle-part' });
    await visit('officer', editor, kb);
    const kbForm = formOf(await (await editor.get(kb)).text(), 'fr');
    const kbDraft = {
      ...kbForm,
      body: `${kbForm.body}\n\nVoir https://inconnu.example/page`,
      action: 'save',
    };
    pages.push({
      who: 'officer',
      path: `POST ${kb}/draft`,
      html: await (await postForm(editor, `${kb}/draft`, kbDraft)).text(),
    });
    // The same base again: the conflict notice.
    pages.push({
      who: 'officer',
      path: `POST ${kb}/draft (stale)`,
      html: await (await postForm(editor, `${kb}/draft`, kbDraft)).text(),
    });
    await act('officer', editor, `${kb}/publish`);
    await act('officer', editor, `${kb}/preview`, {
      lang: 'fr',
      title: 'Essai',
      body: 'Un texte à prévisualiser.',
    });
    await visit('officer', editor, '/console/dashboard');
    const gapKey =
      /name="g" value="([^"]+)"/.exec(await (await editor.get('/console/dashboard')).text())?.[1] ?? '';
    await visit('officer', editor, `/console/knowledge/gaps/answer?g=${encodeURIComponent(gapKey)}`);
    await visit('officer', editor, '/console/knowledge/gaps/answer?g=inconnue');
    await visit('officer', editor, '/console/knowledge/pas-une-fiche');
    await visit('supervisor', supervisor, kb);
    await act('supervisor', supervisor, `${kb}/publish`);
    await act('supervisor', supervisor, `${kb}/rollback`, { version: '1' });
    await act('supervisor', supervisor, `${kb}/rollback`, { version: '99' });
    await visit('supervisor', supervisor, '/console/dashboard');

    const admin = await signedIn(rt.app, staff.admin.email);
    await visit('admin', admin, '/console/knowledge');
    await visit('admin', admin, '/console/officers');
    await act('admin', admin, '/console/officers', { email: 'pas-une-adresse', name: '', role: 'officer' });
    await act('admin', admin, `/console/officers/${staff.admin.id}/active`, { active: 'false' });
    await act('admin', admin, '/console/officers', {
      email: staff.officer.email,
      name: 'Doublon',
      role: 'officer',
      desk: 'digital-economy',
      password: 'un mot de passe long',
    });
    await act('admin', admin, `/console/officers/${staff.officer.id}/desk`, { desk: 'digital-economy' });
    await visit('admin', admin, '/console/officers');

    // The pages really carry what was checked: dates, the handoff, the consent, the audit.
    const all = pages.map((p) => visibleText(p.html)).join('\n');
    expect(all).toContain('Demande d’échange avec un agent');
    expect(all).toContain('Par téléphone');
    expect(all).toContain('Allemagne');
    expect(all).toContain('Assigné → Contacté');
    expect(all).toContain('Ce dossier est déjà pris en charge.');
    expect(all).toContain('Filtre invalide');
    expect(all).toContain('cochez la confirmation pour répondre à sa place');
    expect(all).toContain('Le dossier n’a pas été clôturé');
    expect(all).toContain('Dossier rouvert.');
    expect(all).toContain('Dossier transféré.');
    expect(all).toContain('motif : Projet d’entreprise');
    expect(all).toContain('Transfert impossible');
    expect(all).toMatch(/premier contact attendu dans \d/);
    expect(all).toMatch(/prise en charge en retard de \d+ j/);
    expect(all).toContain('Dossiers en retard (1)');
    expect(all).toContain('Seulement les dossiers en retard');
    expect(all).toContain('Lier mon compte Telegram');
    expect(all).toMatch(/Le code expire à \d+ \S+ \d{4}, \d+:\d+ \(dans 10 minutes\)/);
    expect(all).toContain('Votre compte Telegram est lié à la console depuis le');
    expect(all).toContain('Votre compte Telegram n’est plus lié');
    expect(all).toContain('Réponse type enregistrée.');
    expect(all).toContain('Bonjour, votre dossier TG-');
    expect(all).toContain('Dossiers par semaine et par programme');
    expect(all).toMatch(/\d{1,2} [a-zéû]+\.? \d{4}/); // "30 nov. 2026"

    expect(all).toContain('Publication refusée : la vérification a trouvé un problème.');
    expect(all).toContain('Quelqu’un a enregistré une autre version de cette fiche entre-temps');
    expect(all).toContain('Vous êtes l’auteur de ce brouillon');
    expect(all).toContain('Cette question sans réponse n’existe plus');
    expect(all).toContain('La version 99 de cette fiche n’existe pas.');

    const found = pages.flatMap((p) =>
      rawStrings(visibleText(withoutEnglish(p.html))).map((r) => `${p.who} ${p.path}: ${r}`),
    );
    expect(found).toEqual([]);
  });

  it('finds each raw string of the issue when it is there (the scanner can fail)', () => {
    for (const raw of [
      'Programme handoff',
      'chat/phone',
      'Canal whatsapp',
      'from: assigned, to: contacted',
      'lead-consent-2026-11-v1 · contact_about_request',
      '2026-11-30T05:48:18.716Z',
      '(none)',
      'Saisie invalide — cannot move a lead from assigned to assigned',
      'texts: a French or an English text is required',
      '[choice]',
    ]) {
      expect(rawStrings(raw), raw).not.toEqual([]);
    }
    expect(rawStrings('Créé le 30 nov. 2026, 05:48 · WhatsApp · Par téléphone')).toEqual([]);
  });
});
