import { handle } from 'hono/aws-lambda';
import { createConsoleApp } from './console-app.js';

// Built once per container, during Lambda's init phase; warm invocations reuse it.
export const handler = handle(await createConsoleApp(process.env));
