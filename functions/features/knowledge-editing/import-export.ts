import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { readPrompt } from '../knowledge/build.js';
import { checkKnowledge } from '../knowledge/check.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { readPointer } from './artifact-store.js';
import { formatEntryFile, parseEntryFile } from './markdown.js';
import { type Actor, type EntryVersion, VERSION_KINDS } from './model.js';
import { getMeta, getVersions, listHeads, putMeta } from './repository.js';
import type { KnowledgeEditingService } from './service.js';

/** Who the audit names for what came from git (reviewed there, in a pull request). */
export const GIT_ACTOR: Actor = { id: 'git', name: 'git (kb:import)' };

export class KnowledgeImportError extends Error {
  constructor(readonly errors: string[]) {
    super(`kb:import refused: ${errors.join('; ')}`);
    this.name = 'KnowledgeImportError';
  }
}

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: number;
  baseVersion: number | null;
}

const ENTRY_FILE = /^([a-z0-9-]+)\.(fr|en)\.md$/;

/**
 * `knowledge/` into the store: each entry whose files differ from its published version becomes a
 * new version, published at once (git was its review), all in one new base. `kb:check` must pass
 * first. Entries only in the store are kept (the console does not delete; neither does this).
 */
export async function importKnowledge(
  service: KnowledgeEditingService,
  store: Store,
  options: { dir: string; promptsDir: string; nowMs: number },
): Promise<ImportReport> {
  const loaded = await loadKnowledge(options.dir);
  const report = checkKnowledge(loaded, options.nowMs);
  if (report.errors.length > 0) throw new KnowledgeImportError(report.errors);

  const docs = new Map<string, EntryVersion['docs']>();
  for (const name of (await readdir(options.dir)).sort()) {
    if (!ENTRY_FILE.test(name)) continue;
    const { id, lang, doc } = parseEntryFile(name, await readFile(join(options.dir, name), 'utf8'));
    docs.set(id, { ...docs.get(id), [lang]: doc });
  }
  await putMeta(store, {
    sourcesText: await readFile(join(options.dir, '_sources.yaml'), 'utf8'),
    sources: loaded.sources,
    prompt: await readPrompt(options.promptsDir),
  });

  const heads = new Map((await listHeads(store)).map((h) => [h.id, h]));
  const published = new Map(
    (
      await getVersions(
        store,
        [...heads.values()]
          .filter((h) => h.publishedVersion !== null)
          .map((h) => ({ entryId: h.id, version: h.publishedVersion as number })),
      )
    ).map((v) => [v.entryId, v]),
  );
  const created: string[] = [];
  const updated: string[] = [];
  const versions: EntryVersion[] = [];
  for (const [id, entryDocs] of docs) {
    const current = published.get(id);
    if (current && JSON.stringify(sortedDocs(current.docs)) === JSON.stringify(sortedDocs(entryDocs))) {
      if (heads.get(id)?.latestVersion === current.version) continue;
    }
    (heads.has(id) ? updated : created).push(id);
    versions.push(await service.saveVersion(GIT_ACTOR, id, entryDocs, VERSION_KINDS.imported));
  }
  const unchanged = docs.size - versions.length;
  if (versions.length === 0 && (await readPointer(store))) {
    return { created, updated, unchanged, baseVersion: (await readPointer(store))?.baseVersion ?? null };
  }
  const result = await service.publishImported(GIT_ACTOR, versions);
  return { created, updated, unchanged, baseVersion: result.baseVersion };
}

/** Both languages' values, keys sorted: DynamoDB does not keep a map's key order. */
function sortedDocs(docs: EntryVersion['docs']) {
  return (['fr', 'en'] as Lang[]).map((l) => {
    const doc = docs[l];
    if (!doc) return null;
    // The raw front matter is formatting: the same values written differently are the same entry.
    const { raw: _raw, ...values } = doc;
    return Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
  });
}

/**
 * The published base back to `knowledge/`, in the curators' format: one file per entry and
 * language, and `_sources.yaml` as imported. Fields unchanged since the import keep their text.
 */
export async function exportKnowledge(store: Store, dir: string): Promise<{ written: string[] }> {
  const meta = await getMeta(store);
  if (!meta) throw new KnowledgeImportError(['nothing published yet: run npm run kb:import first']);
  const heads = await listHeads(store);
  const versions = await getVersions(
    store,
    heads
      .filter((h) => h.publishedVersion !== null)
      .map((h) => ({ entryId: h.id, version: h.publishedVersion as number })),
  );
  const written: string[] = [];
  for (const version of versions.sort((a, b) => a.entryId.localeCompare(b.entryId))) {
    for (const lang of ['fr', 'en'] as Lang[]) {
      const doc = version.docs[lang];
      if (!doc) continue;
      const name = `${version.entryId}.${lang}.md`;
      await writeFile(join(dir, name), formatEntryFile(version.entryId, lang, doc));
      written.push(name);
    }
  }
  await writeFile(join(dir, '_sources.yaml'), meta.sourcesText);
  written.push('_sources.yaml');
  return { written };
}

/** First start: imports `knowledge/` when the store has no published base yet. */
export async function ensureKnowledgeImported(
  service: KnowledgeEditingService,
  store: Store,
  options: { dir: string; promptsDir: string; nowMs: number },
): Promise<ImportReport | undefined> {
  if ((await readPointer(store)) && (await getMeta(store))) return undefined;
  return importKnowledge(service, store, options);
}
