import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import type { KnowledgeArtifact } from '../knowledge/artifact.js';
import { kbKeys } from './keys.js';
import type { PublishedPointer } from './model.js';

/**
 * A DynamoDB item holds at most 400 KB: the gzip of the artifact is cut into chunks below that
 * (today the whole base is ~200 KB of JSON, ~50 KB gzip: one chunk; the split is for growth).
 */
export const CHUNK_BYTES = 350 * 1024;

export interface StoredArtifact {
  chunks: Uint8Array[];
  bytes: number;
}

export function packArtifact(artifact: KnowledgeArtifact, chunkBytes = CHUNK_BYTES): StoredArtifact {
  const gz = gzipSync(JSON.stringify(artifact), { level: 9 });
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < gz.length; at += chunkBytes) chunks.push(gz.subarray(at, at + chunkBytes));
  return { chunks, bytes: gz.length };
}

export function unpackArtifact(chunks: Uint8Array[]): KnowledgeArtifact {
  return JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as KnowledgeArtifact;
}

/** Writes the chunks of a base version (before the pointer names it: a reader never sees half of one). */
export async function putArtifactChunks(store: Store, baseVersion: number, packed: StoredArtifact) {
  for (const [index, data] of packed.chunks.entries()) {
    await storeCall('putArtifactChunk', () =>
      store.doc.send(
        new PutCommand({
          TableName: store.tableName,
          Item: { ...kbKeys.chunk(baseVersion, index), type: 'kbArtifactChunk', data },
        }),
      ),
    );
  }
}

/** The one small read a running function makes every `KB_REFRESH_SECONDS`. */
export async function readPointer(store: Store): Promise<PublishedPointer | undefined> {
  const out = await storeCall('readKnowledgePointer', () =>
    store.doc.send(new GetCommand({ TableName: store.tableName, Key: kbKeys.pointer })),
  );
  if (!out.Item) return undefined;
  const { baseVersion, contentHash, chunks, bytes, publishedAt } = out.Item;
  return { baseVersion, contentHash, chunks, bytes, publishedAt } as PublishedPointer;
}

export async function readArtifact(store: Store, pointer: PublishedPointer): Promise<KnowledgeArtifact> {
  const keys = Array.from({ length: pointer.chunks }, (_, i) => kbKeys.chunk(pointer.baseVersion, i));
  const out = await storeCall('readKnowledgeArtifact', () =>
    store.doc.send(
      new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } } }),
    ),
  );
  const items = out.Responses?.[store.tableName] ?? [];
  if (items.length !== keys.length) {
    throw new Error(`knowledge base ${pointer.baseVersion}: ${items.length} of ${keys.length} chunks read`);
  }
  items.sort((a, b) => String(a.SK).localeCompare(String(b.SK)));
  return unpackArtifact(items.map((i) => i.data as Uint8Array));
}
