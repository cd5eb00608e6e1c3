import { loadConfig } from '../functions/core/config.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';
import { createStore, type Store } from '../functions/store/client.js';

/**
 * The table `kb:import` and `kb:export` work on: locally DYNAMODB_ENDPOINT, else the embedded store
 * under .data/ (stop `npm start` first, or pass the endpoint it prints); in production the
 * configured table with the AWS credentials.
 */
export async function openKnowledgeStore(): Promise<{
  store: Store;
  config: ReturnType<typeof loadConfig>;
  close: () => Promise<void>;
}> {
  const base = loadConfig();
  const { config, dynamo } =
    base.APP_ENV === 'local'
      ? await startEmbeddedStore(base, { persist: true })
      : { config: base, dynamo: undefined };
  const store = createStore({
    tableName: config.TABLE_NAME,
    endpoint: config.DYNAMODB_ENDPOINT,
    region: config.AWS_REGION,
  });
  return { store, config, close: async () => void (await dynamo?.stop()) };
}
