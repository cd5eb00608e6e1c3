import { z } from 'zod';
import { AppError } from './errors.js';
import type { QueueCodec } from './queue.js';
import { groupIdOf, type InboundMessage } from './types.js';

/** A queue body that is not a message of its queue: it can never succeed, the dead-letter queue keeps it. */
export class MalformedQueueMessageError extends AppError {}

const inboundSchema = z.object({
  // Any adapter's id: the adapter list decides which channels exist, not the queue.
  channel: z.string().min(1).max(64),
  userId: z.string().min(1),
  address: z.string().min(1),
  externalId: z.string().min(1),
  kind: z.enum(['text', 'choice', 'media', 'unsupported']),
  text: z.string().optional(),
  choice: z.string().optional(),
  callbackQueryId: z.string().optional(),
  displayName: z.string().optional(),
  langHint: z.string().optional(),
  forwarded: z.boolean().optional(),
  receivedAtMs: z.number(),
});

/** Reads a queue body written by `inboundCodec.encode`. */
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

/**
 * The inbound queue's messages. Each person is a message group, so their messages are handled one
 * at a time and in order; the deduplication id is the platform's own delivery id, so a webhook
 * retried within SQS's five-minute window is queued once (the worker dedupes beyond that).
 */
export const inboundCodec: QueueCodec<InboundMessage> = {
  encode: (message) => JSON.stringify(message),
  decode: decodeInbound,
  groupId: groupIdOf,
  dedupeId: (message) => `${message.channel}:${message.externalId}`,
  describe: (message) => ({ channel: message.channel, externalId: message.externalId }),
};
