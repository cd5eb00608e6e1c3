import type { Config } from '../../core/config.js';
import type { Store } from '../../store/client.js';
import { createOfficer, EmailTakenError, getOfficerByEmail, type NewOfficer } from './repository.js';

/**
 * Local mode's demo accounts, with fixed and printed development credentials. Production seeds
 * nothing: `seedDemoOfficers` refuses to run there, whatever calls it.
 */
export const DEMO_OFFICERS: (NewOfficer & { password: string })[] = [
  {
    email: 'superviseur@demo.local',
    name: 'Superviseur (démo)',
    role: 'supervisor',
    desk: 'togolese-abroad',
    password: 'demo-superviseur-2026',
  },
  {
    email: 'agent@demo.local',
    name: 'Agent (démo)',
    role: 'officer',
    desk: 'investment-promotion',
    password: 'demo-agent-2026',
  },
  {
    email: 'admin@demo.local',
    name: 'Administrateur (démo)',
    role: 'admin',
    desk: 'togolese-abroad',
    password: 'demo-admin-2026',
  },
];

/** Creates the demo accounts that do not exist yet; returns them all for printing. */
export async function seedDemoOfficers(config: Config, store: Store) {
  if (config.APP_ENV !== 'local') return [];
  for (const demo of DEMO_OFFICERS) {
    if (await getOfficerByEmail(store, demo.email)) continue; // a restart: skip the scrypt hash
    await createOfficer(store, demo).catch((error) => {
      if (!(error instanceof EmailTakenError)) throw error;
    });
  }
  return DEMO_OFFICERS;
}
