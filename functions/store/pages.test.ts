import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../core/errors.js';
import { queryAll } from './pages.js';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(doc);
const store = { doc, tableName: 't' };

afterEach(() => ddb.reset());

describe('queryAll', () => {
  it('reads every page, passing each LastEvaluatedKey on', async () => {
    // Prepare (the paginator reuses one input object, so the start keys are copied as they are sent)
    const pages = [
      { Items: [{ n: 1 }], LastEvaluatedKey: { PK: 'a' } },
      { Items: [{ n: 2 }], LastEvaluatedKey: { PK: 'b' } },
      { Items: [{ n: 3 }] },
    ];
    const starts: unknown[] = [];
    ddb.on(QueryCommand).callsFake((input) => {
      starts.push(input.ExclusiveStartKey);
      return pages.shift();
    });
    // Act
    const items = await queryAll(store, 'test', { KeyConditionExpression: 'PK = :pk' });
    // Assess
    expect(items).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(starts).toEqual([undefined, { PK: 'a' }, { PK: 'b' }]);
  });

  it('turns a throttled page into StoreUnavailableError', async () => {
    // Prepare
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ n: 1 }], LastEvaluatedKey: { PK: 'a' } })
      .rejectsOnce(throttled);
    // Act + Assess
    await expect(queryAll(store, 'test', {})).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
