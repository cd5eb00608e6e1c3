import { createBroadcastHandlers } from './broadcast-app.js';

// Built once per container, during Lambda's init phase: one process holds the rate limiters.
const broadcasts = await createBroadcastHandlers(process.env);
export const handler = broadcasts.consume;
