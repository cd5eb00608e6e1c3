import { randomUUID } from 'node:crypto';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../functions/store/bootstrap.js';
import { createStore, type Store } from '../../functions/store/client.js';

/** A fresh table in the shared DynamoDB Local, so test files never see each other's data. */
export async function freshStore(endpoint: string = inject('dynamoEndpoint')): Promise<Store> {
  const store = createStore({ tableName: `t-${randomUUID()}`, endpoint });
  await ensureTable(store);
  return store;
}

/** Every item of the store's table, all pages read (the SDK's own paginator). */
export async function scanTable(store: Store): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client: store.doc }, { TableName: store.tableName })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}
