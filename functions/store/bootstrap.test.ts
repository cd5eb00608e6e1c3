import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable } from './bootstrap.js';
import { createStore } from './client.js';
import { GSIS } from './table-schema.js';

describe('ensureTable', () => {
  it('gives a table made by an earlier version the indexes added since', async () => {
    const store = createStore({ tableName: `t-${randomUUID()}`, endpoint: inject('dynamoEndpoint') });
    // The table as a version with GSI1 only made it (a developer's `.data/`).
    const [first] = GSIS;
    await store.doc.send(
      new CreateTableCommand({
        TableName: store.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['PK', 'SK', first.partitionKey, first.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: first.indexName,
            KeySchema: [
              { AttributeName: first.partitionKey, KeyType: 'HASH' },
              { AttributeName: first.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
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
