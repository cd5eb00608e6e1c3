import type { Channel, Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { DAY_SEC, keys, nowSec } from '../../store/keys.js';
import { queryPages } from '../../store/pages.js';
import { scrubPersonalData } from './scrub.js';
import { normalizeQuestion } from './text.js';

/** Unanswered questions are kept for the curators' report, then expire (they may hold personal details). */
export const GAP_TTL_SEC = 180 * DAY_SEC;

export interface KnowledgeGap {
  question: string;
  normalized: string;
  lang: Lang;
  channel: Channel;
  reason: string;
  /** The closest entries found, for the curator deciding whether to extend one or write a new one. */
  nearest: string[];
  atMs: number;
}

/**
 * The item recording an unanswered question, committed with the turn (so a redelivered message
 * records it once). No user id: the report needs the question, not who asked it.
 */
export function gapItem(gap: KnowledgeGap, id: string): Record<string, unknown> {
  return {
    ...keys.knowledgeGap(gap.atMs, id),
    type: 'kb-gap',
    ...gap,
    expiresAtSec: nowSec(gap.atMs) + GAP_TTL_SEC,
  };
}

export function newGap(
  question: string,
  fields: Omit<KnowledgeGap, 'question' | 'normalized'>,
): KnowledgeGap {
  const clean = scrubPersonalData(question); // the report keeps the question, never who asked it
  return { question: clean.slice(0, 500), normalized: normalizeQuestion(clean), ...fields };
}

export interface GapGroup {
  normalized: string;
  count: number;
  /** The most recent wording of the question. */
  example: string;
  lastAskedAt: string;
  langs: Lang[];
  nearest: string[];
}

/**
 * The knowledge-gap report for the console's dashboard: unanswered questions since `sinceMs`,
 * grouped by normalized question, most frequent first (then most recent). One partition holds all
 * gaps: they are rare (a few a day per thousand users), far below a partition's write limit.
 */
export async function listKnowledgeGaps(
  store: Store,
  options: { nowMs: number; sinceMs?: number; limit?: number },
): Promise<GapGroup[]> {
  const since = new Date(options.sinceMs ?? options.nowMs - GAP_TTL_SEC * 1000).toISOString();
  const groups = new Map<string, GapGroup>();
  let read = 0;
  for await (const page of queryPages(store, 'listKnowledgeGaps', {
    KeyConditionExpression: 'PK = :pk AND SK >= :since',
    ExpressionAttributeValues: { ':pk': 'KBGAP', ':since': since },
    ScanIndexForward: false,
  })) {
    for (const item of page.Items ?? []) {
      // TTL deletes late: skip what has already expired.
      if (typeof item.expiresAtSec === 'number' && item.expiresAtSec < nowSec(options.nowMs)) continue;
      const at = new Date(item.atMs as number).toISOString();
      const group = groups.get(item.normalized as string);
      if (!group) {
        groups.set(item.normalized as string, {
          normalized: item.normalized as string,
          count: 1,
          example: item.question as string,
          lastAskedAt: at,
          langs: [item.lang as Lang],
          nearest: (item.nearest as string[] | undefined) ?? [],
        });
      } else {
        group.count++;
        if (!group.langs.includes(item.lang as Lang)) group.langs.push(item.lang as Lang);
      }
    }
    read += page.Items?.length ?? 0;
    // The report needs the most frequent recent questions, not every one: stop after 10,000.
    if (read >= 10_000) break;
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt))
    .slice(0, options.limit ?? 100);
}
