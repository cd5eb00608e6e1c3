import type { KnowledgeArtifact } from './artifact.js';
import generated from './index.generated.json' with { type: 'json' };
import { createRetriever, type Retriever } from './retrieval.js';

/**
 * The index built by `npm run kb:build`, bundled with the function: loading it is a JSON parse
 * at import, no file read and no index build at cold start.
 */
export const shippedArtifact = generated as unknown as KnowledgeArtifact;

let retriever: Retriever | undefined;
export function shippedRetriever(): Retriever {
  retriever ??= createRetriever(shippedArtifact);
  return retriever;
}
