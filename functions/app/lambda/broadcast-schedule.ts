import { createBroadcastHandlers } from './broadcast-app.js';

const broadcasts = await createBroadcastHandlers(process.env);

/** Each scheduled event starts the broadcasts whose time has come (each one once: conditional writes). */
export const handler = async () => ({ started: await broadcasts.runDueBroadcasts() });
