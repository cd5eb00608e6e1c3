import { z } from 'zod';
import { AppError } from './errors.js';
import type { QueueCodec } from './queue.js';
import { CHANNELS, groupIdOf, type InboundMessage } from './types.js';

/** A queue body that is not a message of its queue: it can never succeed, the dead-letter queue keeps it. */
export class MalformedQueueMessageError extends AppError {}

const mediaSchema = z.object({
  kind: z.literal('audio'),
  url: z.string().max(2048).optional(),
  fileId: z.string().max(512).optional(),
  contentType: z.string().max(128).optional(),
  durationSec: z.number().nonnegative().optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
});

const inboundSchema = z.object({
  // Checked against the runtime's adapter list in `decodeInbound`.
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
  media: mediaSchema.optional(),
  transcribed: z.boolean().optional(),
  receivedAtMs: z.number(),
});

/**
 * Reads a queue body written by `encode`. `channels` are the ids of the runtime's adapters (the
 * built-in ones by default): a message for a channel this runtime has no adapter for is refused.
 */
export function decodeInbound(body: string, channels: readonly string[] = CHANNELS): InboundMessage {
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
  if (!channels.includes(parsed.data.channel)) {
    throw new MalformedQueueMessageError(`Queue message is for an unknown channel: ${parsed.data.channel}`);
  }
  return parsed.data;
}

/**
 * The inbound queue's messages. Each person is a message group, so their messages are handled one
 * at a time and in order; the deduplication id is the platform's own delivery id, so a webhook
 * retried within SQS's five-minute window is queued once (the worker dedupes beyond that).
 */
export function inboundCodecFor(channels: readonly string[]): QueueCodec<InboundMessage> {
  return {
    encode: (message) => JSON.stringify(message),
    decode: (body) => decodeInbound(body, channels),
    groupId: groupIdOf,
    dedupeId: (message) => `${message.channel}:${message.externalId}`,
    describe: (message) => ({ channel: message.channel, externalId: message.externalId }),
  };
}

/** The codec for the built-in channels; runtimes build theirs from their adapter list. */
export const inboundCodec = inboundCodecFor(CHANNELS);
