import type { TestProject } from 'vitest/node';
import { JavaMissingError, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';

/** One official DynamoDB Local for the whole run; each test file makes its own table in it. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal().catch((error: unknown) => {
    // One clear line naming what to install, not a stack trace.
    if (error instanceof JavaMissingError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
