import { paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { isConditionFailure, storeCall } from './dynamo-errors.js';

export interface BackfillReport {
  /** Items found without the index's attributes. */
  found: number;
  /** Of those, the ones given them now. */
  indexed: number;
  /** Removed, or rewritten by another writer, between the scan and the update: left as they are. */
  skipped: number;
}

export interface IndexBackfill {
  /** For the store's error messages ("backfillHolds"). */
  name: string;
  /** The index's partition-key attribute the items lack (`GSI1PK`). */
  indexKey: string;
  /** Which items belong in the index (a filter on the scan, `attribute_not_exists(indexKey)` added). */
  filter: { expression: string; values: Record<string, unknown> };
  /** The attributes `keysFor` needs. */
  reads: string[];
  /**
   * The index attributes of an item, and the attributes it must still hold when it is updated (the
   * values the keys were built from); undefined when the item cannot be placed (skipped).
   */
  keysFor(
    item: Record<string, unknown>,
  ): { keys: Record<string, string>; unchanged: Record<string, string> } | undefined;
}

/**
 * Gives the items written before an index existed their place in it. Idempotent: a second run finds
 * nothing. Each update is conditional on the item still being there, still unindexed, and still
 * holding the values its keys were built from: an item removed meanwhile is not brought back, a newer
 * write is not overwritten, and such an item is skipped, not an error. Scans the whole table (once,
 * after deploying the version that writes the index).
 */
export async function backfillIndex(store: Store, spec: IndexBackfill): Promise<BackfillReport> {
  const report: BackfillReport = { found: 0, indexed: 0, skipped: 0 };
  const names = Object.fromEntries([spec.indexKey, ...spec.reads].map((a, i) => [`#a${i}`, a]));
  const alias = Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k]));
  const pages = paginateScan(
    { client: store.doc },
    {
      TableName: store.tableName,
      FilterExpression: `(${spec.filter.expression}) AND attribute_not_exists(${alias[spec.indexKey]})`,
      ProjectionExpression: ['PK', 'SK', ...spec.reads.map((a) => alias[a])].join(', '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: spec.filter.values,
    },
  );
  while (true) {
    const page = await storeCall(`${spec.name}:scan`, () => pages.next());
    if (page.done) break;
    for (const item of page.value.Items ?? []) {
      report.found++;
      const placed = spec.keysFor(item);
      if (!placed) {
        report.skipped++;
        continue;
      }
      const set = Object.entries(placed.keys);
      const kept = Object.entries(placed.unchanged);
      const updateNames: Record<string, string> = { '#index': spec.indexKey };
      const values: Record<string, string> = {};
      set.forEach(([attribute, value], i) => {
        updateNames[`#k${i}`] = attribute;
        values[`:k${i}`] = value;
      });
      kept.forEach(([attribute, value], i) => {
        updateNames[`#u${i}`] = attribute;
        values[`:u${i}`] = value;
      });
      try {
        await storeCall(`${spec.name}:update`, () =>
          store.doc.send(
            new UpdateCommand({
              TableName: store.tableName,
              Key: { PK: item.PK, SK: item.SK },
              UpdateExpression: `SET ${set.map((_, i) => `#k${i} = :k${i}`).join(', ')}`,
              ConditionExpression: [
                'attribute_exists(PK)',
                'attribute_not_exists(#index)',
                ...kept.map((_, i) => `#u${i} = :u${i}`),
              ].join(' AND '),
              ExpressionAttributeNames: updateNames,
              ExpressionAttributeValues: values,
            }),
          ),
        );
        report.indexed++;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        report.skipped++;
      }
    }
  }
  return report;
}
