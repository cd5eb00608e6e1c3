import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../../core/config.js';
import { ConfigError } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import { type BroadcastJob, broadcastJobCodec } from '../../features/broadcasts/jobs.js';
import { consumeSqsBatch, type SqsBatchResponse, type SqsEvent } from '../../platform/aws/sqs-batch.js';
import { SqsQueue } from '../../platform/aws/sqs-queue.js';
import type { Store } from '../../store/client.js';
import { createBroadcasting } from '../broadcasting.js';

export type BroadcastSqsEvent = SqsEvent;

/**
 * Runs a batch of broadcast jobs one after the other (they share the rate limiters) and reports
 * the failed ones, so SQS redelivers only those (`ReportBatchItemFailures`). A redelivered job
 * sends nothing twice: every recipient is claimed before the send.
 */
export function processBroadcastBatch(
  event: BroadcastSqsEvent,
  handle: (job: BroadcastJob) => Promise<void>,
  logger: Logger,
): Promise<SqsBatchResponse> {
  return consumeSqsBatch(event, {
    decode: broadcastJobCodec.decode,
    handle,
    logger,
    groupsAtOnce: 1,
    label: 'broadcast job',
  });
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
    queue: new SqsQueue({ client: deps.sqs, queueUrl, codec: broadcastJobCodec }),
  });
  return {
    service: broadcasting.service,
    consume: (event: BroadcastSqsEvent) => processBroadcastBatch(event, broadcasting.handleJob, deps.logger),
    runDueBroadcasts: () => broadcasting.service.runDueBroadcasts(),
  };
}
