import { handle } from 'hono/aws-lambda';
import { createApiApp } from './api-app.js';

// Built once per container, during Lambda's init phase; warm invocations reuse it.
export const handler = handle(await createApiApp(process.env));
