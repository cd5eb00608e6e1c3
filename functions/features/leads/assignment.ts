import type { Store } from '../../store/client.js';
import type { OfficerDirectory } from './officers.js';
import { countOpenLeadsByAssignee } from './repository.js';
import type { Desk } from './routing/routing.js';

/**
 * Who gets a new lead: with `least-open`, the desk's active officer with the fewest open leads
 * (ties to the smallest id, so the choice is deterministic); otherwise, or when the desk has no
 * active officer, nobody: the lead waits in the desk's queue to be claimed.
 */
export async function pickAssignee(
  store: Store,
  directory: OfficerDirectory,
  desk: Desk,
): Promise<string | undefined> {
  if (desk.assignment !== 'least-open') return undefined;
  const officers = (await directory.listDeskOfficers(desk.id)).filter(
    (o) => o.active && o.role === 'officer',
  );
  if (officers.length === 0) return undefined;
  const open = await countOpenLeadsByAssignee(store, desk.id);
  return officers
    .map((o) => ({ id: o.id, open: open.get(o.id) ?? 0 }))
    .sort((a, b) => a.open - b.open || a.id.localeCompare(b.id))[0]?.id;
}
