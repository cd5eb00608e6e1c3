import type { InboundMessage } from './types.js';

/** A queue of messages of type `T`: SQS in AWS (`platform/aws/sqs-queue.ts`), memory in local mode. */
export interface Queue<T> {
  enqueue(message: T): Promise<void>;
}

/**
 * How a queue's messages travel, given by the caller that owns their type: the body, the FIFO
 * group (messages of one group are handled one at a time, in order) and the deduplication id.
 */
export interface QueueCodec<T> {
  encode(message: T): string;
  /** Reads a body written by `encode`; throws (a `MalformedQueueMessageError`) on anything else. */
  decode(body: string): T;
  /** FIFO queues only: messages with the same group id are handled in order, one at a time. */
  groupId?(message: T): string;
  /** FIFO queues only: a second message with the same id within five minutes is dropped. */
  dedupeId?(message: T): string;
  /** Log fields naming a message without personal data (dead letters, failures). */
  describe?(message: T): Record<string, unknown>;
}

/** Where webhooks put inbound messages: SQS FIFO in AWS, `MemoryQueue` in local mode. */
export type InboundQueue = Queue<InboundMessage>;
