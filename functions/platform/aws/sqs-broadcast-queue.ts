import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { BroadcastJob, BroadcastQueue } from '../../features/broadcasts/jobs.js';

/**
 * The broadcast queue in AWS: a standard SQS queue apart from the inbound FIFO queue, so replies
 * never wait behind a broadcast. Duplicated deliveries are harmless: every recipient is claimed
 * with a conditional write before the send. Its consumer (`createBroadcastJobHandler`, body read
 * with `decodeBroadcastJob`) should run with reserved concurrency 1, so one process holds the rate
 * limiters; a schedule (EventBridge, every minute) calls `service.runDueBroadcasts()`.
 */
export class SqsBroadcastQueue implements BroadcastQueue {
  constructor(private readonly deps: { client: SQSClient; queueUrl: string }) {}

  async enqueue(job: BroadcastJob): Promise<void> {
    await this.deps.client.send(
      new SendMessageCommand({ QueueUrl: this.deps.queueUrl, MessageBody: JSON.stringify(job) }),
    );
  }
}
