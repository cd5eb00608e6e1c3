import { z } from 'zod';
import { AppError, ERROR_KIND } from '../../core/errors.js';
import type { Channel, Lang } from '../../core/types.js';
import { TOPICS } from '../subscriptions/topics.js';

export const BROADCAST_STATUS = {
  scheduled: 'scheduled',
  sending: 'sending',
  done: 'done',
} as const;
export type BroadcastStatus = (typeof BROADCAST_STATUS)[keyof typeof BROADCAST_STATUS];

/**
 * One recipient's delivery. `sending` is written (conditionally) before the platform call, so a
 * retry never sends twice; a `sending` left by a crash becomes `unknown` on resume and is not
 * sent again (it may have gone out).
 */
export const DELIVERY_STATUS = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  blocked: 'blocked',
  skipped: 'skipped',
  unknown: 'unknown',
} as const;
export type DeliveryStatus = (typeof DELIVERY_STATUS)[keyof typeof DELIVERY_STATUS];
export const FINAL_STATUSES = ['sent', 'failed', 'blocked', 'skipped', 'unknown'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** Twilio Content SIDs (approved templates) look like HX + 32 hex digits. */
export const CONTENT_SID = /^HX[0-9a-f]{32}$/i;

const text = z.string().trim().max(1500).optional();

export const broadcastInputSchema = z
  .object({
    topic: z.string().refine((id) => TOPICS.some((t) => t.id === id), 'unknown topic'),
    texts: z.object({ fr: text, en: text }),
    /** ISO 3166-1 alpha-2; subscribers whose country is unknown are left out when set. */
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'two-letter country code')
      .optional(),
    /** For WhatsApp subscribers outside the 24-hour window: only an approved template may go. */
    whatsappTemplate: z
      .object({
        contentSid: z.string().regex(CONTENT_SID, 'a Twilio Content SID (HX…)'),
        variables: z.record(z.string(), z.string().max(500)).default({}),
        /** The approved text with {{1}} placeholders, for the preview and the local outbox. */
        preview: z.string().max(1500).optional(),
      })
      .optional(),
    /** Send at this time (ISO); now when absent or past. */
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => Boolean(b.texts.fr || b.texts.en), {
    message: 'a French or an English text is required',
    path: ['texts'],
  });
export type BroadcastInput = z.input<typeof broadcastInputSchema>;
export type BroadcastSpec = z.output<typeof broadcastInputSchema>;

export interface BroadcastCounts {
  total: number;
  sent: number;
  failed: number;
  blocked: number;
  skipped: number;
  unknown: number;
}

export interface Broadcast extends BroadcastCounts {
  id: string;
  topic: string;
  texts: { fr?: string | undefined; en?: string | undefined };
  country?: string | undefined;
  whatsappTemplate?: BroadcastSpec['whatsappTemplate'];
  status: BroadcastStatus;
  sendAt: string;
  createdAt: string;
  createdBy: string;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  /** Every subscriber has a delivery record and a batch on the queue. */
  fannedOut: boolean;
}

export interface Delivery {
  broadcastId: string;
  channel: Channel;
  userId: string;
  address: string;
  status: DeliveryStatus;
  reason?: string | undefined;
  lang?: Lang | undefined;
  via?: 'text' | 'template' | undefined;
  queuedAt: string;
  claimedAt?: string | undefined;
  doneAt?: string | undefined;
}

/** The text a subscriber receives: their language, else the other one. */
export function textFor(broadcast: Pick<Broadcast, 'texts'>, lang: Lang): { text: string; lang: Lang } {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const mine = broadcast.texts[lang];
  if (mine) return { text: mine, lang };
  return { text: broadcast.texts[other] ?? '', lang: other };
}

export class BroadcastError extends AppError {}
/** Only supervisors send broadcasts. */
export class BroadcastForbiddenError extends BroadcastError {
  constructor(message: string) {
    super(message, { kind: ERROR_KIND.forbidden });
  }
}
export class BroadcastNotFoundError extends BroadcastError {
  constructor(message: string) {
    super(message, { kind: ERROR_KIND.notFound });
  }
}
export class BroadcastInputError extends BroadcastError {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message, { kind: ERROR_KIND.invalid });
  }
}
