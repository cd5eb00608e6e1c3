import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import { shippedArtifact } from '../knowledge/shipped.js';
import { readPointer } from './artifact-store.js';
import { exportKnowledge, importKnowledge } from './import-export.js';
import { formatEntryFile, parseEntryFile } from './markdown.js';
import { importedService, officerWith } from './testing.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-roundtrip-'));
  await cp('knowledge', dir, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function snapshot(path: string): Promise<Record<string, string>> {
  const names = (await readdir(path)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(path, n), 'utf8')] as const)),
  );
}

describe('kb:import and kb:export', { timeout: 60_000 }, () => {
  it('round-trips knowledge/ byte for byte through the store', async () => {
    // Prepare
    const store = await freshStore();
    const { service } = await importedService(store);
    const before = await snapshot(dir);
    // Act: overwrite every entry file from the store
    const { written } = await exportKnowledge(store, dir);
    // Assess
    expect(written.length).toBe(Object.keys(before).length - 1); // all but README.md
    expect(await snapshot(dir)).toEqual(before);
    // A second import of the same files changes nothing.
    const again = await importKnowledge(service, store, { dir, promptsDir: 'prompts', nowMs: Date.now() });
    expect(again).toMatchObject({ created: [], updated: [], baseVersion: 1 });
  });

  it('exports a published console edit in the same format, the untouched fields as they were', async () => {
    const store = await freshStore();
    const { service } = await importedService(store);
    const [ama, kofi] = await Promise.all([
      officerWith(store, 'officer', true),
      officerWith(store, 'officer', true),
    ]);
    const original = parseEntryFile(
      'invest-in-togo.fr.md',
      await readFile(join(dir, 'invest-in-togo.fr.md'), 'utf8'),
    );
    await service.saveDraft(ama, 'invest-in-togo', {
      lang: 'fr',
      title: original.doc.title,
      body: `${original.doc.body}\n\nCe paragraphe a été ajouté dans la console.`,
      questions: [...(original.doc.questions ?? []), 'comment investir depuis Paris'],
      sources: original.doc.sources,
      ownerDesk: 'investment-promotion',
    });
    await service.publish(kofi, 'invest-in-togo');
    // Act
    await exportKnowledge(store, dir);
    // Assess
    const text = await readFile(join(dir, 'invest-in-togo.fr.md'), 'utf8');
    expect(text).toContain('Ce paragraphe a été ajouté dans la console.\n');
    expect(text).toContain('"comment investir depuis Paris"');
    expect(text).toMatch(
      /^---\nid: invest-in-togo\nlang: fr\ntitle: Investir au Togo depuis la diaspora\nsummary: >-\n/,
    );
    const reread = parseEntryFile('invest-in-togo.fr.md', text);
    expect(reread.doc.keywords).toEqual(original.doc.keywords);
    expect(await readFile(join(dir, 'invest-in-togo.en.md'), 'utf8')).toBe(
      await readFile('knowledge/invest-in-togo.en.md', 'utf8'),
    );
    // and it imports back as the same content (no new version)
    const back = await importKnowledge(service, store, { dir, promptsDir: 'prompts', nowMs: Date.now() });
    expect(back.updated).toEqual([]);
  });

  it('writes a changed field in the house style and reads it back', () => {
    const text = formatEntryFile('x-topic', 'en', {
      title: 'A: title with a colon',
      summary: 'One sentence\nover two lines.',
      keywords: ['a', 'b "quoted"'],
      sources: ['Ambassades et consulats du Togo'],
      desk: 'togolese-abroad',
      reviewed: '2026-11-30',
      valid_until: '2027-01-31',
      body: 'Body.',
    });
    const back = parseEntryFile('x-topic.en.md', text);
    expect(back.doc).toMatchObject({
      title: 'A: title with a colon',
      summary: 'One sentence over two lines.',
      keywords: ['a', 'b "quoted"'],
      valid_until: '2027-01-31',
      body: 'Body.',
    });
  });

  it('publishes the import of an unchanged knowledge/ with the bundled index’s hash (kb:build, same content)', async () => {
    // kb:build ran from the same files (npm test runs it first): the store's base is the bundled one,
    // so no running function loads anything after the first import.
    const store = await freshStore();
    await importedService(store);
    const pointer = await readPointer(store);
    expect(pointer?.contentHash).toBe(shippedArtifact.contentHash);
  });
});
