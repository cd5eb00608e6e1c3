import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { Store } from './client.js';

/** True when the store answers within `timeoutMs`; used by `/health`. */
export async function storeAnswers(store: Store, timeoutMs = 1000): Promise<boolean> {
  try {
    await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return true;
  } catch {
    return false;
  }
}
