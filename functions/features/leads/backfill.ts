import { type BackfillReport, backfillIndex } from '../../store/backfill-index.js';
import type { Store } from '../../store/client.js';
import { leadKeys } from './keys.js';

export type HoldsBackfillReport = BackfillReport;

/**
 * Gives the held conversations written before the holds had an index (PK `CONTACT#…`, SK `HOLD`,
 * no GSI1PK) their place in it, so the inbox lists them. A hold released or started again
 * meanwhile (another lead, another start) is skipped: see `backfillIndex`.
 */
export function backfillHolds(store: Store): Promise<HoldsBackfillReport> {
  return backfillIndex(store, {
    name: 'backfillHolds',
    indexKey: 'GSI1PK',
    filter: { expression: 'SK = :hold', values: { ':hold': 'HOLD' } },
    reads: ['reference', 'at'],
    keysFor: ({ reference, at }) =>
      typeof reference === 'string' && typeof at === 'string'
        ? { keys: leadKeys.holdIndex(at, reference), unchanged: { reference, at } }
        : undefined,
  });
}

/**
 * Gives the leads written before the per-desk index (GSI3: every lead of a desk, by date) their place
 * in it, so the list's usual view, which reads one queue per desk, shows them. A lead moved to
 * another desk meanwhile is skipped: its new write carries the index already.
 */
export function backfillLeadDesks(store: Store): Promise<BackfillReport> {
  return backfillIndex(store, {
    name: 'backfillLeadDesks',
    indexKey: 'GSI3PK',
    filter: { expression: 'SK = :lead', values: { ':lead': 'LEAD' } },
    reads: ['reference', 'desk', 'createdAt'],
    keysFor: ({ reference, desk, createdAt }) =>
      typeof reference === 'string' && typeof desk === 'string' && typeof createdAt === 'string'
        ? {
            keys: leadKeys.deskIndex({ reference, desk, createdAt }),
            unchanged: { desk, createdAt },
          }
        : undefined,
  });
}
