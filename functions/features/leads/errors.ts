import { AppError } from '../../core/errors.js';
import type { Lead } from './model.js';
import type { LeadOutcome, LeadStatus } from './workflow.js';

export class LeadError extends AppError {}
export class LeadNotFoundError extends LeadError {
  constructor(readonly reference: string) {
    super(`lead ${reference} not found`);
  }
}
/** The lead changed under the caller (already claimed, status moved on): re-read and decide again. */
export class LeadConflictError extends LeadError {
  constructor(
    message: string,
    readonly current?: Lead,
  ) {
    super(message);
  }
}
export class InvalidTransitionError extends LeadError {
  constructor(
    readonly from: LeadStatus,
    readonly to: LeadStatus,
    readonly outcome?: LeadOutcome,
  ) {
    super(`cannot move a lead from ${from} to ${to}${outcome ? ` (${outcome})` : ''}`);
  }
}
