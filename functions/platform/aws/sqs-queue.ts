import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Queue, QueueCodec } from '../../core/queue.js';

/** SQS limits group and deduplication ids to 128 characters. */
const MAX_ID = 128;

/** Keeps an id within SQS's limit; a longer one is replaced by its hash, still unique and stable. */
export function sqsId(value: string): string {
  return value.length <= MAX_ID ? value : createHash('sha256').update(value).digest('hex');
}

/**
 * A queue in AWS. With a codec that gives group and deduplication ids it is a FIFO queue (the
 * inbound one: each person a group); without, a standard queue (the broadcast one, whose
 * duplicated deliveries are harmless because every recipient is claimed before the send).
 */
export class SqsQueue<T> implements Queue<T> {
  constructor(private readonly deps: { client: SQSClient; queueUrl: string; codec: QueueCodec<T> }) {}

  async enqueue(message: T): Promise<void> {
    const { codec } = this.deps;
    const groupId = codec.groupId?.(message);
    const dedupeId = codec.dedupeId?.(message);
    await this.deps.client.send(
      new SendMessageCommand({
        QueueUrl: this.deps.queueUrl,
        MessageBody: codec.encode(message),
        ...(groupId === undefined ? {} : { MessageGroupId: sqsId(groupId) }),
        ...(dedupeId === undefined ? {} : { MessageDeduplicationId: sqsId(dedupeId) }),
      }),
    );
  }
}
