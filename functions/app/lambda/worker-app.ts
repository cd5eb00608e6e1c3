import { CHANNEL_ADAPTERS } from '../../channels/index.js';
import { channelDirectory } from '../../core/channel.js';
import { inboundCodecFor } from '../../core/inbound-codec.js';
import { processSqsBatch, type SqsBatchResponse, type SqsEvent } from '../../platform/aws/sqs-batch.js';
import { createInboundHandler } from '../../worker/process-inbound.js';
import { buildEngine } from '../engine.js';
import { createSenders } from '../senders.js';
import { buildVoice } from '../voice.js';
import { lambdaBase } from './base.js';

/** The worker as its function runs it: each queued message through the same handler local mode uses. */
export async function createWorker(
  env: Record<string, string | undefined>,
): Promise<(event: SqsEvent) => Promise<SqsBatchResponse>> {
  const { config, logger, store } = await lambdaBase(env);
  const senders = createSenders(config, store);
  const engine = buildEngine({ config, store, logger, senders });
  const voice = buildVoice(config, CHANNEL_ADAPTERS, logger);
  const handleInbound = createInboundHandler({
    store,
    engine,
    senders,
    logger,
    voice,
    channels: channelDirectory(CHANNEL_ADAPTERS),
  });
  const codec = inboundCodecFor(CHANNEL_ADAPTERS.map((a) => a.id));
  return (event) => processSqsBatch(event, handleInbound, logger, codec);
}
