import type { Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { nowSec } from '../../store/keys.js';
import { queryPages } from '../../store/pages.js';
import { GAP_TTL_SEC } from '../knowledge/gaps.js';

export interface GapGroupWithFirst {
  normalized: string;
  count: number;
  example: string;
  langs: Lang[];
  firstAskedAt: string;
  lastAskedAt: string;
}

/**
 * The unanswered questions grouped as the dashboard groups them (features/knowledge/gaps.ts), with
 * the first time each was asked: the time to resolve a gap is counted from it.
 */
export async function readGapGroups(store: Store, nowMs: number): Promise<GapGroupWithFirst[]> {
  const since = new Date(nowMs - GAP_TTL_SEC * 1000).toISOString();
  const groups = new Map<string, GapGroupWithFirst>();
  let read = 0;
  for await (const page of queryPages(store, 'readKnowledgeGapGroups', {
    KeyConditionExpression: 'PK = :pk AND SK >= :since',
    ExpressionAttributeValues: { ':pk': 'KBGAP', ':since': since },
    ScanIndexForward: false,
  })) {
    for (const item of page.Items ?? []) {
      if (typeof item.expiresAtSec === 'number' && item.expiresAtSec < nowSec(nowMs)) continue;
      const at = new Date(item.atMs as number).toISOString();
      const key = item.normalized as string;
      const group = groups.get(key);
      if (!group) {
        groups.set(key, {
          normalized: key,
          count: 1,
          example: item.question as string,
          langs: [item.lang as Lang],
          firstAskedAt: at,
          lastAskedAt: at,
        });
      } else {
        group.count++;
        // Newest first: each older item moves the first time back.
        if (at < group.firstAskedAt) group.firstAskedAt = at;
        if (!group.langs.includes(item.lang as Lang)) group.langs.push(item.lang as Lang);
      }
    }
    read += page.Items?.length ?? 0;
    if (read >= 10_000) break;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
}
