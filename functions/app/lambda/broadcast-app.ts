import { SQSClient } from '@aws-sdk/client-sqs';
import { lambdaBase } from './base.js';
import { createBroadcastFunctions } from './broadcast-functions.js';

/**
 * Broadcasting as its two functions run it: the consumer of the broadcast queue (each job sends one
 * batch and queues the next) and the schedule that starts the broadcasts that are due.
 */
export async function createBroadcastHandlers(env: Record<string, string | undefined>) {
  const { config, logger, store } = await lambdaBase(env);
  const sqs = new SQSClient({ region: config.AWS_REGION, maxAttempts: 3 });
  return createBroadcastFunctions({ config, store, logger, sqs });
}
