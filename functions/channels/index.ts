import type { ChannelAdapter } from '../core/channel.js';
import { telegram } from './telegram/index.js';
import { whatsapp } from './whatsapp/index.js';

/**
 * The channels the product has: a new one is a folder exporting a `ChannelAdapter` (and its
 * `ChannelIntake`, listed in ./intake.ts), plus one line here.
 */
export const CHANNEL_ADAPTERS: readonly ChannelAdapter[] = [whatsapp, telegram];
