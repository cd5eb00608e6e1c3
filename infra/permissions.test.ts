import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_OPTIONS,
  bundlingFor,
  FUNCTION_ENTRIES,
  type FunctionName,
  PROJECT_ROOT,
} from './bundling.js';
import { TABLE_ACTIONS } from './permissions.js';

/** The IAM action each DynamoDB document-client or client command needs. */
const COMMAND_ACTIONS: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  TransactGetCommand: 'dynamodb:GetItem',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  DescribeTableCommand: 'dynamodb:DescribeTable',
};
/**
 * Commands that never run in AWS: the local bootstrap creates the table (the stack owns it there).
 * Transactions are authorised per item action (Put/Update/Delete/ConditionCheck), granted with them.
 */
const NOT_IN_AWS = new Set(['CreateTableCommand', 'UpdateTimeToLiveCommand', 'TransactWriteCommand']);
/** Files only local mode reaches (`/dev` routes are mounted when APP_ENV=local only). */
const LOCAL_ONLY_FILES = new Set(['functions/app/dev-routes.ts', 'functions/store/outbox.ts']);

/** The DynamoDB actions the code in a function's bundle can call, from the source files esbuild puts in it. */
async function actionsUsedBy(name: FunctionName): Promise<{ actions: Set<string>; unknown: string[] }> {
  const { banner: _b, alias, ...options } = BUNDLE_OPTIONS;
  const result = await build({
    ...options,
    ...bundlingFor(name),
    alias: { ...alias },
    mainFields: [...options.mainFields],
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [join(PROJECT_ROOT, FUNCTION_ENTRIES[name])],
    bundle: true,
    write: false,
    outfile: join(PROJECT_ROOT, 'dist', 'permissions-check.mjs'),
    sourcemap: false,
    minify: false,
    metafile: true,
    logLevel: 'silent',
  });
  const actions = new Set<string>();
  const unknown: string[] = [];
  const files = Object.keys(result.metafile.inputs).filter(
    (f) => f.startsWith('functions/') && /\.tsx?$/.test(f) && !LOCAL_ONLY_FILES.has(f),
  );
  for (const file of files) {
    const source = await readFile(join(PROJECT_ROOT, file), 'utf8');
    for (const [, command] of source.matchAll(/new (\w+Command)\(/g)) {
      if (
        !command ||
        NOT_IN_AWS.has(command) ||
        command === 'GetSecretValueCommand' ||
        command === 'SendMessageCommand'
      )
        continue;
      const action = COMMAND_ACTIONS[command];
      if (action) actions.add(action);
      else unknown.push(`${file}: ${command}`);
    }
  }
  return { actions, unknown };
}

describe('table permissions cover the code each function bundles', () => {
  it.each(Object.keys(FUNCTION_ENTRIES) as FunctionName[])(
    '%s: every DynamoDB call in its bundle is granted',
    async (name) => {
      const { actions, unknown } = await actionsUsedBy(name);
      expect(unknown).toEqual([]);
      expect([...actions].filter((a) => !(TABLE_ACTIONS[name] as readonly string[]).includes(a))).toEqual([]);
    },
    60_000,
  );
});
