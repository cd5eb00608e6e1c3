import { SQSClient } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import { CHANNEL_ADAPTERS } from '../../channels/index.js';
import { channelDirectory } from '../../core/channel.js';
import { mountOfficerRoutes } from '../console-routes.js';
import { createApp } from '../http.js';
import { createSenders } from '../senders.js';
import { lambdaBase } from './base.js';
import { createBroadcastFunctions } from './broadcast-functions.js';

/**
 * The officers' console and JSON API as their own function, behind the same HTTP API
 * (`/console/*`, `/api/*`). It needs the channel clients (replies to citizens) and the broadcast
 * queue; keeping them out of the webhook function keeps that one small and its cold start short.
 */
export async function createConsoleApp(env: Record<string, string | undefined>): Promise<Hono> {
  const { config, logger, store } = await lambdaBase(env);
  const senders = createSenders(config, store);
  const { service } = createBroadcastFunctions({
    config,
    store,
    logger,
    sqs: new SQSClient({ region: config.AWS_REGION, maxAttempts: 3 }),
  });
  return createApp({
    config,
    store,
    logger,
    mount: mountOfficerRoutes(
      { config, store, senders, channels: channelDirectory(CHANNEL_ADAPTERS), logger },
      service,
    ),
  });
}
