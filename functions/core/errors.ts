/** Base of the domain errors; each module narrows it so callers can branch on `instanceof`. */
export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The store (DynamoDB) did not answer: the work must be retried later, nothing was lost. */
export class StoreUnavailableError extends AppError {}

/** A conditional write lost the race: another writer got there first. */
export class ConflictError extends AppError {}

/** True for errors that mean "a dependency is down, try again" rather than "this input is wrong". */
export function isTransient(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown }).$metadata;
  if (meta?.httpStatusCode && meta.httpStatusCode >= 500) return true;
  const code = (error as { code?: string }).code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(
      code ?? '',
    ) ||
    [
      'TimeoutError',
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
    ].includes(error.name)
  );
}
