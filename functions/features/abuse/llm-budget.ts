import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../store/client.js';
import { isConditionFailure, storeCall } from '../../store/dynamo-errors.js';
import { DAY_SEC, keys, nowSec } from '../../store/keys.js';

export interface LlmBudgetLimits {
  perUser: number;
  total: number;
}

/** Same values as the config defaults, for callers that have no config at hand. */
export const DEFAULT_LLM_BUDGET: LlmBudgetLimits = { perUser: 30, total: 5000 };

/** The UTC day a call counts against: budgets reset at midnight UTC. */
export const budgetDay = (nowMs: number) => new Date(nowMs).toISOString().slice(0, 10);

/**
 * Takes one model call from today's budgets, the person's and everyone's, or neither: both counters
 * move in one transaction, each conditioned on being under its limit, so concurrent workers can
 * never overspend. Returns false when either budget is spent; the caller then answers extractively.
 * `userKey` is `channel:userId`.
 *
 * Every model call of the day increments the one TOTAL item: fine for this assistant's volume
 * (an item takes 1,000 writes a second).
 */
export async function tryConsumeLlmBudget(
  store: Store,
  userKey: string,
  nowMs: number,
  limits: LlmBudgetLimits = DEFAULT_LLM_BUDGET,
): Promise<boolean> {
  if (limits.perUser <= 0 || limits.total <= 0) return false;
  const day = budgetDay(nowMs);
  // Kept a day past its own so a late TTL never matters and yesterday's figures stay readable.
  const ttl = nowSec(Date.parse(`${day}T00:00:00Z`)) + 2 * DAY_SEC;
  const counter = (Key: Record<string, string>, max: number) => ({
    Update: {
      TableName: store.tableName,
      Key,
      UpdateExpression: 'ADD #used :one SET expiresAtSec = :ttl, #type = :type',
      ConditionExpression: 'attribute_not_exists(#used) OR #used < :max',
      ExpressionAttributeNames: { '#used': 'used', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': ttl, ':type': 'llm-budget' },
    },
  });
  const command = new TransactWriteCommand({
    TransactItems: [
      counter(keys.llmBudgetUser(day, userKey), limits.perUser),
      counter(keys.llmBudgetTotal(day), limits.total),
    ],
  });
  for (let attempt = 1; ; attempt++) {
    try {
      await storeCall('tryConsumeLlmBudget', () => store.doc.send(command));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      // Concurrent transactions on the shared TOTAL item cancel each other; a short jittered retry
      // settles it. If it keeps conflicting, no model call: the extractive answer is the safe side.
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= CONFLICT_ATTEMPTS) return false;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

const CONFLICT_ATTEMPTS = 5;

function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
}

export const llmBudgetFromConfig = (config: {
  LLM_DAILY_BUDGET_PER_USER: number;
  LLM_DAILY_BUDGET_TOTAL: number;
}): LlmBudgetLimits => ({ perUser: config.LLM_DAILY_BUDGET_PER_USER, total: config.LLM_DAILY_BUDGET_TOTAL });
