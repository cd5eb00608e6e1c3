import { AppError, ERROR_KIND, type OfficerText } from '../../core/errors.js';
import type { Lead } from './model.js';
import type { LeadOutcome, LeadStatus } from './workflow.js';

export class LeadError extends AppError {}
export class LeadNotFoundError extends LeadError {
  constructor(readonly reference: string) {
    super(`lead ${reference} not found`, { kind: ERROR_KIND.notFound });
  }
}

const CHANGED_UNDER_YOU: OfficerText = {
  fr: 'Ce dossier a changé entre-temps (pris en charge ou déplacé par un autre agent). Rechargez la page.',
  en: 'This lead changed in the meantime (claimed or moved by another officer). Reload the page.',
};

/** The lead changed under the caller (already claimed, status moved on): re-read and decide again. */
export class LeadConflictError extends LeadError {
  constructor(
    message: string,
    readonly current?: Lead,
  ) {
    super(message, { kind: ERROR_KIND.conflict, officer: CHANGED_UNDER_YOU });
  }
}
export class InvalidTransitionError extends LeadError {
  constructor(
    readonly from: LeadStatus,
    readonly to: LeadStatus,
    readonly outcome?: LeadOutcome,
  ) {
    super(`cannot move a lead from ${from} to ${to}${outcome ? ` (${outcome})` : ''}`, {
      kind: ERROR_KIND.conflict,
      officer: {
        fr: 'Ce changement de statut n’est pas possible depuis le statut actuel du dossier.',
        en: 'This status change is not possible from the lead’s current status.',
      },
    });
  }
}
