import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { GSIS } from '../functions/store/table-schema.js';

/**
 * The DynamoDB actions each function uses, and no more. Transactions (TransactWriteItems) are
 * authorised per item action, so they appear here as Put/Update/Delete/ConditionCheck.
 * When a capability starts using another action, add it here: the template tests show the change.
 */
export const TABLE_ACTIONS = {
  /** Health check (DescribeTable); the webhooks only queue. */
  api: ['dynamodb:DescribeTable'],
  /** The console and JSON API: officers, sessions, leads, notes, audit, replies, broadcasts. */
  console: [
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
  worker: [
    'dynamodb:GetItem',
    // One read per turn: contact, conversation, hold and rate counter together.
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    // Erasure on request ("delete my data") deletes a person's items in batches.
    'dynamodb:BatchWriteItem',
  ],
  escalation: [
    'dynamodb:GetItem',
    // The knowledge expiry pass shares the knowledge-editing repository (versions read in a batch).
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
  broadcast: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
  /** Starting due broadcasts reads and updates the same items the sender does. */
  broadcastSchedule: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/**
 * Grants `actions` on the table itself, and `Query` also on each index the code queries, named one
 * by one from the shared schema (no `index/*`).
 */
export function grantTable(table: ITable, role: IGrantable, actions: readonly string[]): void {
  if (actions.length === 0) return;
  role.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: [...actions], resources: [table.tableArn] }),
  );
  if (actions.includes('dynamodb:Query')) {
    role.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: GSIS.map((gsi) => `${table.tableArn}/index/${gsi.indexName}`),
      }),
    );
  }
}
