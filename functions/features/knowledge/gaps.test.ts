import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import { GAP_TTL_SEC, gapItem, listKnowledgeGaps, newGap } from './gaps.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('knowledge-gap report', () => {
  it('groups unanswered questions by normalized wording, most frequent first, ignoring expired ones', async () => {
    const store = await freshStore();
    const asked = [
      ['Quel temps fait-il à Lomé ?', 'fr', NOW - 3000],
      ['quel temps fait il a lome', 'fr', NOW - 2000],
      ['Quel TEMPS fait-il à LOMÉ', 'fr', NOW - 1000],
      ['visa for Ghana', 'en', NOW - 500],
      ['visa for ghana?', 'fr', NOW - 400],
      ['horaires du stade', 'fr', NOW - 100],
    ] as const;
    const items = asked.map(([q, lang, atMs], i) =>
      gapItem(newGap(q, { lang, channel: 'telegram', reason: 'no-match', nearest: [], atMs }), `g${i}`),
    );
    // Expired by TTL but not yet deleted by DynamoDB: must not be counted.
    const stale = gapItem(
      newGap('horaires du stade', {
        lang: 'fr',
        channel: 'telegram',
        reason: 'no-match',
        nearest: [],
        atMs: NOW,
      }),
      'stale',
    );
    items.push({ ...stale, expiresAtSec: Math.floor(NOW / 1000) - 10 });
    for (const Item of items) await store.doc.send(new PutCommand({ TableName: store.tableName, Item }));

    const gaps = await listKnowledgeGaps(store, { nowMs: NOW });

    expect(gaps.map((g) => [g.count, g.example])).toEqual([
      [3, 'Quel TEMPS fait-il à LOMÉ'],
      [2, 'visa for ghana?'],
      [1, 'horaires du stade'],
    ]);
    expect(gaps[1]!.langs.sort()).toEqual(['en', 'fr']);
    expect(items[0]!.expiresAtSec).toBe(Math.floor((NOW - 3000) / 1000) + GAP_TTL_SEC);
    expect(items[0]).not.toHaveProperty('userId');
  });
});
