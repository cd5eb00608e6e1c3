import type { Lang } from '../../core/types.js';
import { LANGS } from '../knowledge/schema.js';
import type { DiffLine, EntryDiff, EntryVersion, FieldChange, LangDoc } from './model.js';

const FIELDS = [
  'title',
  'summary',
  'keywords',
  'questions',
  'sources',
  'desk',
  'reviewed',
  'valid_until',
] as const satisfies readonly (keyof LangDoc)[];

/** Lines of `after` against `before` (longest common subsequence: bodies are a few dozen lines). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ op: 'add', text: b[j]! });
      j++;
    } else {
      out.push({ op: 'del', text: a[i]! });
      i++;
    }
  }
  return out;
}

/** What changed from `from` (undefined: nothing published yet) to `to`, per language. */
export function diffVersions(entryId: string, from: EntryVersion | undefined, to: EntryVersion): EntryDiff {
  const changes: FieldChange[] = [];
  const body: Partial<Record<Lang, DiffLine[]>> = {};
  for (const lang of LANGS) {
    const before = from?.docs[lang];
    const after = to.docs[lang];
    if (!before && !after) continue;
    for (const field of FIELDS) {
      const a = before?.[field];
      const b = after?.[field];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        changes.push({ lang, field, before: a ?? null, after: b ?? null });
      }
    }
    if ((before?.body ?? '') !== (after?.body ?? '')) {
      changes.push({ lang, field: 'body', before: before?.body ?? null, after: after?.body ?? null });
    }
    body[lang] = lineDiff(before?.body ?? '', after?.body ?? '');
  }
  return { entryId, from: from?.version ?? null, to: to.version, changes, body };
}
