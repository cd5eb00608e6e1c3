/**
 * What a domain error says to the caller, whatever the transport: the API's `onError` and the
 * console's error page turn each kind into a status (`ERROR_STATUS`) and a message. Features throw
 * errors of a kind; they never choose a status.
 */
export const ERROR_KIND = {
  /** The input cannot be used as sent: 400. */
  invalid: 'invalid',
  /** The caller's role or desk does not allow it: 403. */
  forbidden: 'forbidden',
  /** No such thing (or not one this caller may know of): 404. */
  notFound: 'not-found',
  /** The thing changed under the caller (claimed by another, moved on): 409. */
  conflict: 'conflict',
  /** Well-formed, but a rule refuses it (a knowledge entry failing the publish-time check): 422. */
  unprocessable: 'unprocessable',
  /** A dependency is down; nothing was lost, retry later: 503. */
  unavailable: 'unavailable',
} as const;
export type ErrorKind = (typeof ERROR_KIND)[keyof typeof ERROR_KIND];
export const ERROR_KINDS = Object.values(ERROR_KIND) as [ErrorKind, ...ErrorKind[]];

/**
 * The sentence an officer reads on a console page, in both languages: the error is raised before
 * anyone knows which language the page is in. The `message` stays for developers and logs.
 */
export interface OfficerText {
  fr: string;
  en: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  /** Unset: a fault of ours, which no caller can fix (a 500, logged). */
  kind?: ErrorKind | undefined;
  officer?: OfficerText | undefined;
}

/** Base of the domain errors; each module narrows it so callers can branch on `instanceof`. */
export class AppError extends Error {
  readonly kind: ErrorKind | undefined;
  readonly officer: OfficerText | undefined;
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.kind = options.kind;
    this.officer = options.officer;
  }
}

/** Input that cannot be used: a form or a filter that does not validate, a value out of range. */
export class InvalidInputError extends AppError {
  constructor(message: string, officer?: OfficerText, options: { cause?: unknown } = {}) {
    super(message, { ...options, kind: ERROR_KIND.invalid, officer });
  }
}

/** A signed-in caller whose role or desk does not allow the action. */
export class ForbiddenError extends AppError {
  constructor(message = 'Forbidden', officer?: OfficerText) {
    super(message, { kind: ERROR_KIND.forbidden, officer });
  }
}

/** No such thing, for modules without an error of their own (an unknown official channel...). */
export class NotFoundError extends AppError {
  constructor(message: string, officer?: OfficerText) {
    super(message, { kind: ERROR_KIND.notFound, officer });
  }
}

/** The store (DynamoDB) did not answer: the work must be retried later, nothing was lost. */
export class StoreUnavailableError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, kind: ERROR_KIND.unavailable });
  }
}

/** A conditional write lost the race: another writer got there first. */
export class ConflictError extends AppError {
  constructor(message: string, options: { cause?: unknown; officer?: OfficerText } = {}) {
    super(message, { ...options, kind: ERROR_KIND.conflict });
  }
}

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
