import type { LoadedKnowledge } from './loader.js';
import { LANGS, MAX_BODY_CHARS } from './schema.js';

export interface CheckReport {
  errors: string[];
  warnings: string[];
  entries: number;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * What `npm run kb:check` enforces. Errors block the build: schema errors, a duplicate id+lang, a
 * missing translation, a source that is neither a seed file nor a listed body, an over-long body.
 * Warnings don't: an entry not reviewed for over a year, or already past its `valid_until`.
 */
export function checkKnowledge(loaded: LoadedKnowledge, nowMs: number): CheckReport {
  const errors = loaded.problems.map((p) => `${p.file}: ${p.message}`);
  const warnings: string[] = [];
  const known = new Set([...loaded.sources.seeds.map((s) => s.file), ...loaded.sources.bodies]);
  const seen = new Map<string, string>();
  const langsById = new Map<string, Set<string>>();

  for (const entry of loaded.entries) {
    const key = `${entry.id}.${entry.lang}`;
    const first = seen.get(key);
    if (first) errors.push(`${entry.file}: duplicate id+lang ${key} (also in ${first})`);
    else seen.set(key, entry.file);
    langsById.set(entry.id, (langsById.get(entry.id) ?? new Set()).add(entry.lang));

    for (const source of entry.sources) {
      if (!known.has(source)) {
        errors.push(
          `${entry.file}: unknown source "${source}" (not a seed file nor a body in _sources.yaml)`,
        );
      }
    }
    if (entry.body.length === 0) errors.push(`${entry.file}: empty body`);
    if (entry.body.length > MAX_BODY_CHARS) {
      errors.push(`${entry.file}: body is ${entry.body.length} characters (max ${MAX_BODY_CHARS})`);
    }
    if (nowMs - Date.parse(entry.reviewed) > YEAR_MS) {
      warnings.push(`${entry.file}: not reviewed since ${entry.reviewed} (over a year)`);
    }
    if (entry.valid_until && Date.parse(`${entry.valid_until}T23:59:59Z`) < nowMs) {
      warnings.push(`${entry.file}: past its valid_until (${entry.valid_until}), no longer served`);
    }
  }
  for (const [id, langs] of langsById) {
    for (const lang of LANGS) {
      if (!langs.has(lang)) errors.push(`${id}: missing the ${lang} translation (${id}.${lang}.md)`);
    }
  }
  return { errors, warnings, entries: loaded.entries.length };
}
