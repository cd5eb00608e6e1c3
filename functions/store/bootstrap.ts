import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { Store } from './client.js';
import { GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from './table-schema.js';

type Index = (typeof GSIS)[number];

/** An index as the table declares it (every key a string, every attribute projected). */
export const indexDefinition = (gsi: Pick<Index, 'indexName' | 'partitionKey' | 'sortKey'>) => ({
  IndexName: gsi.indexName,
  KeySchema: [
    { AttributeName: gsi.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: gsi.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

export const stringAttributes = (names: string[]) =>
  names.map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));

/** Creates the table (locally and in tests; in AWS the CDK stack owns it). Idempotent. */
export async function ensureTable(store: Store): Promise<void> {
  const attributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const gsi of GSIS) {
    attributes.add(gsi.partitionKey);
    attributes.add(gsi.sortKey);
  }
  try {
    await store.doc.send(
      new CreateTableCommand({
        TableName: store.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: stringAttributes([...attributes]),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: GSIS.map(indexDefinition),
      }),
    );
    await store.doc.send(
      new UpdateTimeToLiveCommand({
        TableName: store.tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await addMissingIndexes(store);
  }
}

/**
 * A table made by an earlier version (a developer's `.data/`) gets the indexes added since, one at
 * a time as DynamoDB requires, each waited for until it serves. The items written before get their
 * index attributes from `npm run migrate:indexes`, which local mode runs at start.
 */
async function addMissingIndexes(store: Store): Promise<void> {
  const described = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const gsi of GSIS.filter((g) => !present.has(g.indexName))) {
    await store.doc.send(
      new UpdateTableCommand({
        TableName: store.tableName,
        AttributeDefinitions: stringAttributes([gsi.partitionKey, gsi.sortKey]),
        GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(gsi) }],
      }),
    );
    for (let i = 0; i < 300; i++) {
      const table = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
      const status = table.Table?.GlobalSecondaryIndexes?.find(
        (g) => g.IndexName === gsi.indexName,
      )?.IndexStatus;
      if (status === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
