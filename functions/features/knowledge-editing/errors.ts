import { AppError, ERROR_KIND } from '../../core/errors.js';
import { type CheckFailure, failureSentences } from './check-texts.js';

export type { CheckFailure };

/** Base of the knowledge editing errors. */
export class KnowledgeEditError extends AppError {}

/** The officer lacks the editor right (admins grant it on the officers page). */
export class EditorRightRequiredError extends KnowledgeEditError {
  constructor(action: 'edit' | 'publish') {
    super(`The ${action} action needs the editor right`, {
      kind: ERROR_KIND.forbidden,
      officer:
        action === 'edit'
          ? {
              fr: 'Modifier la base de connaissances demande le droit « Rédacteur », accordé par un administrateur.',
              en: 'Editing the knowledge base needs the "Editor" right, granted by an administrator.',
            }
          : {
              fr: 'Publier demande le droit « Rédacteur » ou le rôle de superviseur.',
              en: 'Publishing needs the "Editor" right or the supervisor role.',
            },
    });
  }
}

/** Two-person rule: the author of a draft cannot publish it (unless one-person mode is configured). */
export class OwnDraftError extends KnowledgeEditError {
  constructor(entryId: string) {
    super(`The author of the draft of ${entryId} cannot publish it (two-person rule)`, {
      kind: ERROR_KIND.forbidden,
      officer: {
        fr: 'Vous êtes l’auteur de ce brouillon : un second rédacteur ou un superviseur doit le relire et le publier.',
        en: 'You wrote this draft: a second editor or a supervisor must review and publish it.',
      },
    });
  }
}

export class EntryNotFoundError extends KnowledgeEditError {
  constructor(entryId: string, version?: number) {
    super(`No knowledge entry ${entryId}${version ? ` version ${version}` : ''}`, {
      kind: ERROR_KIND.notFound,
      officer: {
        fr: version ? `La version ${version} de cette fiche n’existe pas.` : 'Cette fiche n’existe pas.',
        en: version ? `Version ${version} of this entry does not exist.` : 'This entry does not exist.',
      },
    });
  }
}

/** Another save got there first: the editor reloads and applies their change again. */
export class VersionConflictError extends KnowledgeEditError {
  constructor(
    entryId: string,
    readonly expected: number,
    readonly latest: number,
  ) {
    super(`Entry ${entryId} is at version ${latest}, not ${expected}`, {
      kind: ERROR_KIND.conflict,
      officer: {
        fr: `Quelqu’un a enregistré une autre version de cette fiche (version ${latest}) : rechargez et refaites votre modification.`,
        en: `Someone saved another version of this entry (version ${latest}): reload and make your change again.`,
      },
    });
  }
}

/**
 * A rollback brings back a version citizens were once answered from. A draft never published is
 * not one: publishing it goes through review (the two-person rule), not through rollback.
 */
export class RollbackTargetError extends KnowledgeEditError {
  constructor(entryId: string, version: number) {
    super(`Version ${version} of ${entryId} was never published: it cannot be rolled back to`, {
      kind: ERROR_KIND.unprocessable,
      officer: {
        fr: `La version ${version} n’a jamais été publiée : seule une version déjà publiée peut être rétablie. Un brouillon se publie après relecture.`,
        en: `Version ${version} was never published: only a version that was published can be brought back. A draft is published after review.`,
      },
    });
  }
}

export class NothingToPublishError extends KnowledgeEditError {
  constructor(entryId: string) {
    super(`Entry ${entryId} has no draft newer than its published version`, {
      kind: ERROR_KIND.conflict,
      officer: {
        fr: 'Aucun brouillon à publier : la dernière version est déjà publiée.',
        en: 'Nothing to publish: the latest version is already published.',
      },
    });
  }
}

/** The `kb:check` rules refused the entry: a 422 naming each rule. */
export class KnowledgeCheckError extends KnowledgeEditError {
  constructor(
    entryId: string,
    readonly failures: CheckFailure[],
  ) {
    const list = failures.map((f) => `[${f.rule}] ${f.message}`).join(' ; ');
    super(`Publication refusée / Publish refused (${entryId}): ${list}`, {
      kind: ERROR_KIND.unprocessable,
      officer: {
        fr: `Publication refusée : ${failureSentences(failures, 'fr').join(' ')}`,
        en: `Publish refused: ${failureSentences(failures, 'en').join(' ')}`,
      },
    });
  }
}

export class GapNotFoundError extends KnowledgeEditError {
  constructor(normalized: string) {
    super(`No knowledge gap "${normalized}"`, {
      kind: ERROR_KIND.notFound,
      officer: {
        fr: 'Cette question sans réponse n’existe plus (elle a pu expirer).',
        en: 'This unanswered question no longer exists (it may have expired).',
      },
    });
  }
}
