import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { ensureTable } from '../store/bootstrap.js';
import { createStore } from '../store/client.js';
import { type DynamoDbLocal, JavaMissingError, startDynamoDbLocal } from './dynamodb-local.js';

/**
 * Local mode's store: the configured endpoint if there is one, else an embedded DynamoDB Local,
 * persisted under `.data/` (or in memory) so `npm start` needs nothing installed by hand.
 */
export async function startEmbeddedStore(
  config: Config,
  options: { persist: boolean },
): Promise<{ config: Config; dynamo?: DynamoDbLocal }> {
  // Locally Node 20 is fine; in AWS the functions run on Node 22. Keep the SDK's notice out of the terminal.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let dynamo: DynamoDbLocal | undefined;
  let endpoint = config.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamo = await startDynamoDbLocal({
      lowPriority: true,
      ...(options.persist ? { dbPath: join(process.cwd(), '.data', 'dynamodb') } : {}),
    }).catch((error: unknown) => {
      // `npm start` without Java: one line saying what to install, not a stack trace.
      if (error instanceof JavaMissingError) {
        console.error(error.message);
        process.exit(1);
      }
      throw error;
    });
    endpoint = dynamo.endpoint;
  }
  const withEndpoint = { ...config, DYNAMODB_ENDPOINT: endpoint };
  await ensureTable(createStore({ tableName: config.TABLE_NAME, endpoint, region: config.AWS_REGION }));
  return dynamo ? { config: withEndpoint, dynamo } : { config: withEndpoint };
}
