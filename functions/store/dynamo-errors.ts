import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isTransient, StoreUnavailableError } from '../core/errors.js';

export function isConditionFailure(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/**
 * The item as it was when a condition failed (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`).
 * The document client does not unmarshall error payloads, so it is done here.
 */
export function conditionFailureItem(error: unknown): Record<string, unknown> | undefined {
  const item = (error as { Item?: Record<string, AttributeValue> }).Item;
  return item ? unmarshall(item) : undefined;
}

/** Wraps a store call so outages surface as `StoreUnavailableError`, the one thing callers retry on. */
export async function storeCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isConditionFailure(error)) throw error;
    if (isTransient(error) || error instanceof TypeError) {
      throw new StoreUnavailableError(`DynamoDB unavailable during ${operation}`, { cause: error });
    }
    throw error;
  }
}
