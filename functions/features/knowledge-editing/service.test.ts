import { beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Officer } from '../../console/officers/repository.js';
import type { Store } from '../../store/client.js';
import { readArtifact, readPointer } from './artifact-store.js';
import { KnowledgeCheckError } from './errors.js';
import type { DraftInput } from './model.js';
import type { KnowledgeEditingService } from './service.js';
import { importedService, officerWith } from './testing.js';

let store: Store;
let service: KnowledgeEditingService;
let alice: Officer; // editor
let bob: Officer; // editor
let sam: Officer; // supervisor, no editor flag
let olga: Officer; // officer without the right

const draft = (overrides: Partial<DraftInput> = {}): DraftInput => ({
  lang: 'fr',
  title: 'Investir au Togo depuis la diaspora',
  body: 'Mise à jour : ce paragraphe a été rédigé dans la console.\n\nTapez « investir » pour enregistrer votre intérêt.',
  questions: ['investir depuis la diaspora'],
  sources: ['Agence de promotion des investissements et de la zone franche (API-ZF)'],
  ownerDesk: 'investment-promotion',
  ...overrides,
});

beforeAll(async () => {
  store = await freshStore();
  ({ service } = await importedService(store));
  [alice, bob, sam, olga] = await Promise.all([
    officerWith(store, 'officer', true),
    officerWith(store, 'officer', true),
    officerWith(store, 'supervisor', false),
    officerWith(store, 'officer', false),
  ]);
}, 60_000);

describe('knowledge editing: drafts, review, publish', { timeout: 60_000 }, () => {
  it('imports knowledge/ as published entries, one base', async () => {
    const entries = await service.list();
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.every((e) => e.state === 'published')).toBe(true);
    const pointer = await readPointer(store);
    expect(pointer?.baseVersion).toBe(1);
    expect(pointer?.chunks).toBe(1);
  });

  it('refuses a draft without the editor right (403) and a malformed one (400)', async () => {
    await expect(service.saveDraft(olga, 'invest-in-togo', draft())).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(service.saveDraft(sam, 'invest-in-togo', draft())).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(
      service.saveDraft(alice, 'invest-in-togo', { ...draft(), ownerDesk: 'nowhere' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(service.saveDraft(alice, 'Not A Slug', draft())).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('keeps a draft out of the published base, and the author cannot publish it (two-person rule)', async () => {
    // Prepare
    const before = await readPointer(store);
    // Act
    const saved = await service.saveDraft(alice, 'invest-in-togo', draft());
    // Assess
    expect(saved.version).toBe(2);
    const [summary] = (await service.list()).filter((e) => e.id === 'invest-in-togo');
    expect(summary?.state).toBe('draft-pending');
    expect(await readPointer(store)).toEqual(before);
    const served = await readArtifact(store, before!);
    expect(JSON.stringify(served)).not.toContain('rédigé dans la console');
    await expect(service.publish(alice, 'invest-in-togo')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(service.publish(olga, 'invest-in-togo')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('shows the reviewer the diff, publishes with both names in the audit, and resolves nothing else', async () => {
    const diff = await service.diff('invest-in-togo');
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(2);
    expect(diff.changes.map((c) => `${c.lang}.${c.field}`)).toEqual(
      expect.arrayContaining(['fr.body', 'fr.questions']),
    );
    expect(diff.body.fr?.some((l) => l.op === 'add' && l.text.includes('rédigé dans la console'))).toBe(true);

    // Act: the supervisor (no editor flag) reviews and publishes
    const result = await service.publish(sam, 'invest-in-togo');

    // Assess
    expect(result).toMatchObject({ entryId: 'invest-in-togo', version: 2, baseVersion: 2, onePerson: false });
    const pointer = await readPointer(store);
    expect(pointer?.baseVersion).toBe(2);
    const served = await readArtifact(store, pointer!);
    expect(served.entries.find((e) => e.id === 'invest-in-togo' && e.lang === 'fr')?.body).toContain(
      'rédigé dans la console',
    );
    const detail = await service.get('invest-in-togo');
    const published = detail.audit.find((a) => a.action === 'kb_published');
    expect(published).toMatchObject({
      actor: { name: sam.name },
      author: { name: alice.name },
      onePerson: false,
    });
    expect(Date.parse(published!.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(detail.summary.state).toBe('published');
    await expect(service.publish(sam, 'invest-in-togo')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('loses no save when two editors save from the same version: the second gets a 409', async () => {
    const head = (await service.get('start-a-business')).latest.version;
    const fields = {
      ...draft({ title: 'Créer une entreprise au Togo' }),
      sources: ['Centre de formalités des entreprises (CFE)'],
      baseVersion: head,
    };
    const results = await Promise.allSettled([
      service.saveDraft(alice, 'start-a-business', { ...fields, body: 'Version A.' }),
      service.saveDraft(bob, 'start-a-business', { ...fields, body: 'Version B.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ kind: 'conflict' });
    // Without a base version, a save goes on top of the latest: both languages' edits are kept.
    await service.saveDraft(alice, 'start-a-business', {
      ...fields,
      baseVersion: undefined,
      body: 'Corps FR.',
    });
    await service.saveDraft(bob, 'start-a-business', {
      ...fields,
      baseVersion: undefined,
      lang: 'en',
      title: 'Start a business in Togo',
      body: 'Body EN.',
    });
    const latest = (await service.get('start-a-business')).latest;
    expect(latest.docs.fr?.body).toBe('Corps FR.');
    expect(latest.docs.en?.body).toBe('Body EN.');
  });

  it('refuses to publish a draft the kb:check rules reject (422 naming the rule)', async () => {
    await service.saveDraft(
      alice,
      'new-topic-test',
      draft({ title: 'Un sujet neuf', sources: ['Source inventée'] }),
    );
    const error = await service.publish(bob, 'new-topic-test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeCheckError);
    expect(error).toMatchObject({ kind: 'unprocessable' });
    const rules = (error as KnowledgeCheckError).failures.map((f) => f.rule);
    expect(rules.some((r) => r.includes('known-sources'))).toBe(true);
    expect(rules.some((r) => r.includes('both-languages'))).toBe(true);
    expect((error as KnowledgeCheckError).officer?.fr).toContain('Publication refusée');

    await service.saveDraft(alice, 'money-transfers', {
      ...draft({ title: 'Envoyer de l’argent au Togo' }),
      sources: ['Banque centrale des États de l’Afrique de l’Ouest (BCEAO)'.replace('’', "'")],
      body: 'Écrivez à aide@togo-transferts.example pour un virement.',
    });
    const detail = await service.publish(bob, 'money-transfers').catch((e: unknown) => e);
    expect((detail as KnowledgeCheckError).failures.map((f) => f.rule).join()).toContain(
      'no-unsourced-detail',
    );
  });

  it('allows the author to publish in one-person mode, and the audit says so', async () => {
    const { service: solo } = await importedService(await freshStore(), {
      env: { ONE_PERSON_PUBLISH: 'true' },
    });
    await solo.saveDraft(alice, 'invest-in-togo', draft());
    const result = await solo.publish(alice, 'invest-in-togo');
    expect(result.onePerson).toBe(true);
    const audit = (await solo.get('invest-in-togo')).audit.find((a) => a.action === 'kb_published');
    expect(audit).toMatchObject({ onePerson: true, actor: { id: alice.id }, author: { id: alice.id } });
  });

  it('refuses to roll back to a draft that was never published (no way around the review)', async () => {
    const { version } = await service.saveDraft(alice, 'consular-services', draft());
    await expect(service.rollback(alice, 'consular-services', version)).rejects.toMatchObject({
      kind: 'unprocessable',
      officer: { fr: expect.stringContaining('jamais été publiée') },
    });
    expect((await service.get('consular-services')).published?.version).not.toBe(version);
  });

  it('rolls back to an earlier version in one audited action', async () => {
    // Act
    const result = await service.rollback(bob, 'invest-in-togo', 1);
    // Assess
    expect(result.version).toBe(3);
    const detail = await service.get('invest-in-togo');
    expect(detail.latest.copiedFrom).toBe(1);
    expect(detail.published?.version).toBe(3);
    expect(detail.published?.docs.fr?.body).toBe(detail.versions.find((v) => v.version === 1)?.docs.fr?.body);
    expect(detail.audit.find((a) => a.action === 'kb_rolled_back')).toMatchObject({
      actor: { name: bob.name },
      detail: { copiedFrom: '1' },
    });
    const served = await readArtifact(store, (await readPointer(store))!);
    expect(JSON.stringify(served)).not.toContain('rédigé dans la console');
  });
});
