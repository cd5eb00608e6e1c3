import { SQSClient } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import { CHANNEL_INTAKES } from '../../channels/intake.js';
import { ConfigError } from '../../core/config.js';
import { inboundCodecFor } from '../../core/inbound-codec.js';
import { SqsQueue } from '../../platform/aws/sqs-queue.js';
import { createApp } from '../http.js';
import { lambdaBase } from './base.js';

/**
 * The Hono app as the API function runs it: webhooks queue to SQS FIFO, the worker function does
 * the rest. Only what a webhook needs is imported here (no engine, no twilio REST client, no openai).
 */
export async function createApiApp(env: Record<string, string | undefined>): Promise<Hono> {
  const { config, logger, store } = await lambdaBase(env);
  if (!config.INBOUND_QUEUE_URL) {
    throw new ConfigError('INBOUND_QUEUE_URL is required in the API function', ['INBOUND_QUEUE_URL']);
  }
  const queue = new SqsQueue({
    codec: inboundCodecFor(CHANNEL_INTAKES.map((i) => i.id)),
    client: new SQSClient({ region: config.AWS_REGION, maxAttempts: 3 }),
    queueUrl: config.INBOUND_QUEUE_URL,
  });
  // The channels' webhooks (channels/intake.ts), not their adapters: no send client in this bundle.
  return createApp({ config, store, queue, logger });
}
