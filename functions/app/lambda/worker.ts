import { createWorker } from './worker-app.js';

// Built once per container, during Lambda's init phase; warm invocations reuse it.
export const handler = await createWorker(process.env);
