import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import type { Officer } from '../../console/officers/repository.js';
import type { Reply, Senders } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { gapItem, newGap } from '../knowledge/gaps.js';
import { createRetriever } from '../knowledge/retrieval.js';
import { loadRoutingTable } from '../leads/routing/routing.js';
import { readArtifact, readPointer } from './artifact-store.js';
import { withGrace } from './expiry.js';
import { createKnowledgeEditing, type KnowledgeEditingService } from './service.js';
import { importedService, officerWith } from './testing.js';

const DAY_MS = 24 * 3600 * 1000;
let store: Store;
let service: KnowledgeEditingService;
let ama: Officer;
let kofi: Officer;

async function askedAt(question: string, atMs: number, id: string) {
  const gap = newGap(question, { lang: 'fr', channel: 'whatsapp', reason: 'no-match', nearest: [], atMs });
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: gapItem(gap, id) }));
  return gap.normalized;
}

beforeAll(async () => {
  store = await freshStore();
  ({ service } = await importedService(store));
  [ama, kofi] = await Promise.all([officerWith(store, 'officer', true), officerWith(store, 'officer', true)]);
}, 60_000);

describe('from the gap report to a published answer', { timeout: 60_000 }, () => {
  it('attaches a gap to an entry as a new way of asking; publishing resolves it, with the time it took', async () => {
    // Prepare: a question asked twice, the first time three hours ago
    const now = Date.now();
    const normalized = await askedAt(
      'Comment placer mon argent dans une ferme au pays ?',
      now - 3 * 3600_000,
      'g1',
    );
    await askedAt('comment placer mon argent dans une ferme au pays', now - 3600_000, 'g2');
    expect((await service.openGaps()).find((g) => g.normalized === normalized)).toMatchObject({ count: 2 });

    // Act: "Répondre" → attach to invest-in-togo, then a second editor publishes
    const version = await service.attachGap(ama, normalized, 'invest-in-togo');
    // The report shows the most recent wording; that one becomes the new way of asking.
    expect(version.docs.fr?.questions).toContain('comment placer mon argent dans une ferme au pays');
    expect((await service.openGaps()).some((g) => g.normalized === normalized)).toBe(false);
    const result = await service.publish(kofi, 'invest-in-togo');

    // Assess
    expect(result.gapsResolved).toBe(1);
    const stats = await service.gapStats();
    expect(stats.resolved).toBe(1);
    expect(stats.medianHoursToResolve).toBeGreaterThanOrEqual(2.9);
    expect(stats.medianHoursToResolve).toBeLessThan(3.5);
  });

  it('starts a new draft from a gap, and ignores another', async () => {
    const asked = await askedAt('Y a-t-il un club de lecture de la diaspora ?', Date.now() - 60_000, 'g3');
    const ignored = await askedAt('blabla test', Date.now() - 60_000, 'g4');
    const draft = await service.draftFromGap(ama, asked, 'reading-club', {
      lang: 'fr',
      title: 'Club de lecture de la diaspora',
      body: 'Brouillon.',
      questions: [],
      sources: ['Ambassades et consulats du Togo'],
      ownerDesk: 'togolese-abroad',
    });
    expect(draft.version).toBe(1);
    expect(draft.docs.fr?.questions).toEqual(['Y a-t-il un club de lecture de la diaspora ?']);
    await service.ignoreGap(kofi, ignored);
    const open = (await service.openGaps()).map((g) => g.normalized);
    expect(open).not.toContain(asked);
    expect(open).not.toContain(ignored);
    expect(await service.gapStats()).toMatchObject({ pending: 1, ignored: 1 });
    await expect(service.ignoreGap(kofi, 'never asked')).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('expiry', { timeout: 60_000 }, () => {
  it('tells the owner desk once, serves through the grace period, then declines', async () => {
    // Prepare: an entry whose valid-until passed 3 days ago, published
    const sent: { to: string; reply: Reply }[] = [];
    const telegram = { send: async (to: string, reply: Reply) => void sent.push({ to, reply }) };
    const notifier = createKnowledgeEditing({
      store,
      config: {
        ONE_PERSON_PUBLISH: false,
        KB_EXPIRY_GRACE_DAYS: 14,
        PUBLIC_URL: 'https://assistant.example.test',
        DESK_TELEGRAM_CHAT_IDS: undefined,
      },
      senders: { telegram, whatsapp: telegram } as unknown as Senders,
      routing: loadRoutingTable(undefined, 'digital-economy=-100555'),
    });
    const past = new Date(Date.now() - 3 * DAY_MS).toISOString().slice(0, 10);
    const detail = await service.get('digital-skills-training');
    const fr = detail.latest.docs.fr!;
    await service.saveDraft(ama, 'digital-skills-training', {
      lang: 'fr',
      title: fr.title,
      body: fr.body,
      questions: fr.questions ?? [],
      sources: fr.sources,
      ownerDesk: 'digital-economy',
      validUntil: past,
    });
    await service.publish(kofi, 'digital-skills-training');

    // Act: two passes of the expiry check
    const first = await notifier.notifyExpired();
    const second = await notifier.notifyExpired();

    // Assess: one notice, in French, to the desk's group
    expect(first.map((r) => r.id)).toEqual(['digital-skills-training']);
    expect(second).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('-100555');
    expect(sent[0]?.reply.text).toContain('n’est plus valable depuis le');
    expect(sent[0]?.reply.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const row = (await service.expiryList()).find((r) => r.id === 'digital-skills-training');
    expect(row).toMatchObject({ expiry: 'grace', validUntil: past });
    expect((await service.list()).find((e) => e.id === 'digital-skills-training')?.expiry).toBe('grace');

    // Served during the grace period, not after it (the base as every function serves it)
    const artifact = await readArtifact(store, (await readPointer(store))!);
    const served = createRetriever(withGrace(artifact, 14));
    const question = { lang: 'fr' as const, nowMs: Date.now() };
    expect(served.search('formation aux compétences numériques', question).best?.id).toBe(
      'digital-skills-training',
    );
    const later = { ...question, nowMs: Date.now() + 12 * DAY_MS };
    expect(served.search('formation aux compétences numériques', later).best?.id).not.toBe(
      'digital-skills-training',
    );
  });
});
