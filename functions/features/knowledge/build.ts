import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { KnowledgeArtifact } from './artifact.js';
import type { LoadedKnowledge } from './loader.js';
import type { Entry } from './schema.js';
import { buildSearchIndex } from './search-index.js';

export const PROMPT_NAME = 'answer.v2';

/** Builds the shippable artifact from loaded entries (the checker has passed already). */
export function buildArtifact(
  loaded: Pick<LoadedKnowledge, 'entries' | 'sources'>,
  prompt: string,
): KnowledgeArtifact {
  const entries = loaded.entries.map(({ file: _file, ...entry }) => entry);
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ entries, prompt }))
    .digest('hex')
    .slice(0, 16);
  return {
    format: 1,
    contentHash,
    entries,
    sourceTitles: Object.fromEntries(loaded.sources.seeds.map((s) => [s.file, s.title])),
    prompt: { name: PROMPT_NAME, text: prompt },
    index: buildSearchIndex(entries as Entry[]).toJSON(),
  };
}

export async function readPrompt(promptsDir: string): Promise<string> {
  return readFile(`${promptsDir}/${PROMPT_NAME}.md`, 'utf8');
}
