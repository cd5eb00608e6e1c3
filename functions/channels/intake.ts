import type { ChannelIntake } from '../core/channel.js';
import { telegramIntake } from './telegram/intake.js';
import { whatsappIntake } from './whatsapp/intake.js';

/**
 * The channels' webhooks, the same channels as ./index.ts in the same order (a test checks it).
 * A list of its own so the API function bundles no send client (its 1 MB budget) and the worker
 * no webhook.
 */
export const CHANNEL_INTAKES: readonly ChannelIntake[] = [whatsappIntake, telegramIntake];
