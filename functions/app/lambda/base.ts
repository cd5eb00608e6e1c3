import { type Config, loadConfig } from '../../core/config.js';
import { createLogger, type Logger } from '../../core/logger.js';
import { envWithSecrets, type SecretEnvOptions } from '../../platform/aws/secrets.js';
import { createStore, type Store } from '../../store/client.js';

export interface LambdaBase {
  config: Config;
  logger: Logger;
  store: Store;
}

/**
 * What every function starts from: configuration from the environment with the secret merged over
 * it (read once per container), the logger and the table. Nothing here starts DynamoDB Local.
 */
export async function lambdaBase(
  env: Record<string, string | undefined>,
  options: SecretEnvOptions = {},
): Promise<LambdaBase> {
  const config = loadConfig(await envWithSecrets(env, options));
  const logger = createLogger(config.LOG_LEVEL);
  const store = createStore({
    tableName: config.TABLE_NAME,
    endpoint: config.DYNAMODB_ENDPOINT,
    region: config.AWS_REGION,
  });
  return { config, logger, store };
}
