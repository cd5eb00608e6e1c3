import type { Officer } from '../../console/officers/repository.js';
import type { Lang } from '../../core/types.js';
import type {
  DraftInput,
  EntryDetail,
  EntryDiff,
  EntrySummary,
  EntryVersion,
  ExpiryRow,
  GapRecord,
  GapStats,
  PublishResult,
} from './model.js';

/**
 * What the console pages and the JSON API call. Every method that changes something takes the
 * signed-in officer, checks the right itself and throws typed errors (errors.ts): the routes
 * never decide a status.
 *
 * Rights: `canEdit(officer)` (the editor flag admins grant) to save drafts and handle gaps;
 * `canPublish(officer)` (editor or supervisor) to publish and roll back. The author of the latest
 * draft cannot publish it unless `ONE_PERSON_PUBLISH` is on (then the audit says so).
 */
export interface KnowledgeEditing {
  canEdit(officer: Officer): boolean;
  canPublish(officer: Officer): boolean;

  /** Every entry with its state, titles, owner desk, sources, valid-until and expiry state. */
  list(): Promise<EntrySummary[]>;
  /** One entry: summary, versions (newest first), the published and the latest version, its audit. */
  get(entryId: string): Promise<EntryDetail>;
  /**
   * Saves one language of a draft as a new version (a new entry when the id is unknown). With
   * `baseVersion` older than the latest: VersionConflictError (409). Without the right: 403.
   * Invalid input: InvalidInputError (400), from the zod schema `draftInputSchema`.
   */
  saveDraft(officer: Officer, entryId: string, input: DraftInput | unknown): Promise<EntryVersion>;
  /** Fields and body lines changed from version `from` (default: the published one) to `to` (default: the latest). */
  diff(entryId: string, options?: { from?: number; to?: number }): Promise<EntryDiff>;
  /**
   * Publishes the latest draft: runs the kb:check rules on the base with it (KnowledgeCheckError,
   * 422, naming each rule), builds the search index, stores the artifact and moves the pointer.
   * Resolves the gaps attached to the entry. 403: no right, or own draft without one-person mode.
   */
  publish(officer: Officer, entryId: string): Promise<PublishResult>;
  /** Copies version `version` as a new version and publishes it at once (checked, audited). */
  rollback(officer: Officer, entryId: string, version: number): Promise<PublishResult>;

  /** Unanswered questions not yet handled (grouped as on the dashboard), newest activity first. */
  openGaps(options?: { limit?: number }): Promise<(GapRecord & { count: number })[]>;
  /** "Répondre" → attach: the question becomes a new way of asking an existing entry (a draft). */
  attachGap(officer: Officer, normalized: string, entryId: string): Promise<EntryVersion>;
  /** "Répondre" → new draft: starts a new entry from the question, with the editor's first text. */
  draftFromGap(
    officer: Officer,
    normalized: string,
    entryId: string,
    input: DraftInput | unknown,
  ): Promise<EntryVersion>;
  /** "Ignorer": the question leaves the report. */
  ignoreGap(officer: Officer, normalized: string): Promise<GapRecord>;
  /** For the dashboard: gaps resolved and the median time from first asked to published answer. */
  gapStats(): Promise<GapStats>;

  /** Published entries with a valid-until date, soonest first, with their expiry state. */
  expiryList(): Promise<ExpiryRow[]>;
  /** Tells each owner desk (Telegram group) once about each of its entries past valid-until. */
  notifyExpired(): Promise<ExpiryRow[]>;
}

/** The language columns the editor shows side by side. */
export const EDITOR_LANGS: readonly Lang[] = ['fr', 'en'];
