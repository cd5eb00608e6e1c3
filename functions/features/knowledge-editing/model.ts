import { z } from 'zod';
import type { Lang } from '../../core/types.js';
import { DESKS, type FrontMatter, LANGS, MAX_BODY_CHARS } from '../knowledge/schema.js';

/**
 * The knowledge base as officers edit it. An entry (`id`) has numbered versions; each version holds
 * the entry in both languages. A draft save is a version; publishing marks one version as the
 * entry's published one; a rollback is a new version copying an earlier one, published at once.
 * Citizens are only ever answered from the published base (the artifact built at publish time).
 */

/** One language of an entry: the front matter of `knowledge/<id>.<lang>.md` (less id and lang) and its body. */
export interface LangDoc extends Omit<FrontMatter, 'id' | 'lang'> {
  body: string;
  /**
   * The front matter text as imported from git, kept so `kb:export` writes unchanged fields back
   * byte for byte (YAML folding and quoting are the curator's, not ours).
   */
  raw?: string | undefined;
}

/** What created a version. */
export const VERSION_KINDS = {
  /** `kb:import` or the first start's seeding from `knowledge/`. */
  imported: 'imported',
  draft: 'draft',
  /** A copy of an earlier version, published at once. */
  rollback: 'rollback',
  /** A gap's question added as a new way of asking (a draft). */
  gap: 'gap',
} as const;
export type VersionKind = (typeof VERSION_KINDS)[keyof typeof VERSION_KINDS];

/** Who did something, as the audit shows it: the id and the name at the time. */
export interface Actor {
  id: string;
  name: string;
}

export interface EntryVersion {
  entryId: string;
  /** 1, 2, 3…: the next save must name the version it was based on (optimistic concurrency). */
  version: number;
  kind: VersionKind;
  docs: Partial<Record<Lang, LangDoc>>;
  author: Actor;
  createdAt: string;
  /** The version this one was edited from (0 for a new entry). */
  basedOn: number;
  /** For a rollback: the version copied. */
  copiedFrom?: number | undefined;
  /** Set once the version has been published. */
  published?: { by: Actor; at: string; onePerson: boolean } | undefined;
}

/** Where an entry stands, for the list. */
export const ENTRY_STATES = {
  /** Published, no newer draft. */
  published: 'published',
  /** Published, with a newer draft waiting for review. */
  draftPending: 'draft-pending',
  /** Never published: only drafts. */
  newDraft: 'new-draft',
} as const;
export type EntryState = (typeof ENTRY_STATES)[keyof typeof ENTRY_STATES];

/** Where an entry stands against its `valid_until` date. */
export const EXPIRY_STATES = {
  valid: 'valid',
  /** Past `valid_until`, within the grace period: still served, its desk told. */
  grace: 'grace',
  /** Past the grace period: no longer served (the assistant declines instead). */
  withdrawn: 'withdrawn',
} as const;
export type ExpiryState = (typeof EXPIRY_STATES)[keyof typeof EXPIRY_STATES];

/** One row of the entry list (`GET /api/knowledge`): one item per entry, no version read. */
export interface EntrySummary {
  id: string;
  state: EntryState;
  latestVersion: number;
  publishedVersion: number | null;
  titles: Partial<Record<Lang, string>>;
  ownerDesk: string;
  sources: string[];
  validUntil: string | null;
  expiry: ExpiryState;
  updatedAt: string;
  updatedBy: Actor;
  publishedAt: string | null;
  publishedBy: Actor | null;
}

/** An entry with its history (`GET /api/knowledge/:id`). */
export interface EntryDetail {
  summary: EntrySummary;
  /** Newest first. */
  versions: EntryVersion[];
  published: EntryVersion | undefined;
  latest: EntryVersion;
  audit: KnowledgeAuditEntry[];
}

/** A field changed between two versions of one language. */
export interface FieldChange {
  lang: Lang;
  field: keyof Omit<LangDoc, 'raw'>;
  before: unknown;
  after: unknown;
}

/** A line of a body diff. */
export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
}

export interface EntryDiff {
  entryId: string;
  /** `null`: the entry was never published (everything is new). */
  from: number | null;
  to: number;
  changes: FieldChange[];
  /** Per language, the body line by line. */
  body: Partial<Record<Lang, DiffLine[]>>;
}

export const AUDIT_ACTIONS = {
  imported: 'kb_imported',
  draftSaved: 'kb_draft_saved',
  published: 'kb_published',
  rolledBack: 'kb_rolled_back',
  gapAttached: 'kb_gap_attached',
  gapDraft: 'kb_gap_draft',
  gapIgnored: 'kb_gap_ignored',
  expiryFlagged: 'kb_expiry_flagged',
} as const;
export type KnowledgeAuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

/** Written once, never updated: who, what, when (both names for a publish). */
export interface KnowledgeAuditEntry {
  at: string;
  action: KnowledgeAuditAction;
  entryId: string;
  version?: number | undefined;
  actor: Actor;
  /** For a publish: the author of the draft published. */
  author?: Actor | undefined;
  /** Published by its own author: the configured one-person mode was used. */
  onePerson?: boolean | undefined;
  detail?: Record<string, string> | undefined;
}

/** The published base: what the pointer names and the functions load. */
export interface PublishedPointer {
  /** Increases by one per publish or rollback, across all entries. */
  baseVersion: number;
  contentHash: string;
  chunks: number;
  bytes: number;
  publishedAt: string;
}

export interface PublishResult {
  entryId: string;
  version: number;
  baseVersion: number;
  onePerson: boolean;
  /** Gaps marked resolved by this publish. */
  gapsResolved: number;
}

/** A gap (an unanswered question, grouped by its normalized form) as officers handle it. */
export const GAP_STATES = {
  open: 'open',
  /** Attached to an entry (a draft); resolved when that entry is published. */
  pending: 'pending',
  resolved: 'resolved',
  ignored: 'ignored',
} as const;
export type GapState = (typeof GAP_STATES)[keyof typeof GAP_STATES];

export interface GapRecord {
  normalized: string;
  state: GapState;
  question: string;
  lang: Lang;
  firstAskedAt: string;
  entryId?: string | undefined;
  handledBy?: Actor | undefined;
  handledAt?: string | undefined;
  resolvedAt?: string | undefined;
}

export interface GapStats {
  resolved: number;
  /** Median time from the first time the question was asked to its answer's publication; null if none. */
  medianHoursToResolve: number | null;
  ignored: number;
  pending: number;
}

export interface ExpiryRow {
  id: string;
  title: string;
  ownerDesk: string;
  validUntil: string;
  expiry: ExpiryState;
  /** The last day it is served (valid-until plus the grace period). */
  servedUntil: string;
  notifiedAt: string | null;
}

const slug = z
  .string()
  .max(48)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be a lowercase slug (a-z, 0-9, dashes)');
export const entryIdSchema = slug;

/**
 * The body of `PUT /api/knowledge/:id`: one language of a draft. `summary` and `keywords` are
 * optional (the previous version's are kept; a new entry derives them from the body and title).
 * Structure only: whether it may be published is the publish-time check's business (422).
 */
export const draftInputSchema = z.strictObject({
  lang: z.enum(LANGS),
  title: z.string().trim().min(3).max(120),
  body: z
    .string()
    .trim()
    .min(1)
    .max(MAX_BODY_CHARS * 4),
  questions: z.array(z.string().trim().min(3).max(200)).max(40).default([]),
  sources: z.array(z.string().trim().min(1).max(200)).max(20),
  ownerDesk: z.enum(DESKS),
  validUntil: z.iso.date().nullable().optional(),
  summary: z.string().trim().min(10).max(400).optional(),
  keywords: z.array(z.string().trim().min(1).max(80)).min(1).max(80).optional(),
  /** The version the editor started from; a stale one is a 409. Absent: the latest. */
  baseVersion: z.number().int().min(0).optional(),
});
export type DraftInput = z.input<typeof draftInputSchema>;
export type DraftFields = z.output<typeof draftInputSchema>;

export const rollbackInputSchema = z.strictObject({ version: z.number().int().min(1) });
