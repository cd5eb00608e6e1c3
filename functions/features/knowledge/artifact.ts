import type MiniSearch from 'minisearch';
import type { Entry } from './schema.js';

/** What `npm run kb:build` writes and the function ships: entries, the serialized index, the prompt. */
export interface KnowledgeArtifact {
  format: 1;
  /** Hash of the entries and prompt: the same knowledge always builds the same file (no diff noise). */
  contentHash: string;
  entries: Omit<Entry, 'file'>[];
  /** Seed file name → human title, so an answer names "Programme Compact…", not "001_….txt". */
  sourceTitles: Record<string, string>;
  prompt: { name: string; text: string };
  index: ReturnType<MiniSearch['toJSON']>;
}
