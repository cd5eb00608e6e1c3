import { findOfficerByTelegramUserId, getOfficer, listDeskOfficers } from '../console/officers/repository.js';
import type { OfficerDirectory } from '../features/leads/officers.js';
import type { Store } from '../store/client.js';

/** The leads module's view of officers (`features/leads/officers.ts`), backed by the officers repository: leads never import it. */
export function officerDirectory(store: Store): OfficerDirectory {
  return {
    listDeskOfficers: (desk) => listDeskOfficers(store, desk),
    findByTelegramUserId: (id) => findOfficerByTelegramUserId(store, id),
    getOfficer: (id) => getOfficer(store, id),
  };
}
