import { paginateQuery, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';

export type QueryInput = Omit<QueryCommandInput, 'TableName'>;

/**
 * Every page of a query, through the SDK's own paginator (`paginateQuery`); each page read is
 * wrapped in `storeCall`, so an outage surfaces as `StoreUnavailableError` as for any other call.
 */
export async function* queryPages(
  store: Store,
  operation: string,
  input: QueryInput,
): AsyncGenerator<QueryCommandOutput> {
  const pages = paginateQuery({ client: store.doc }, { TableName: store.tableName, ...input });
  while (true) {
    const next = await storeCall(operation, () => pages.next());
    if (next.done) return;
    yield next.value;
  }
}

/** Every item a query returns, all pages read. */
export async function queryAll(
  store: Store,
  operation: string,
  input: QueryInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(store, operation, input)) items.push(...(page.Items ?? []));
  return items;
}
