import matter from 'gray-matter';
import type { Lang } from '../../core/types.js';
import { type FrontMatter, frontMatterSchema } from '../knowledge/schema.js';
import type { LangDoc } from './model.js';

/** The front matter keys in the order curators write them (knowledge/README.md). */
const KEY_ORDER = [
  'id',
  'lang',
  'title',
  'summary',
  'keywords',
  'questions',
  'sources',
  'desk',
  'reviewed',
  'valid_until',
] as const;
type Key = (typeof KEY_ORDER)[number];

const FILE = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/;

export class EntryFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'EntryFileError';
  }
}

/** Reads one `knowledge/<id>.<lang>.md` into its id, language and document (keeping the raw front matter). */
export function parseEntryFile(file: string, text: string): { id: string; lang: Lang; doc: LangDoc } {
  const split = FILE.exec(text);
  if (!split) throw new EntryFileError(file, 'no front matter between --- lines');
  const front = frontMatterSchema.safeParse(matter(text, {}).data);
  if (!front.success) {
    throw new EntryFileError(
      file,
      front.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  }
  const { id, lang, ...fields } = front.data;
  return { id, lang, doc: { ...fields, body: split[2]!.trim(), raw: split[1]! } };
}

/** The top-level blocks of a front matter text: each key with its lines (folded scalars included). */
function blocks(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | undefined;
  let lines: string[] = [];
  for (const line of raw.split('\n')) {
    const start = /^([a-z_]+):/.exec(line);
    if (start) {
      if (key) out.set(key, lines.join('\n'));
      key = start[1]!;
      lines = [line];
    } else lines.push(line);
  }
  if (key) out.set(key, lines.join('\n'));
  return out;
}

const PLAIN = /^[\p{L}\p{N}][^:#[\]{}"'\n,&*!|>%@`]*$/u;
function scalar(value: string): string {
  const looksTyped = /^(true|false|yes|no|null|~|\d[\d.:-]*)$/i.test(value);
  return PLAIN.test(value) && !looksTyped && value === value.trim() ? value : JSON.stringify(value);
}

function block(key: Key, value: unknown): string {
  if (Array.isArray(value)) return `${key}: [${value.map((v) => JSON.stringify(String(v))).join(', ')}]`;
  if (key === 'summary') return `summary: >-\n  ${String(value).replace(/\s*\n\s*/g, ' ')}`;
  if (key === 'reviewed' || key === 'valid_until' || key === 'id' || key === 'lang' || key === 'desk')
    return `${key}: ${String(value)}`;
  return `${key}: ${scalar(String(value))}`;
}

/**
 * Writes one entry file in the curators' format. A field unchanged since the import keeps its
 * original text (so an import followed by an export leaves `knowledge/` byte-identical); a changed
 * or new field is written in the house style (inline lists, folded summary).
 */
export function formatEntryFile(id: string, lang: Lang, doc: LangDoc): string {
  const { raw, body, ...fields } = doc;
  const values: Record<string, unknown> = { id, lang, ...fields };
  const original = raw ? blocks(raw) : new Map<string, string>();
  let before: Partial<FrontMatter> = {};
  if (raw) {
    const parsed = frontMatterSchema.partial().safeParse(matter(`---\n${raw}\n---\n`, {}).data);
    if (parsed.success) before = parsed.data;
  }
  const order = [...original.keys(), ...KEY_ORDER.filter((k) => !original.has(k))].sort(
    (a, b) => KEY_ORDER.indexOf(a as Key) - KEY_ORDER.indexOf(b as Key),
  );
  const rawOrder = [...original.keys()];
  // Keep the curator's key order when it is not ours (then new keys go last).
  const keysInOrder = rawOrder.every((k, i) => order.filter((o) => original.has(o))[i] === k)
    ? order
    : [...rawOrder, ...KEY_ORDER.filter((k) => !original.has(k))];
  const lines: string[] = [];
  for (const key of keysInOrder) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    const same = JSON.stringify(before[key as keyof FrontMatter]) === JSON.stringify(value);
    lines.push(same && original.has(key) ? original.get(key)! : block(key as Key, value));
  }
  return `---\n${lines.join('\n')}\n---\n${body.trim()}\n`;
}
