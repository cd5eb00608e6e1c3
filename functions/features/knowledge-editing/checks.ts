import type { Lang } from '../../core/types.js';
import { ungroundedDetail } from '../knowledge/answer-guard.js';
import { checkKnowledge } from '../knowledge/check.js';
import type { LoadedKnowledge, LoadProblem } from '../knowledge/loader.js';
import { type Entry, frontMatterSchema, LANGS, type SourcesFile } from '../knowledge/schema.js';
import { CHECK_RULES, type CheckFailure } from './check-texts.js';

export { CHECK_RULES };

import type { LangDoc } from './model.js';

export type BaseDocs = Map<string, Partial<Record<Lang, LangDoc>>>;

function ruleOf(message: string): string {
  if (message.includes('duplicate id+lang')) return CHECK_RULES.duplicate;
  if (message.includes('missing the')) return CHECK_RULES.bothLanguages;
  if (message.includes('unknown source')) return CHECK_RULES.knownSources;
  if (message.includes('empty body') || message.includes('characters (max')) return CHECK_RULES.bodyLength;
  return CHECK_RULES.schema;
}

/**
 * The base as `kb:build` would load it from files: each document validated by the front matter
 * schema (a failure is a problem, as a broken file is), entries sorted by file name.
 */
export function loadedFromDocs(base: BaseDocs, sources: SourcesFile): LoadedKnowledge {
  const entries: Entry[] = [];
  const problems: LoadProblem[] = [];
  const ids = [...base.keys()].sort();
  for (const id of ids) {
    for (const lang of LANGS) {
      const doc = base.get(id)?.[lang];
      if (!doc) continue;
      const file = `${id}.${lang}.md`;
      const { body, raw: _raw, ...fields } = doc;
      const front = frontMatterSchema.safeParse({ id, lang, ...fields });
      if (!front.success) {
        const detail = front.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
        problems.push({ file, message: `front matter: ${detail.join('; ')}` });
        continue;
      }
      entries.push({ ...front.data, body: body.trim(), file });
    }
  }
  // kb:build reads files sorted by name ("a.en.md" < "a.fr.md" < "a-b.en.md"): same order, same hash.
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { entries, sources, problems };
}

/**
 * The kb:check rules for one entry about to be published, on the whole base with it: what would
 * make `npm run kb:check` fail for this entry, plus one rule git review used to enforce by eye: a
 * link, e-mail, phone or account number, or payment word no published entry holds must come
 * through git with its source document, never from the console alone.
 */
export function checkForPublish(
  entryId: string,
  base: BaseDocs,
  sources: SourcesFile,
  published: BaseDocs,
  nowMs: number,
  /** Earlier published versions of this entry: what they held was accepted (a rollback brings it back). */
  history: LangDoc[] = [],
): CheckFailure[] {
  const loaded = loadedFromDocs(base, sources);
  const report = checkKnowledge(loaded, nowMs);
  const mine = (message: string) => message.startsWith(`${entryId}.`) || message.startsWith(`${entryId}:`);
  const failures: CheckFailure[] = report.errors
    .filter(mine)
    .map((message) => ({ rule: ruleOf(message), message }));

  const known = [
    ...[...published.entries()].flatMap(([id, docs]) =>
      Object.values(docs).map((d) => ({ id, title: d.title, summary: d.summary, body: d.body })),
    ),
    ...history.map((d) => ({ id: entryId, title: d.title, summary: d.summary, body: d.body })),
  ];
  for (const lang of LANGS) {
    const doc = base.get(entryId)?.[lang];
    if (!doc) continue;
    const detail = ungroundedDetail(`${doc.title}\n${doc.summary}\n${doc.body}`, known);
    if (detail) {
      failures.push({
        rule: CHECK_RULES.noUnsourcedDetail,
        message: `${entryId}.${lang}.md: « ${detail} » n’apparaît dans aucune fiche publiée ; un lien, un numéro, une adresse ou un paiement passe par git avec son document source / "${detail}" is in no published entry; a link, number, address or payment goes through git with its source document`,
      });
    }
  }
  return failures;
}
