import type { KnowledgeArtifact } from './artifact.js';

/**
 * Where the knowledge capability gets the base it answers from. By default the index bundled at
 * build time; the composition root may pass a live source (features/knowledge-editing/live.ts)
 * that starts from the bundled index and swaps in a newer published base when there is one.
 * `current` must be cheap: a cached value, at most one small read when a check is due.
 */
export interface KnowledgeSource {
  current(nowMs: number): Promise<KnowledgeArtifact>;
}
