import { beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Store } from '../../store/client.js';
import { shippedArtifact } from '../knowledge/shipped.js';
import { createLiveKnowledge } from './live.js';
import { importedService, officerWith } from './testing.js';

/** The store with its commands counted by name (the pointer read is a GetCommand on KBPUB). */
function counting(store: Store) {
  const calls: string[] = [];
  const send = store.doc.send.bind(store.doc);
  const doc = Object.create(store.doc) as Store['doc'];
  doc.send = ((command: { constructor: { name: string }; input: { Key?: { PK?: string } } }) => {
    calls.push(`${command.constructor.name}:${command.input.Key?.PK ?? ''}`);
    return send(command as never);
  }) as Store['doc']['send'];
  return { store: { ...store, doc }, calls };
}

let store: Store;
beforeAll(async () => {
  store = await freshStore();
  await importedService(store);
}, 60_000);

describe('the live knowledge base in a running function', { timeout: 60_000 }, () => {
  it('reads nothing at cold start, then one small item per interval however many turns, and swaps on a publish', async () => {
    // Prepare
    let nowMs = 1_000_000;
    const { store: counted, calls } = counting(store);
    const live = createLiveKnowledge({ store: counted, refreshSeconds: 30, graceDays: 14, now: () => nowMs });

    // Act: 50 turns in the first 30 s, then 50 more
    const turn = (stepMs: number) => {
      nowMs += stepMs;
      return live.current(nowMs);
    };
    for (let i = 0; i < 50; i++) await turn(500);
    const first = [...calls];
    for (let i = 0; i < 50; i++) await turn(500);

    // Assess: no read before the first interval; one pointer read after it (same hash: no load)
    expect(first).toEqual([]);
    expect(calls).toEqual(['GetCommand:KBPUB']);
    expect(live.contentHash()).toBe(shippedArtifact.contentHash);
    expect(live.baseVersion()).toBe(1);

    // A publish elsewhere: the next check loads it (pointer + chunks), and the base is swapped
    const { service } = await importedService(store);
    const [ama, kofi] = await Promise.all([
      officerWith(store, 'officer', true),
      officerWith(store, 'officer', true),
    ]);
    const fr = (await service.get('lead-status')).latest.docs.fr!;
    await service.saveDraft(ama, 'lead-status', {
      lang: 'fr',
      title: fr.title,
      body: `${fr.body}\n\nPhrase publiée pour le test de rechargement.`,
      questions: fr.questions ?? [],
      sources: fr.sources,
      ownerDesk: fr.desk,
    });
    await service.publish(kofi, 'lead-status');
    const before = await live.current(nowMs);
    calls.length = 0;
    const after = await turn(30_000);
    expect(calls).toEqual(['GetCommand:KBPUB', 'BatchGetCommand:']);
    expect(after).not.toBe(before);
    expect(after.entries.find((e) => e.id === 'lead-status' && e.lang === 'fr')?.body).toContain(
      'Phrase publiée pour le test de rechargement.',
    );
    expect(live.baseVersion()).toBe(2);
  });

  it('keeps serving the current base when the store is down', async () => {
    const broken = {
      ...store,
      doc: { send: async () => Promise.reject(new Error('down')) },
    } as unknown as Store;
    const live = createLiveKnowledge({ store: broken, refreshSeconds: 0, graceDays: 0 });
    const served = await live.current(Date.now());
    expect(served.contentHash).toBe(shippedArtifact.contentHash);
  });
});
