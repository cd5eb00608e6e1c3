import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getHead } from '../../functions/features/knowledge-editing/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { rawStrings, visibleText } from './french.js';
import { type ConsoleClient, type Staff, seedStaff, signedIn } from './helpers.js';
import { addGap, formOf, grantEditors, importBase, postForm, withoutEnglish } from './knowledge-helpers.js';

const ENTRY = 'money-transfers';
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let editor: ConsoleClient;
let second: ConsoleClient;
let supervisor: ConsoleClient;
let plain: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0' });
  staff = await seedStaff(rt.store);
  await grantEditors(rt.store, staff);
  await importBase(rt.store, rt.config);
  [editor, second, supervisor, plain] = await Promise.all([
    signedIn(rt.app, staff.officer.email),
    signedIn(rt.app, staff.otherOfficer.email),
    signedIn(rt.app, staff.supervisor.email),
    signedIn(rt.app, staff.admin.email),
  ]);
}, 120_000);
afterAll(async () => {
  await rt?.queue.idle();
});

const page = async (client: ConsoleClient, path: string) => {
  const res = await client.get(path);
  return { status: res.status, html: await res.text() };
};
const french = (html: string) => rawStrings(visibleText(withoutEnglish(html)));

describe('the knowledge base in the console', { timeout: 120_000 }, () => {
  it('lists entries to editors and supervisors (French and English titles, desk, sources, state), filters by state; others get a French 403', async () => {
    const list = await page(editor, '/console/knowledge');
    expect(list.status).toBe(200);
    const text = visibleText(list.html);
    expect(text).toContain("Envoyer de l'argent au Togo (transferts)");
    expect(text).toContain("Banque centrale des États de l'Afrique de l'Ouest (BCEAO)");
    // A seed document shows by its title, never its file name.
    expect(text).not.toContain('000_a762ae5cde8c5925.txt');
    expect(text).toContain('Promotion');
    expect(text).toContain('Publiée');
    expect(list.html).toContain('href="/console/knowledge"');
    expect(french(list.html)).toEqual([]);

    expect((await page(supervisor, '/console/knowledge')).status).toBe(200);
    const none = await page(editor, '/console/knowledge?state=new-draft');
    expect(visibleText(none.html)).toContain('Aucune fiche ne correspond.');

    // The admin has no editor right: no link in the navigation, a French refusal on the page.
    const home = await page(plain, '/console/officers');
    expect(home.html).not.toContain('href="/console/knowledge"');
    const refused = await page(plain, '/console/knowledge');
    expect(refused.status).toBe(403);
    expect(visibleText(refused.html)).toContain('droit « Rédacteur »');
  });

  it('saves a draft per language with its base version; a stale base keeps the text and says so in French', async () => {
    const entry = await page(editor, `/console/knowledge/${ENTRY}`);
    expect(entry.status).toBe(200);
    expect(french(entry.html)).toEqual([]);
    const form = formOf(entry.html, 'fr');
    const base = Number(form.baseVersion);
    expect(base).toBeGreaterThan(0);
    // The previews come from the channels' own rendering (ChannelDirectory): WhatsApp numbers the options.
    expect(entry.html).toContain('<figcaption>WhatsApp</figcaption>');
    expect(entry.html).toContain('<figcaption>Telegram</figcaption>');
    expect(visibleText(entry.html)).toMatch(/\d\. 👍 Utile/);

    const added = 'Pour toute question sur un transfert, adressez-vous à votre banque.';
    const saved = await postForm(editor, `/console/knowledge/${ENTRY}/draft`, {
      ...form,
      // As a browser sends a textarea: CRLF line ends.
      body: `${form.body}\n\n${added}`.replace(/\n/g, '\r\n'),
      action: 'save',
    });
    expect(saved.status).toBe(303);
    const after = await page(editor, saved.headers.get('location')!);
    expect(visibleText(after.html)).toContain(`Brouillon enregistré (version ${base + 1})`);
    expect(visibleText(after.html)).toContain('Brouillon en attente de relecture');
    expect(after.html).toContain(`+ Ajouté :</span> <span lang="fr">${added}</span>`);
    // Only the added lines are marked: no line of the published text reads as removed.
    expect(after.html).not.toContain('− Supprimé');
    expect(french(after.html)).toEqual([]);

    // A second editor still had the old version open: their save is refused, their text kept.
    const stale = await postForm(second, `/console/knowledge/${ENTRY}/draft`, {
      ...form,
      title: 'Transferts d’argent vers le Togo',
      action: 'save',
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(visibleText(html)).toContain(
      'Quelqu’un a enregistré une autre version de cette fiche entre-temps',
    );
    expect(html).toContain('value="Transferts d’argent vers le Togo"');
    expect(formOf(html, 'fr').baseVersion).toBe(String(base + 1));
    expect(french(html)).toEqual([]);
    expect((await getHead(rt.store, ENTRY))?.latestVersion).toBe(base + 1);

    // The summary (the first lines of every answer) is in the form, and its change is in the diff.
    expect(form.summary?.length).toBeGreaterThan(10);
    const resumed = await postForm(editor, `/console/knowledge/${ENTRY}/draft`, {
      ...formOf(after.html, 'fr'),
      summary: 'Pour envoyer de l’argent au Togo, passez par un circuit autorisé.',
      action: 'save',
    });
    expect(resumed.status).toBe(303);
    const review = visibleText((await page(editor, resumed.headers.get('location')!)).html);
    expect(review).toContain('Résumé (français)');
    expect(review).toContain('Pour envoyer de l’argent au Togo, passez par un circuit autorisé.');

    // An empty title: nothing saved, a French sentence per field.
    const invalid = await postForm(editor, `/console/knowledge/${ENTRY}/draft`, {
      ...form,
      title: '',
      action: 'save',
    });
    expect(invalid.status).toBe(400);
    expect(visibleText(await invalid.text())).toContain('Titre : entre 3 et 120 caractères.');
  });

  it('the author sees why they cannot publish; a second person sees the diff and publishes; a bad entry gets the rule in French', async () => {
    const own = await page(editor, `/console/knowledge/${ENTRY}`);
    expect(visibleText(own.html)).toContain('Vous êtes l’auteur de ce brouillon');
    expect(own.html).not.toContain(`action="/console/knowledge/${ENTRY}/publish"`);
    const forced = await postForm(editor, `/console/knowledge/${ENTRY}/publish`, {});
    expect(forced.status).toBe(403);
    expect(visibleText(await forced.text())).toContain(
      'un second rédacteur ou un superviseur doit le relire',
    );

    const review = await page(supervisor, `/console/knowledge/${ENTRY}`);
    expect(review.html).toContain(`action="/console/knowledge/${ENTRY}/publish"`);
    expect(visibleText(review.html)).toContain('Changements de la version');
    const published = await postForm(supervisor, `/console/knowledge/${ENTRY}/publish`, {});
    expect(published.status).toBe(303);
    const done = await page(supervisor, published.headers.get('location')!);
    expect(visibleText(done.html)).toContain('Publiée : les citoyens reçoivent cette version');
    expect(visibleText(done.html)).toMatch(/Publiée · Supervisor · version \d+ · brouillon de Officer One/);

    // A link no published entry holds: refused at publish with the rule's French sentence.
    const form = formOf((await page(second, `/console/knowledge/${ENTRY}`)).html, 'fr');
    await postForm(second, `/console/knowledge/${ENTRY}/draft`, {
      ...form,
      body: `${form.body}\n\nFormulaire : https://transferts-rapides.example/inscription`,
      action: 'save',
    });
    const refused = await postForm(supervisor, `/console/knowledge/${ENTRY}/publish`, {});
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(visibleText(html)).toContain('Publication refusée : la vérification a trouvé un problème.');
    expect(visibleText(html)).toContain('Aucun lien ni numéro sans source');
    expect(french(html)).toEqual([]);
  });

  it('rolls back to an earlier published version with one confirmed button, audited in French', async () => {
    const entry = await page(supervisor, `/console/knowledge/${ENTRY}`);
    const first = /name="version" value="(\d+)"/.exec(entry.html)?.[1];
    expect(first).toBeDefined();
    const res = await postForm(supervisor, `/console/knowledge/${ENTRY}/rollback`, { version: first! });
    expect(res.status).toBe(303);
    const after = await page(supervisor, res.headers.get('location')!);
    expect(visibleText(after.html)).toContain(`Version ${first} republiée`);
    expect(visibleText(after.html)).toContain('Retour à une version antérieure, publiée');
    expect(visibleText(after.html)).toContain(`copie de la version ${first}`);
    expect(french(after.html)).toEqual([]);
  });

  it('gaps on the dashboard: "Ignorer" removes one, "Répondre" adds it to an entry; stats from the service', async () => {
    await addGap(rt.store, 'Combien coûte un envoi par mobile money ?');
    await addGap(rt.store, 'Le ministère organise-t-il un salon en 2027 ?');
    const dash = await page(editor, '/console/dashboard');
    expect(dash.html).toContain('Combien coûte un envoi par mobile money ?');
    expect(visibleText(dash.html)).toContain('Suivi des questions sans réponse');
    expect(french(dash.html)).toEqual([]);
    const keys = [...dash.html.matchAll(/name="g" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(keys).toHaveLength(2);

    const salon = keys.find((k) => k.includes('salon'))!;
    const ignored = await postForm(editor, '/console/knowledge/gaps/ignore', { g: salon });
    expect(ignored.status).toBe(303);
    const after = await page(editor, ignored.headers.get('location')!);
    expect(visibleText(after.html)).toContain('Question ignorée');
    expect(after.html).not.toContain('salon en 2027');

    const money = keys.find((k) => k.includes('mobil'))!;
    const answer = await page(editor, `/console/knowledge/gaps/answer?g=${encodeURIComponent(money)}`);
    expect(answer.status).toBe(200);
    expect(french(answer.html)).toEqual([]);
    const attached = await postForm(editor, '/console/knowledge/gaps/attach', { g: money, entryId: ENTRY });
    expect(attached.status).toBe(303);
    const entry = await page(editor, attached.headers.get('location')!);
    expect(visibleText(entry.html)).toContain('Question ajoutée aux façons de demander');
    expect(formOf(entry.html, 'fr').questions).toContain('Combien coûte un envoi par mobile money ?');
    const stats = visibleText((await page(supervisor, '/console/dashboard')).html);
    expect(stats).toMatch(/En attente de publication 1/);
    expect(stats).toMatch(/Ignorées 1/);
  });

  it('flags entries past their valid-until date to the owner desk: the list, the notice and the navigation count', async () => {
    const id = 'invest-in-togo';
    const entry = await page(editor, `/console/knowledge/${id}`);
    expect(visibleText(entry.html)).toContain('Promotion des investissements');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const saved = await postForm(editor, `/console/knowledge/${id}/draft`, {
      ...formOf(entry.html, 'fr'),
      validUntil: yesterday,
      action: 'save',
    });
    expect(saved.status).toBe(303);
    expect((await postForm(second, `/console/knowledge/${id}/publish`, {})).status).toBe(303);

    const list = await page(editor, '/console/knowledge?expiry=grace');
    const text = visibleText(list.html);
    expect(text).toContain('1 fiche de votre bureau a dépassé sa date de validité');
    expect(text).toContain('Période de grâce');
    expect(french(list.html)).toEqual([]);
    expect(await (await editor.get('/console/knowledge/expired-count')).text()).toBe('1');
    // Another desk's officer is not told about it.
    expect(await (await second.get('/console/knowledge/expired-count')).text()).toBe('');
    const detail = visibleText((await page(editor, `/console/knowledge/${id}`)).html);
    expect(detail).toMatch(/l’assistant la sert encore jusqu’au \d{1,2} [a-zéû]+ \d{4}/);
  });

  it('speaks English to an officer who chose it (the console switch)', async () => {
    supervisor.cookies.set('tda_lang', 'en');
    try {
      const list = visibleText((await page(supervisor, '/console/knowledge')).html);
      expect(list).toContain('Knowledge base');
      expect(list).toContain('Investment promotion');
      expect(list).toMatch(/Published|Draft waiting for review/);
      const entry = visibleText((await page(supervisor, `/console/knowledge/${ENTRY}`)).html);
      expect(entry).toContain('Owner desk');
      expect(entry).toContain('History (read-only)');
      const dash = visibleText((await page(supervisor, '/console/dashboard')).html);
      expect(dash).toContain('Unanswered questions follow-up');
    } finally {
      supervisor.cookies.delete('tda_lang');
    }
  });
});

describe('one-person mode (ONE_PERSON_PUBLISH=true)', { timeout: 120_000 }, () => {
  it('lets the author publish their own draft, and the page and the history say this mode was used', async () => {
    const small = await testRuntime({ ONE_PERSON_PUBLISH: 'true', RATE_LIMIT_PER_MINUTE: '0' });
    const team = await seedStaff(small.store);
    await grantEditors(small.store, team);
    await importBase(small.store, small.config);
    const alone = await signedIn(small.app, team.officer.email);
    const path = `/console/knowledge/${ENTRY}`;
    const form = formOf((await page(alone, path)).html, 'en');
    const saved = await postForm(alone, `${path}/draft`, {
      ...form,
      body: `${form.body}\n\nAsk your bank about the fees.`,
      action: 'save',
    });
    expect(saved.status).toBe(303);
    const mine = await page(alone, path);
    expect(visibleText(mine.html)).toContain(
      'Mode une personne : vous pouvez publier votre propre brouillon',
    );
    const published = await postForm(alone, `${path}/publish`, {});
    expect(published.status).toBe(303);
    const after = visibleText((await page(alone, published.headers.get('location')!)).html);
    expect(after).toContain('publiée par son auteur (mode une personne)');
    expect(after).toMatch(/Publiée · Officer One · version \d+ · mode une personne utilisé/);
    await small.queue.idle();
  });
});
