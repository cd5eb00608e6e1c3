import { paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { leadKeys } from './keys.js';

export interface HoldsBackfillReport {
  /** Hold items found without the inbox's index attributes. */
  found: number;
  /** Of those, the ones given them now. */
  indexed: number;
  /** Released, or rewritten by another writer, between the scan and the update: left as they are. */
  skipped: number;
}

/**
 * Gives the held conversations written before the holds had an index (PK `CONTACT#…`, SK `HOLD`,
 * no GSI1PK) their place in it, so the inbox lists them. Idempotent: a second run finds nothing.
 * Each update is conditional on the hold still being there, still unindexed and still the one the
 * scan read (same lead, same start): a hold released meanwhile is not brought back, and a newer
 * write is not overwritten; such a hold is skipped, not an error. Scans the whole table (once,
 * after deploying the version that indexes holds).
 */
export async function backfillHolds(store: Store): Promise<HoldsBackfillReport> {
  const report: HoldsBackfillReport = { found: 0, indexed: 0, skipped: 0 };
  const pages = paginateScan(
    { client: store.doc },
    {
      TableName: store.tableName,
      FilterExpression: 'SK = :hold AND attribute_not_exists(GSI1PK)',
      ProjectionExpression: 'PK, SK, #ref, #at',
      ExpressionAttributeNames: { '#ref': 'reference', '#at': 'at' },
      ExpressionAttributeValues: { ':hold': 'HOLD' },
    },
  );
  while (true) {
    const page = await storeCall('backfillHolds:scan', () => pages.next());
    if (page.done) break;
    for (const item of page.value.Items ?? []) {
      report.found++;
      const { reference, at } = item;
      if (typeof reference !== 'string' || typeof at !== 'string') {
        report.skipped++;
        continue;
      }
      const index = leadKeys.holdIndex(at, reference);
      try {
        await storeCall('backfillHolds:update', () =>
          store.doc.send(
            new UpdateCommand({
              TableName: store.tableName,
              Key: { PK: item.PK, SK: item.SK },
              UpdateExpression: 'SET GSI1PK = :pk, GSI1SK = :sk',
              ConditionExpression:
                'attribute_exists(PK) AND attribute_not_exists(GSI1PK) AND #ref = :ref AND #at = :at',
              ExpressionAttributeNames: { '#ref': 'reference', '#at': 'at' },
              ExpressionAttributeValues: {
                ':pk': index.GSI1PK,
                ':sk': index.GSI1SK,
                ':ref': reference,
                ':at': at,
              },
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
