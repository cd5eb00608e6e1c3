import { randomUUID } from 'node:crypto';
import type { ChannelDirectory } from '../../core/channel.js';
import type { Logger } from '../../core/logger.js';
import type { Channel } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { appendAudit } from '../leads/audit.js';
import { listTopicSubscribers } from '../subscriptions/repository.js';
import type { BroadcastQueue } from './jobs.js';
import {
  type Broadcast,
  BroadcastForbiddenError,
  type BroadcastInput,
  BroadcastInputError,
  BroadcastNotFoundError,
  broadcastInputSchema,
  type DeliveryStatus,
} from './model.js';
import {
  broadcastAuditRef,
  dueBroadcastIds,
  forEachDelivery,
  getBroadcast,
  insertBroadcast,
  listBroadcasts,
  markStarted,
  markUnknown,
  sendingBroadcastIds,
  setCounts,
} from './repository.js';

/** Who asks; only a supervisor may send (the console passes the signed-in officer). */
export interface Actor {
  id: string;
  role: string;
}

export interface BroadcastServiceDeps {
  store: Store;
  queue: BroadcastQueue;
  logger: Logger;
  /** The channels, for the report's and the audience's per-channel columns. */
  channels: ChannelDirectory;
  now?: () => number;
}

export interface BroadcastReport {
  broadcast: Broadcast;
  byStatus: Record<DeliveryStatus, number>;
  byChannel: Record<Channel, Partial<Record<DeliveryStatus, number>>>;
  /** Failure and skip reasons with their counts, most frequent first. */
  reasons: { status: DeliveryStatus; reason: string; count: number }[];
}

export function createBroadcastService(deps: BroadcastServiceDeps) {
  const now = deps.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();

  async function start(id: string): Promise<boolean> {
    if (!(await markStarted(deps.store, id, iso()))) return false;
    await deps.queue.enqueue({ kind: 'fanout', broadcastId: id });
    deps.logger.info('broadcast started', { broadcastId: id });
    return true;
  }

  return {
    /**
     * Validates and stores a broadcast with its audit entry, then starts it now or leaves it for
     * `runDueBroadcasts` at its time. Only supervisors may send.
     */
    async create(actor: Actor, input: BroadcastInput): Promise<Broadcast> {
      if (actor.role !== 'supervisor')
        throw new BroadcastForbiddenError('Only supervisors may send broadcasts');
      const parsed = broadcastInputSchema.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'broadcast'}: ${i.message}`);
        throw new BroadcastInputError(`Invalid broadcast: ${issues.join('; ')}`, issues);
      }
      const spec = parsed.data;
      const createdAt = iso();
      const sendAt =
        spec.sendAt && Date.parse(spec.sendAt) > now() ? new Date(spec.sendAt).toISOString() : createdAt;
      const broadcast: Broadcast = {
        id: randomUUID(),
        topic: spec.topic,
        texts: { fr: spec.texts.fr || undefined, en: spec.texts.en || undefined },
        country: spec.country,
        whatsappTemplate: spec.whatsappTemplate,
        status: 'scheduled',
        sendAt,
        createdAt,
        createdBy: actor.id,
        fannedOut: false,
        total: 0,
        sent: 0,
        failed: 0,
        blocked: 0,
        skipped: 0,
        unknown: 0,
      };
      await insertBroadcast(deps.store, broadcast);
      if (sendAt <= createdAt) await start(broadcast.id);
      return (await getBroadcast(deps.store, broadcast.id)) ?? broadcast;
    },

    /** Starts every scheduled broadcast that is due; the local timer and the AWS schedule call it. */
    async runDueBroadcasts(atMs: number = now()): Promise<string[]> {
      const started: string[] = [];
      for (const id of await dueBroadcastIds(deps.store, new Date(atMs).toISOString())) {
        if (await start(id)) started.push(id);
      }
      return started;
    },

    /**
     * Continues a broadcast after a crash: a delivery left in `sending` longer than `staleAfterMs`
     * becomes `unknown` (it may have gone out: never sent twice), the counters are recounted from
     * the records, queued recipients are batched again and the fan-out re-run (existing records
     * are kept as they are).
     */
    async resume(actor: Actor | 'system', id: string, options: { staleAfterMs?: number } = {}) {
      if (actor !== 'system' && actor.role !== 'supervisor') {
        throw new BroadcastForbiddenError('Only supervisors may resume broadcasts');
      }
      const broadcast = await getBroadcast(deps.store, id);
      if (!broadcast) throw new BroadcastNotFoundError(`No broadcast ${id}`);
      if (broadcast.status !== 'sending') return false;
      const staleBefore = now() - (options.staleAfterMs ?? 120_000);
      const counts = { sent: 0, failed: 0, blocked: 0, skipped: 0, unknown: 0 };
      let batch: { channel: Channel; userId: string; address: string }[] = [];
      const flush = async () => {
        if (batch.length) await deps.queue.enqueue({ kind: 'batch', broadcastId: id, recipients: batch });
        batch = [];
      };
      await forEachDelivery(deps.store, id, async (d) => {
        let status = d.status;
        if (
          status === 'sending' &&
          Date.parse(d.claimedAt ?? '') <= staleBefore &&
          (await markUnknown(deps.store, d))
        ) {
          status = 'unknown';
        }
        if (status in counts) counts[status as keyof typeof counts]++;
        if (status === 'queued') {
          batch.push({ channel: d.channel, userId: d.userId, address: d.address });
          if (batch.length === 100) await flush();
        }
      });
      await flush();
      await setCounts(deps.store, id, counts);
      await deps.queue.enqueue({ kind: 'fanout', broadcastId: id });
      await appendAudit(deps.store, {
        ref: broadcastAuditRef(id),
        at: iso(),
        actor: actor === 'system' ? 'system' : actor.id,
        action: 'broadcast_resumed',
        detail: { ...counts },
      });
      return true;
    },

    /** Resumes every broadcast left in `sending` (at start-up, after a crash of the whole process). */
    async resumeInterrupted(): Promise<string[]> {
      const ids = await sendingBroadcastIds(deps.store);
      for (const id of ids) await this.resume('system', id, { staleAfterMs: 0 });
      return ids;
    },

    /** Most recent first. */
    list: () => listBroadcasts(deps.store),

    async get(id: string): Promise<Broadcast> {
      const broadcast = await getBroadcast(deps.store, id);
      if (!broadcast) throw new BroadcastNotFoundError(`No broadcast ${id}`);
      return broadcast;
    },

    /** The final (or current) report, counted from the per-recipient records. */
    async report(id: string): Promise<BroadcastReport> {
      const broadcast = await this.get(id);
      const byStatus = { queued: 0, sending: 0, sent: 0, failed: 0, blocked: 0, skipped: 0, unknown: 0 };
      const byChannel: BroadcastReport['byChannel'] = Object.fromEntries(
        deps.channels.all.map((ch) => [ch.id, {}]),
      );
      const reasons = new Map<string, BroadcastReport['reasons'][number]>();
      await forEachDelivery(deps.store, id, (d) => {
        byStatus[d.status]++;
        const counts = byChannel[d.channel] ?? {};
        counts[d.status] = (counts[d.status] ?? 0) + 1;
        byChannel[d.channel] = counts;
        if (d.reason && d.status !== 'sent') {
          const key = `${d.status}|${d.reason}`;
          const entry = reasons.get(key) ?? { status: d.status, reason: d.reason, count: 0 };
          entry.count++;
          reasons.set(key, entry);
        }
      });
      return {
        broadcast,
        byStatus,
        byChannel,
        reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
      };
    },

    /** Subscribers a broadcast on `topic` would reach today, per channel (for the composer's preview). */
    async audience(topic: string): Promise<Record<Channel, number>> {
      const counts: Record<Channel, number> = Object.fromEntries(deps.channels.all.map((ch) => [ch.id, 0]));
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await listTopicSubscribers(deps.store, topic, { limit: 1000, cursor });
        for (const s of page.subscribers) counts[s.channel] = (counts[s.channel] ?? 0) + 1;
        cursor = page.cursor;
      } while (cursor);
      return counts;
    },
  };
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;
