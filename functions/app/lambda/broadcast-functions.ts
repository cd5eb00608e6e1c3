import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../../core/config.js';
import { ConfigError } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import { type BroadcastJob, decodeBroadcastJob } from '../../features/broadcasts/jobs.js';
import { SqsBroadcastQueue } from '../../platform/aws/sqs-broadcast-queue.js';
import type { Store } from '../../store/client.js';
import { createBroadcasting } from '../broadcasting.js';

export interface BroadcastSqsEvent {
  Records: { messageId: string; body: string }[];
}

/**
 * Runs a batch of broadcast jobs one after the other (they share the rate limiters) and reports
 * the failed ones, so SQS redelivers only those (`ReportBatchItemFailures`). A redelivered job
 * sends nothing twice: every recipient is claimed before the send.
 */
export async function processBroadcastBatch(
  event: BroadcastSqsEvent,
  handle: (job: BroadcastJob) => Promise<void>,
  logger: Logger,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failures: string[] = [];
  for (const record of event.Records) {
    try {
      await handle(decodeBroadcastJob(record.body));
    } catch (error) {
      logger.warn('broadcast job failed, returned to the queue', { messageId: record.messageId, error });
      failures.push(record.messageId);
    }
  }
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * What the AWS functions need: the broadcast queue consumer (run it with reserved concurrency 1,
 * so one process holds the rate limiters) and `runDueBroadcasts` for a schedule (every minute).
 */
export function createBroadcastFunctions(deps: {
  config: Config;
  store: Store;
  logger: Logger;
  sqs: SQSClient;
}) {
  const queueUrl = deps.config.BROADCAST_QUEUE_URL;
  if (!queueUrl) throw new ConfigError('BROADCAST_QUEUE_URL is required in AWS', ['BROADCAST_QUEUE_URL']);
  const broadcasting = createBroadcasting({
    config: deps.config,
    store: deps.store,
    logger: deps.logger,
    queue: new SqsBroadcastQueue({ client: deps.sqs, queueUrl }),
  });
  return {
    service: broadcasting.service,
    consume: (event: BroadcastSqsEvent) => processBroadcastBatch(event, broadcasting.handleJob, deps.logger),
    runDueBroadcasts: () => broadcasting.service.runDueBroadcasts(),
  };
}
