import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { isTransient, StoreUnavailableError } from '../core/errors.js';

export function isConditionFailure(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  if (error instanceof TransactionCanceledException) {
    return (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
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
