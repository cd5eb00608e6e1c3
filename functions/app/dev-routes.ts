import { Hono } from 'hono';
import type { Store } from '../store/client.js';
import { listOutbox } from '../store/outbox.js';

/** Local mode only (never mounted in production): what the bot would have sent. */
export function devRoutes(store: Store) {
  return new Hono().get('/outbox', async (c) => c.json({ messages: await listOutbox(store) }));
}
