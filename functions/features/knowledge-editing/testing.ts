import { createOfficer, type Officer, setEditor } from '../../console/officers/repository.js';
import { loadConfig } from '../../core/config.js';
import type { Store } from '../../store/client.js';
import { importKnowledge } from './import-export.js';
import { createKnowledgeEditing, type KnowledgeEditingDeps } from './service.js';

/** Test support: the service on a table with `knowledge/` imported, and officers with their rights. */
export async function importedService(
  store: Store,
  overrides: Partial<KnowledgeEditingDeps> & { env?: Record<string, string> } = {},
) {
  const config = loadConfig({ APP_ENV: 'local', TABLE_NAME: store.tableName, ...overrides.env });
  const service = createKnowledgeEditing({ store, config, ...overrides });
  const report = await importKnowledge(service, store, {
    dir: 'knowledge',
    promptsDir: 'prompts',
    nowMs: Date.now(),
  });
  return { service, config, report };
}

let counter = 0;
export async function officerWith(
  store: Store,
  role: Officer['role'],
  editor: boolean,
  desk = 'investment-promotion',
): Promise<Officer> {
  counter++;
  const officer = await createOfficer(store, {
    email: `kb${counter}-${role}@test.local`,
    name: `${role === 'supervisor' ? 'Superviseur' : 'Rédactrice'} ${counter}`,
    role,
    desk,
    password: 'a-long-password-2026',
  });
  if (editor) await setEditor(store, officer.id, true);
  return { ...officer, editor };
}
