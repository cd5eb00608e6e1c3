import { describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import { loadConfig } from '../../core/config.js';
import { DEMO_OFFICERS, seedDemoOfficers } from './demo.js';
import { authenticate, listOfficers } from './repository.js';

describe('demo officers', () => {
  it('are seeded in local mode, once, and sign in with the printed credentials', async () => {
    const store = await freshStore();
    const config = loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName });
    await seedDemoOfficers(config, store);
    await seedDemoOfficers(config, store); // a restart
    expect((await listOfficers(store)).map((o) => o.email).sort()).toEqual(
      DEMO_OFFICERS.map((o) => o.email).sort(),
    );
    const agent = DEMO_OFFICERS.find((o) => o.role === 'officer')!;
    expect((await authenticate(store, agent.email, agent.password)).ok).toBe(true);
  });

  it('are never seeded in production', async () => {
    const store = await freshStore();
    const config = {
      ...loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName }),
      APP_ENV: 'production' as const,
    };
    expect(await seedDemoOfficers(config, store)).toEqual([]);
    expect(await listOfficers(store)).toEqual([]);
  });
});
