import { randomUUID } from 'node:crypto';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BroadcastSender, ChannelProfile, SendResult } from '../../core/channel.js';
import type { Contact } from '../../core/contact.js';
import type { Logger } from '../../core/logger.js';
import type { Channel, Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { keys } from '../../store/keys.js';
import { leadKeys } from '../leads/keys.js';
import { endAllSubscriptions, type TopicSubscriber } from '../subscriptions/repository.js';
import { type Broadcast, type BroadcastCounts, type Delivery, type FinalStatus, textFor } from './model.js';
import type { KeyedSpacing, TokenBucket } from './rate-limit.js';
import { claimDelivery, writeOutcomes } from './repository.js';

// The batch may wait in the queue and behind the rate limit: keep a margin inside the window.
const WINDOW_MARGIN_MS = 10 * 60 * 1000;

/**
 * Two buckets per channel at the same rate: the first paces the claims (so few records wait
 * claimed), the gate paces the platform calls themselves, whose timing the claim's variable
 * latency would otherwise bunch beyond the platform's per-second limit.
 */
export interface ChannelLimits {
  claims: TokenBucket;
  gate: TokenBucket;
  /** Spacing between two messages to one chat, where the platform limits it. */
  perChat?: KeyedSpacing | undefined;
}

/** One channel as a broadcast uses it: what it allows (profile), its platform calls, its pace. */
export interface BroadcastChannel {
  profile: ChannelProfile;
  sender: BroadcastSender;
  limits: ChannelLimits;
}

export interface DeliveryStats {
  /** 429 answers received (Telegram or Twilio). */
  throttled: number;
}

export interface DeliverDeps {
  store: Store;
  /** The channels by id (`ChannelAdapter.id`). */
  channels: ReadonlyMap<Channel, BroadcastChannel>;
  logger: Logger;
  now?: () => number;
  /** Recipients handled at once within a batch; the rate limiters set the pace. Kept small so the
   * broadcast never holds most of the store client's connections (the conversation shares them locally). */
  concurrency?: number;
  maxAttempts?: number;
  stats?: DeliveryStats;
  /**
   * True while something more urgent needs the shared resources (locally: conversation messages
   * waiting in the same process and the same DynamoDB Local); new recipients wait for it to clear.
   */
  yieldTo?: (() => boolean) | undefined;
  /** Stops taking recipients (process shutting down); those not started stay queued for a resume. */
  signal?: AbortSignal | undefined;
  /** Test and bench hook, run after the platform accepted a message and before it is recorded. */
  afterSend?: (recipient: TopicSubscriber) => Promise<void> | void;
}

type Plan =
  | { kind: 'send'; channel: Channel; via: 'text' | 'template'; text: string; lang: Lang }
  | { kind: 'final'; status: FinalStatus; reason: string };

/** The country a contact gave: on the contact if set, else from their latest registration (lead). */
async function countryOf(store: Store, contact: Contact): Promise<string | undefined> {
  const own = (contact as Contact & { country?: string }).country;
  if (own) return own;
  const out = await storeCall('leadCountry', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': leadKeys.byUser(contact.channel, contact.userId) },
        ScanIndexForward: false,
        Limit: 5,
      }),
    ),
  );
  return (out.Items ?? []).map((i) => i.country as string | undefined).find(Boolean);
}

/**
 * What to send to one person, or why nothing is sent. Never free text outside the channel's
 * free-text window (WhatsApp's 24 hours): a template there, if the broadcast has one.
 */
export async function planDelivery(
  store: Store,
  broadcast: Broadcast,
  contact: Contact | undefined,
  nowMs: number,
  channel?: ChannelProfile,
): Promise<Plan> {
  if (!contact) return { kind: 'final', status: 'skipped', reason: 'contact not found' };
  if (!channel) return { kind: 'final', status: 'failed', reason: `no channel ${contact.channel} here` };
  if (broadcast.country) {
    const country = await countryOf(store, contact);
    if (country !== broadcast.country) {
      return { kind: 'final', status: 'skipped', reason: country ? 'other country' : 'country unknown' };
    }
  }
  const { text, lang } = textFor(broadcast, contact.lang);
  const send = (via: 'text' | 'template'): Plan => ({ kind: 'send', channel: channel.id, via, text, lang });
  const window = channel.capabilities.freeTextWindow;
  if (!window) return send('text');
  const lastSeenMs = Date.parse(contact.lastSeenAt);
  if (nowMs - lastSeenMs < window.ms - WINDOW_MARGIN_MS) return send('text');
  // `whatsappTemplate` is the stored field's name: the template of whichever channel needs one.
  if (broadcast.whatsappTemplate && channel.capabilities.templates) return send('template');
  const hours = Math.round(window.ms / 3_600_000);
  return {
    kind: 'final',
    status: 'failed',
    reason: `outside the ${channel.displayName} ${hours}-hour window and no approved template (would fail with ${window.error})`,
  };
}

/** Reads items by key, 100 per request, following `UnprocessedKeys`. */
async function batchGet(
  store: Store,
  keyList: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let pending = keyList;
  while (pending.length > 0) {
    const chunk = pending.slice(0, 100);
    pending = pending.slice(100);
    const out = await storeCall('batchGet', () =>
      store.doc.send(
        new BatchGetCommand({ RequestItems: { [store.tableName]: { Keys: chunk, ConsistentRead: true } } }),
      ),
    );
    found.push(...(out.Responses?.[store.tableName] ?? []));
    pending.push(...((out.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as Record<string, unknown>[]));
  }
  return found;
}

const personKey = (p: { channel: Channel; userId: string }) => `${p.channel}#${p.userId}`;

async function pool<T>(
  items: T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) await run(items[next++]!);
  });
  await Promise.all(workers);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Delivers one batch: for each recipient, wait for the rate limit, claim the delivery record
 * (conditional write), send, record the outcome. Returns the outcomes counted, for the progress.
 */
export async function deliverBatch(
  broadcast: Broadcast,
  recipients: TopicSubscriber[],
  deps: DeliverDeps,
): Promise<{ counts: Partial<BroadcastCounts>; errors: number }> {
  const now = deps.now ?? Date.now;
  const owner = randomUUID();
  const counts: Partial<BroadcastCounts> = {};
  // One read of the batch's delivery records: a redelivered or resumed batch skips, without a
  // failed claim each, the recipients already handled (the claim still decides for the others).
  const [records, contactItems] = await Promise.all([
    batchGet(
      deps.store,
      recipients.map((r) => keys.broadcastDelivery(broadcast.id, r.channel, r.userId)),
    ),
    batchGet(
      deps.store,
      recipients.map((r) => keys.contact(r.channel, r.userId)),
    ),
  ]);
  const queued = new Set(
    records.filter((d) => d.status === 'queued').map((d) => personKey(d as unknown as Delivery)),
  );
  const contacts = new Map(
    contactItems.map((c) => [personKey(c as unknown as Contact), c as unknown as Contact]),
  );
  recipients = recipients.filter((r) => queued.has(personKey(r)));
  const maxAttempts = deps.maxAttempts ?? 5;

  const send = async (
    r: TopicSubscriber,
    plan: Extract<Plan, { kind: 'send' }>,
    channel: BroadcastChannel,
  ): Promise<SendResult> => {
    let result: SendResult = { kind: 'failed', reason: 'not attempted' };
    const { sender, limits } = channel;
    const template = plan.via === 'template' ? broadcast.whatsappTemplate : undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await limits.gate.take();
      result =
        template && sender.template
          ? await sender.template(r.address, template)
          : await sender.text(r.address, plan.text);
      if (result.kind !== 'retry') return result;
      if (result.throttled) {
        if (deps.stats) deps.stats.throttled++;
        // Everyone waits: the platform's limit is per bot (or per sender), not per request.
        for (const bucket of [limits.claims, limits.gate]) bucket.pauseFor(result.afterMs);
      } else {
        await sleep(result.afterMs * attempt);
      }
    }
    return {
      kind: 'failed',
      reason: `gave up after ${maxAttempts} attempts: ${'reason' in result ? result.reason : ''}`,
    };
  };

  let errors = 0;
  const done: Delivery[] = [];
  await pool(
    recipients,
    deps.concurrency ?? 8,
    async (r) => {
      try {
        await deliverOne(r);
      } catch (error) {
        // The others go on; the batch is retried (claims protect the done ones) and fails loudly.
        errors++;
        deps.logger.warn('broadcast recipient not processed', { broadcastId: broadcast.id, error });
      }
    },
    deps.signal,
  );
  try {
    await flush();
  } catch (error) {
    errors++;
    deps.logger.warn('broadcast outcomes not recorded', { broadcastId: broadcast.id, error });
  }
  return { counts, errors };

  async function deliverOne(r: TopicSubscriber): Promise<void> {
    while (deps.yieldTo?.() && !deps.signal?.aborted) await sleep(5);
    const contact = contacts.get(personKey(r));
    const channel = deps.channels.get(r.channel);
    const plan = await planDelivery(deps.store, broadcast, contact, now(), channel?.profile);
    if (plan.kind === 'send' && channel) {
      // The token is taken before the claim, so a crash leaves as few claimed-but-unsent records as possible.
      await channel.limits.claims.take();
      await channel.limits.perChat?.take(r.address);
    }
    const at = () => new Date(now()).toISOString();
    const claimed = await claimDelivery(deps.store, broadcast.id, r.channel, r.userId, owner, at());
    if (!claimed) return;
    let status: FinalStatus;
    let reason: string | undefined;
    if (plan.kind === 'final') {
      status = plan.status;
      reason = plan.reason;
    } else {
      const result = channel
        ? await send(r, plan, channel)
        : ({ kind: 'failed', reason: `no channel ${r.channel}` } as const);
      if (result.kind === 'sent') {
        await deps.afterSend?.(r);
        status = 'sent';
      } else if (result.kind === 'blocked') {
        status = 'blocked';
        reason = result.reason;
        await endAllSubscriptions(deps.store, r.channel, r.userId, 'blocked', at());
      } else {
        status = 'failed';
        reason = result.reason;
        deps.logger.warn('broadcast delivery failed', {
          broadcastId: broadcast.id,
          channel: r.channel,
          reason,
        });
      }
    }
    const lang = plan.kind === 'send' ? plan.lang : undefined;
    const via = plan.kind === 'send' ? plan.via : undefined;
    done.push({ ...claimed, status, reason, lang, via, doneAt: at() });
    if (done.length >= 25) await flush();
  }

  /** Outcomes are written 25 at a time; a crash before the write leaves them `sending` (then `unknown`). */
  async function flush(): Promise<void> {
    const records = done.splice(0);
    await writeOutcomes(deps.store, records);
    for (const d of records) counts[d.status as FinalStatus] = (counts[d.status as FinalStatus] ?? 0) + 1;
  }
}
