import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { InboundQueue } from '../../core/queue.js';
import { CHANNELS, groupIdOf, type InboundMessage } from '../../core/types.js';

/** SQS limits group and deduplication ids to 128 characters. */
const MAX_ID = 128;

/** Keeps an id within SQS's limit; a longer one is replaced by its hash, still unique and stable. */
export function sqsId(value: string): string {
  return value.length <= MAX_ID ? value : createHash('sha256').update(value).digest('hex');
}

/**
 * The inbound FIFO queue in AWS. Each person is a message group, so their messages are handled one
 * at a time and in order; the deduplication id is the platform's own delivery id, so a webhook
 * retried within SQS's five-minute window is queued once (the worker dedupes beyond that).
 */
export class SqsInboundQueue implements InboundQueue {
  constructor(private readonly deps: { client: SQSClient; queueUrl: string }) {}

  async enqueue(message: InboundMessage): Promise<void> {
    await this.deps.client.send(
      new SendMessageCommand({
        QueueUrl: this.deps.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: sqsId(groupIdOf(message)),
        MessageDeduplicationId: sqsId(`${message.channel}:${message.externalId}`),
      }),
    );
  }
}

/** A queue body that is not an inbound message: it can never succeed, the dead-letter queue keeps it. */
export class MalformedQueueMessageError extends AppError {}

const inboundSchema = z.object({
  channel: z.enum(CHANNELS),
  userId: z.string().min(1),
  address: z.string().min(1),
  externalId: z.string().min(1),
  kind: z.enum(['text', 'choice', 'media', 'unsupported']),
  text: z.string().optional(),
  choice: z.string().optional(),
  callbackQueryId: z.string().optional(),
  displayName: z.string().optional(),
  langHint: z.string().optional(),
  receivedAtMs: z.number(),
});

/** Reads a queue body written by `SqsInboundQueue`. */
export function decodeInbound(body: string): InboundMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new MalformedQueueMessageError('Queue message body is not JSON', { cause: error });
  }
  const parsed = inboundSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedQueueMessageError(`Queue message is not an inbound message: ${parsed.error.message}`);
  }
  return parsed.data;
}
