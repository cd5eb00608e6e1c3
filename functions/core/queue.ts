import type { InboundMessage } from './types.js';

/** Where webhooks put inbound messages: SQS FIFO in AWS, `MemoryQueue` in local mode. */
export interface InboundQueue {
  enqueue(message: InboundMessage): Promise<void>;
}
