import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../functions/store/bootstrap.js';
import { createStore, type Store } from '../../functions/store/client.js';

/** A fresh table in the shared DynamoDB Local, so test files never see each other's data. */
export async function freshStore(endpoint: string = inject('dynamoEndpoint')): Promise<Store> {
  const store = createStore({ tableName: `t-${randomUUID()}`, endpoint });
  await ensureTable(store);
  return store;
}
