import { createHash } from 'node:crypto';
import type { Channel, Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { DAY_SEC, keys, nowSec } from '../../store/keys.js';
import { queryAll } from '../../store/pages.js';

export const VOTES = { up: 'up', down: 'down' } as const;
export type Vote = (typeof VOTES)[keyof typeof VOTES];

export interface Feedback {
  entryId: string;
  vote: Vote;
  lang: Lang;
  channel: Channel;
  atMs: number;
}

export const FEEDBACK_TTL_SEC = 365 * DAY_SEC;

/**
 * "Was this helpful?" as an item committed with the turn. The voter is a hash of the channel and
 * user id, so a person counts once per entry (pressing twice, or changing their mind, replaces
 * the vote) and the report holds no identifier.
 */
export function feedbackItem(feedback: Feedback, voterKey: string): Record<string, unknown> {
  const voter = createHash('sha256').update(`kb-feedback:${voterKey}`).digest('hex').slice(0, 24);
  return {
    ...keys.knowledgeFeedback(feedback.entryId, voter),
    type: 'kb-feedback',
    ...feedback,
    expiresAtSec: nowSec(feedback.atMs) + FEEDBACK_TTL_SEC,
  };
}

export interface FeedbackSummary {
  entryId: string;
  up: number;
  down: number;
}

/** Votes per entry since `sinceMs`, the least helpful first: what curators should rework. */
export async function summarizeFeedback(
  store: Store,
  options: { nowMs: number; sinceMs?: number },
): Promise<FeedbackSummary[]> {
  const since = options.sinceMs ?? options.nowMs - FEEDBACK_TTL_SEC * 1000;
  const byEntry = new Map<string, FeedbackSummary>();
  const items = await queryAll(store, 'summarizeFeedback', {
    KeyConditionExpression: 'PK = :pk',
    FilterExpression: 'atMs >= :since',
    ExpressionAttributeValues: { ':pk': 'KBFEEDBACK', ':since': since },
  });
  for (const item of items) {
    if (typeof item.expiresAtSec === 'number' && item.expiresAtSec < nowSec(options.nowMs)) continue;
    const id = item.entryId as string;
    const summary = byEntry.get(id) ?? { entryId: id, up: 0, down: 0 };
    if (item.vote === VOTES.up) summary.up++;
    else summary.down++;
    byEntry.set(id, summary);
  }
  return [...byEntry.values()].sort((a, b) => b.down - b.up - (a.down - a.up));
}
