import type { ConsoleDeps } from '../../console/env.js';
import type { Officer } from '../../console/officers/repository.js';
import { leadsGeneration } from '../leads/changes.js';
import { DESK_IDS, type FilterInput, findLeads, scopeFilter } from '../leads/console/leads-service.js';
import { listLeadFields, pageableFilter } from '../leads/list-page.js';
import type { Lead } from '../leads/model.js';

/** How long the dashboard may show the same figures when no lead changed in this process. */
export const DASHBOARD_TTL_MS = 30_000;
const KEPT = 100;

/** What the dashboard reads of each lead: its counts, charts and overdue list, no personal detail but the name. */
const FIELDS = [
  'reference',
  'kind',
  'desk',
  'status',
  'outcome',
  'programme',
  'sector',
  'country',
  'assignee',
  'fullName',
  'createdAt',
  'updatedAt',
  'firstContactAt',
  'closedAt',
  'escalatedAt',
] as const;

const snapshots = new Map<string, { leads: Lead[]; atMs: number; generation: number }>();

/**
 * The leads the dashboard counts, with the fields it shows. The read is kept per filter for
 * `DASHBOARD_TTL_MS`, and dropped as soon as this process writes a lead (changes.ts): the page
 * is opened and reloaded often, and every reload would otherwise read every lead again.
 */
export async function dashboardLeads(
  deps: ConsoleDeps,
  officer: Officer,
  filter: FilterInput,
): Promise<Lead[]> {
  if (!pageableFilter(filter)) return findLeads(deps, officer, filter);
  const scoped = scopeFilter(officer, filter);
  const nowMs = (deps.now ?? Date.now)();
  const key = JSON.stringify([deps.store.tableName, scoped, scoped.desk ? [] : DESK_IDS]);
  const generation = leadsGeneration();
  const hit = snapshots.get(key);
  if (hit && hit.generation === generation && nowMs - hit.atMs >= 0 && nowMs - hit.atMs < DASHBOARD_TTL_MS) {
    return hit.leads;
  }
  const leads = await listLeadFields(deps.store, scoped, DESK_IDS, FIELDS);
  snapshots.delete(key);
  snapshots.set(key, { leads, atMs: nowMs, generation });
  if (snapshots.size > KEPT) snapshots.delete(snapshots.keys().next().value!);
  return leads;
}
