import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import matter from 'gray-matter';
import { type Entry, frontMatterSchema, type SourcesFile, sourcesFileSchema } from './schema.js';

/** A file the loader could not turn into an entry, with the reason a curator can act on. */
export interface LoadProblem {
  file: string;
  message: string;
}

export interface LoadedKnowledge {
  entries: Entry[];
  sources: SourcesFile;
  problems: LoadProblem[];
}

const ENTRY_FILE = /^([a-z0-9-]+)\.(fr|en)\.md$/;

/**
 * Reads `knowledge/` (build time only: no request and no cold start reads these files). Every
 * `.md` but README is an entry named `<id>.<lang>.md`; `_sources.yaml` lists what entries may cite.
 */
export async function loadKnowledge(dir: string): Promise<LoadedKnowledge> {
  const problems: LoadProblem[] = [];
  const sources = await loadSources(join(dir, '_sources.yaml'), problems);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md');
  const entries: Entry[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    const naming = ENTRY_FILE.exec(name);
    if (!naming) {
      problems.push({ file: basename(file), message: 'file name must be <id>.<fr|en>.md' });
      continue;
    }
    let parsed: matter.GrayMatterFile<string>;
    try {
      // A fresh options object each time: gray-matter caches by content otherwise.
      parsed = matter(await readFile(file, 'utf8'), {});
    } catch (error) {
      problems.push({
        file: basename(file),
        message: `front matter is not valid YAML: ${(error as Error).message}`,
      });
      continue;
    }
    const front = frontMatterSchema.safeParse(parsed.data);
    if (!front.success) {
      const detail = front.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      problems.push({ file: basename(file), message: `front matter: ${detail.join('; ')}` });
      continue;
    }
    if (front.data.id !== naming[1] || front.data.lang !== naming[2]) {
      problems.push({
        file,
        message: `id/lang (${front.data.id}.${front.data.lang}) do not match the file name`,
      });
      continue;
    }
    entries.push({ ...front.data, body: parsed.content.trim(), file: basename(file) });
  }
  return { entries, sources, problems };
}

async function loadSources(file: string, problems: LoadProblem[]): Promise<SourcesFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    problems.push({
      file: basename(file),
      message: 'missing: every knowledge folder lists its sources in _sources.yaml',
    });
    return { seeds: [], bodies: [] };
  }
  try {
    // gray-matter already bundles a YAML parser; wrapping the file as front matter reuses it.
    const data = matter(`---\n${text}\n---\n`, {}).data;
    const parsed = sourcesFileSchema.safeParse(data);
    if (parsed.success) return parsed.data;
    problems.push({
      file,
      message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  } catch (error) {
    problems.push({ file: basename(file), message: `not valid YAML: ${(error as Error).message}` });
  }
  return { seeds: [], bodies: [] };
}
