import { describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import { loadConfig } from '../../core/config.js';
import { shippedArtifact } from '../knowledge/shipped.js';
import { CHUNK_BYTES, packArtifact, putArtifactChunks, readArtifact } from './artifact-store.js';
import { ensureKnowledgeImported } from './import-export.js';
import { createKnowledgeEditing } from './service.js';

describe('the published artifact in the table', { timeout: 60_000 }, () => {
  it('fits today’s base in one gzip item, and splits a larger one across items it reads back whole', async () => {
    // Prepare
    const store = await freshStore();
    const whole = packArtifact(shippedArtifact);
    const split = packArtifact(shippedArtifact, 8_000);
    // Act
    await putArtifactChunks(store, 7, split);
    const back = await readArtifact(store, {
      baseVersion: 7,
      contentHash: shippedArtifact.contentHash,
      chunks: split.chunks.length,
      bytes: split.bytes,
      publishedAt: new Date().toISOString(),
    });
    // Assess
    expect(whole.chunks).toHaveLength(1);
    expect(whole.bytes).toBeLessThan(CHUNK_BYTES);
    expect(split.chunks.length).toBeGreaterThan(3);
    expect(back).toEqual(shippedArtifact);
  });

  it('imports knowledge/ on the first start only', async () => {
    const store = await freshStore();
    const service = createKnowledgeEditing({
      store,
      config: loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName }),
    });
    const options = { dir: 'knowledge', promptsDir: 'prompts', nowMs: Date.now() };
    const first = await ensureKnowledgeImported(service, store, options);
    expect(first?.created.length).toBeGreaterThan(20);
    expect(first?.baseVersion).toBe(1);
    expect(await ensureKnowledgeImported(service, store, options)).toBeUndefined();
  });
});
