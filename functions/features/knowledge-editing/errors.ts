import { AppError, ERROR_KIND } from '../../core/errors.js';

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

/** One failed publish-time check: the rule's name and what to fix, for the officer. */
export interface CheckFailure {
  rule: string;
  message: string;
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
        fr: `Publication refusée, la vérification a échoué : ${list}`,
        en: `Publish refused, the check failed: ${list}`,
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
