import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { ensureTable, indexDefinition, stringAttributes } from '../../functions/store/bootstrap.js';
import { createStore } from '../../functions/store/client.js';
import { GSIS } from '../../functions/store/table-schema.js';

// A DynamoDB Local of its own, as a developer's is: the tests' shared one, full of other tables,
// took over a minute to build a new index in the full run (about a second alone).
let dynamo: DynamoDbLocal;
beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
}, 120_000);
afterAll(() => dynamo?.stop());

describe('ensureTable', { timeout: 90_000 }, () => {
  it('gives a table made by an earlier version the indexes added since', async () => {
    const store = createStore({ tableName: `t-${randomUUID()}`, endpoint: dynamo.endpoint });
    // The table as a version before the newest index made it (a developer's `.data/`).
    const older = GSIS.slice(0, -1);
    await store.doc.send(
      new CreateTableCommand({
        TableName: store.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: stringAttributes([
          'PK',
          'SK',
          ...older.flatMap((g) => [g.partitionKey, g.sortKey]),
        ]),
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: older.map(indexDefinition),
      }),
    );

    await ensureTable(store);
    await ensureTable(store); // again: nothing left to add

    const table = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
    const indexes = table.Table?.GlobalSecondaryIndexes ?? [];
    expect(indexes.map((g) => g.IndexName).sort()).toEqual(GSIS.map((g) => g.indexName).sort());
    expect(indexes.every((g) => g.IndexStatus === 'ACTIVE')).toBe(true);
  });
});
