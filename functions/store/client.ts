import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StoreOptions {
  tableName: string;
  endpoint?: string | undefined;
  region?: string;
  /** Hand a prepared client (tests with aws-sdk-client-mock, or a shared one). */
  client?: DynamoDBDocumentClient;
}

/** The table handle every repository receives. */
export interface Store {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export function createStore(options: StoreOptions): Store {
  if (options.client) return { doc: options.client, tableName: options.tableName };
  const config: DynamoDBClientConfig = {
    region: options.region ?? 'eu-west-1',
    // A webhook must fail fast when the store is down, so the platform retries, rather than hang.
    maxAttempts: 3,
  };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // DynamoDB Local accepts any credentials; fixed ones avoid the provider chain looking for a profile.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const raw = new DynamoDBClient(config);
  // The SDK's logger middleware copies every request and response through its sensitive-data
  // filter to hand them to a logger that is a no-op here (no `logger` is configured): that work
  // served no one, on every store request.
  raw.middlewareStack.remove('loggerMiddleware');
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: options.tableName };
}
