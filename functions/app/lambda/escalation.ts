import { createEscalationJob } from './escalation-app.js';

// Built once per container, during Lambda's init phase; each scheduled event runs one pass.
export const handler = await createEscalationJob(process.env);
