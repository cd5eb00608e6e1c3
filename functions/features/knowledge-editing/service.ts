import type { Officer } from '../../console/officers/repository.js';
import { senderFor } from '../../core/channel.js';
import type { Config } from '../../core/config.js';
import { ConflictError, InvalidInputError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Lang, Senders } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { buildArtifact } from '../knowledge/build.js';
import { checkKnowledge } from '../knowledge/check.js';
import { DESK_CHANNEL } from '../leads/officers.js';
import { loadRoutingTable, type RoutingTable } from '../leads/routing/routing.js';
import { packArtifact, putArtifactChunks, readPointer } from './artifact-store.js';
import { fieldSentences } from './check-texts.js';
import { type BaseDocs, checkForPublish, loadedFromDocs } from './checks.js';
import type { KnowledgeEditing } from './contract.js';
import { diffVersions } from './diff.js';
import {
  EditorRightRequiredError,
  EntryNotFoundError,
  GapNotFoundError,
  KnowledgeCheckError,
  NothingToPublishError,
  OwnDraftError,
  RollbackTargetError,
  VersionConflictError,
} from './errors.js';
import { expiryState, servedUntilDate } from './expiry.js';
import { readGapGroups } from './gap-groups.js';
import {
  type Actor,
  AUDIT_ACTIONS,
  type DraftFields,
  draftInputSchema,
  ENTRY_STATES,
  type EntryDetail,
  type EntryState,
  type EntrySummary,
  type EntryVersion,
  type ExpiryRow,
  entryIdSchema,
  GAP_STATES,
  type GapRecord,
  type GapStats,
  type KnowledgeAuditEntry,
  type LangDoc,
  type PublishResult,
  VERSION_KINDS,
  type VersionKind,
} from './model.js';
import {
  appendAudit,
  auditItem,
  type EntryHead,
  getHead,
  getMeta,
  getVersion,
  getVersions,
  headFrom,
  listGapStates,
  listHeads,
  markExpiryNotified,
  pointerItem,
  putGapState,
  putHead,
  readEntryPartition,
  saveVersionItems,
  transact,
  versionItem,
} from './repository.js';

export interface KnowledgeEditingDeps {
  store: Store;
  config: Pick<
    Config,
    'ONE_PERSON_PUBLISH' | 'KB_EXPIRY_GRACE_DAYS' | 'PUBLIC_URL' | 'DESK_TELEGRAM_CHAT_IDS'
  >;
  logger?: Logger | undefined;
  /** For the expiry notices to the desks' Telegram groups; without it they are only recorded. */
  senders?: Senders | undefined;
  routing?: RoutingTable | undefined;
  now?: (() => number) | undefined;
}

const ATTEMPTS = 4;
export const actorOf = (o: Pick<Officer, 'id' | 'name'>): Actor => ({ id: o.id, name: o.name });
const today = (nowMs: number) => new Date(nowMs).toISOString().slice(0, 10);

function stateOf(head: EntryHead): EntryState {
  if (head.publishedVersion === null) return ENTRY_STATES.newDraft;
  return head.latestVersion > head.publishedVersion ? ENTRY_STATES.draftPending : ENTRY_STATES.published;
}

/** A first summary from the body when the editor gave none: its first sentences, up to 400 characters. */
function summaryFrom(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= 400) return flat;
  const cut = flat.slice(0, 400);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf(' ; '));
  return (end > 60 ? cut.slice(0, end + 1) : `${cut.slice(0, 397)}…`).trim();
}

function keywordsFrom(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w.length > 3);
  return words.length > 0 ? [...new Set(words)] : [title.trim().toLowerCase()];
}

function parseDraft(input: unknown): DraftFields {
  const parsed = draftInputSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    const fields = parsed.error.issues.map((i) => String(i.path[0] ?? 'body'));
    throw new InvalidInputError(detail, {
      fr: `Brouillon invalide : ${fieldSentences(fields, 'fr').join(' ')}`,
      en: `Invalid draft: ${fieldSentences(fields, 'en').join(' ')}`,
    });
  }
  return parsed.data;
}

function checkId(entryId: string): string {
  const parsed = entryIdSchema.safeParse(entryId);
  if (!parsed.success) {
    throw new InvalidInputError(`Invalid entry id "${entryId}"`, {
      fr: 'Identifiant de fiche invalide : lettres minuscules, chiffres et tirets (48 au plus).',
      en: 'Invalid entry id: lowercase letters, digits and dashes (48 at most).',
    });
  }
  return parsed.data;
}

export function createKnowledgeEditing(deps: KnowledgeEditingDeps): KnowledgeEditing & {
  /** Marks the attached gaps of an entry resolved (called by publish; exposed for tests). */
  resolveGaps(entryId: string, at: string): Promise<number>;
  /** Publishes a version without the two-person rule (the import of git, reviewed there). */
  publishVersion(actor: Actor, version: EntryVersion, options: PublishOptions): Promise<PublishResult>;
  publishImported(actor: Actor, versions: EntryVersion[]): Promise<{ baseVersion: number }>;
  /** Saves a version built by the caller (the import), on condition the head is unchanged. */
  saveVersion(
    actor: Actor,
    entryId: string,
    docs: EntryVersion['docs'],
    kind: VersionKind,
    extra?: Partial<EntryVersion>,
  ): Promise<EntryVersion>;
} {
  const { store, config } = deps;
  const now = deps.now ?? Date.now;
  const grace = config.KB_EXPIRY_GRACE_DAYS;

  const canEdit = (o: Officer) => o.active && o.editor === true;
  const canPublish = (o: Officer) => o.active && (o.editor === true || o.role === 'supervisor');

  function summaryOf(head: EntryHead): EntrySummary {
    const validUntil = head.publishedValidUntil !== undefined ? head.publishedValidUntil : head.validUntil;
    return {
      id: head.id,
      state: stateOf(head),
      latestVersion: head.latestVersion,
      publishedVersion: head.publishedVersion,
      titles: head.titles,
      ownerDesk: head.ownerDesk,
      sources: head.sources,
      validUntil: head.validUntil,
      expiry: head.publishedVersion === null ? 'valid' : expiryState(validUntil, now(), grace),
      updatedAt: head.updatedAt,
      updatedBy: head.latestAuthor,
      publishedAt: head.publishedAt,
      publishedBy: head.publishedBy,
    };
  }

  async function requireHead(entryId: string): Promise<EntryHead> {
    const head = await getHead(store, entryId);
    if (!head) throw new EntryNotFoundError(entryId);
    return head;
  }

  async function requireVersion(entryId: string, version: number): Promise<EntryVersion> {
    const found = await getVersion(store, entryId, version);
    if (!found) throw new EntryNotFoundError(entryId, version);
    return found;
  }

  /**
   * Writes a new version on top of the head read. `expectedBase`: the version the editor saw; a
   * newer head is a VersionConflictError. Without it, a lost race is retried on the new head
   * (each retry rebuilds the docs from it, so a concurrent save of the other language is kept).
   */
  async function writeVersion(
    actor: Actor,
    entryId: string,
    build: (latest: EntryVersion | undefined) => EntryVersion['docs'],
    kind: VersionKind,
    options: {
      expectedBase?: number | undefined;
      extra?: Partial<EntryVersion>;
      audit?: KnowledgeAuditEntry['action'];
      detail?: Record<string, string>;
    } = {},
  ): Promise<EntryVersion> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const head = await getHead(store, entryId);
      const latestNumber = head?.latestVersion ?? 0;
      if (options.expectedBase !== undefined && options.expectedBase !== latestNumber) {
        throw new VersionConflictError(entryId, options.expectedBase, latestNumber);
      }
      const latest = head ? await requireVersion(entryId, latestNumber) : undefined;
      const at = new Date(now()).toISOString();
      const version: EntryVersion = {
        entryId,
        version: latestNumber + 1,
        kind,
        docs: build(latest),
        author: actor,
        createdAt: at,
        basedOn: latestNumber,
        ...options.extra,
      };
      const newHead = headFrom(version, head);
      const audit = auditItem({
        at,
        action: options.audit ?? AUDIT_ACTIONS.draftSaved,
        entryId,
        version: version.version,
        actor,
        detail: options.detail,
      });
      const items = [
        ...saveVersionItems(store, version, newHead),
        { Put: { TableName: store.tableName, Item: audit } },
      ];
      if (await transact(store, 'saveKnowledgeVersion', items)) return version;
      if (options.expectedBase !== undefined) {
        // Lost the race to another save (409), or the head only moved (a publish, an expiry mark): retry.
        const fresh = await getHead(store, entryId);
        const freshLatest = fresh?.latestVersion ?? 0;
        if (freshLatest !== options.expectedBase) {
          throw new VersionConflictError(entryId, options.expectedBase, freshLatest);
        }
      }
    }
    throw new ConflictError(`Entry ${entryId}: too many concurrent saves`, {
      officer: {
        fr: 'Trop d’enregistrements simultanés sur cette fiche : réessayez.',
        en: 'Too many saves at once on this entry: try again.',
      },
    });
  }

  function docFrom(fields: DraftFields, previous: LangDoc | undefined, nowMs: number): LangDoc {
    const validUntil =
      fields.validUntil === undefined ? previous?.valid_until : (fields.validUntil ?? undefined);
    return {
      title: fields.title,
      summary: fields.summary ?? previous?.summary ?? summaryFrom(fields.body),
      keywords: fields.keywords ?? previous?.keywords ?? keywordsFrom(fields.title),
      ...(fields.questions.length > 0 ? { questions: fields.questions } : {}),
      sources: fields.sources,
      desk: fields.ownerDesk,
      reviewed: today(nowMs),
      ...(validUntil ? { valid_until: validUntil } : {}),
      body: fields.body,
      ...(previous?.raw ? { raw: previous.raw } : {}),
    };
  }

  /** The draft's language replaced; the owner desk and valid-until apply to the entry (both languages). */
  function applyDraft(fields: DraftFields, latest: EntryVersion | undefined): EntryVersion['docs'] {
    const nowMs = now();
    const docs: EntryVersion['docs'] = { ...latest?.docs };
    docs[fields.lang] = docFrom(fields, latest?.docs[fields.lang], nowMs);
    for (const [lang, doc] of Object.entries(docs) as [Lang, LangDoc][]) {
      if (lang === fields.lang || !doc) continue;
      const validUntil = fields.validUntil === undefined ? doc.valid_until : (fields.validUntil ?? undefined);
      const { valid_until: _drop, ...rest } = doc;
      docs[lang] = { ...rest, desk: fields.ownerDesk, ...(validUntil ? { valid_until: validUntil } : {}) };
    }
    return docs;
  }

  async function saveDraft(officer: Officer, entryId: string, input: unknown): Promise<EntryVersion> {
    if (!canEdit(officer)) throw new EditorRightRequiredError('edit');
    const id = checkId(entryId);
    const fields = parseDraft(input);
    return writeVersion(actorOf(officer), id, (latest) => applyDraft(fields, latest), VERSION_KINDS.draft, {
      expectedBase: fields.baseVersion,
      detail: { lang: fields.lang },
    });
  }

  /** The published docs of every entry, by id (a few dozen items: one query, one batch read). */
  async function publishedBase(heads: EntryHead[]): Promise<BaseDocs> {
    const versions = await getVersions(
      store,
      heads
        .filter((h) => h.publishedVersion !== null)
        .map((h) => ({ entryId: h.id, version: h.publishedVersion as number })),
    );
    return new Map(versions.map((v) => [v.entryId, v.docs]));
  }

  async function publishVersion(
    actor: Actor,
    version: EntryVersion,
    options: PublishOptions,
  ): Promise<PublishResult> {
    const entryId = version.entryId;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [meta, heads, pointer] = await Promise.all([
        getMeta(store),
        listHeads(store),
        readPointer(store),
      ]);
      if (!meta) {
        throw new ConflictError('No knowledge base imported yet (npm run kb:import)', {
          officer: {
            fr: 'La base de connaissances n’a pas encore été importée (npm run kb:import).',
            en: 'The knowledge base has not been imported yet (npm run kb:import).',
          },
        });
      }
      const head = heads.find((h) => h.id === entryId);
      if (!head) throw new EntryNotFoundError(entryId);
      if (head.latestVersion !== version.version) {
        throw new ConflictError(`Entry ${entryId} changed during the publish`, {
          officer: {
            fr: 'Un nouveau brouillon a été enregistré entre-temps : relisez-le avant de publier.',
            en: 'A new draft was saved in the meantime: review it before publishing.',
          },
        });
      }
      const published = await publishedBase(heads);
      const base: BaseDocs = new Map(published);
      base.set(entryId, version.docs);
      const nowMs = now();
      const history = (await readEntryPartition(store, entryId)).versions
        .filter((v) => v.published)
        .flatMap((v) => Object.values(v.docs) as LangDoc[]);
      const failures = checkForPublish(entryId, base, meta.sources, published, nowMs, history);
      if (failures.length > 0) throw new KnowledgeCheckError(entryId, failures);

      const artifact = buildArtifact(loadedFromDocs(base, meta.sources), meta.prompt);
      const packed = packArtifact(artifact);
      const baseVersion = (pointer?.baseVersion ?? 0) + 1;
      const at = new Date(nowMs).toISOString();
      await putArtifactChunks(store, baseVersion, packed);
      const publishedVersion: EntryVersion = {
        ...version,
        published: { by: actor, at, onePerson: options.onePerson },
      };
      const first = version.docs.fr ?? version.docs.en;
      const newHead: EntryHead = {
        ...head,
        rev: head.rev + 1,
        publishedVersion: version.version,
        publishedAt: at,
        publishedBy: actor,
        publishedValidUntil: first?.valid_until ?? null,
      };
      const ok = await transact(store, 'publishKnowledge', [
        {
          Put: {
            TableName: store.tableName,
            Item: versionItem(publishedVersion),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        putHead(store, newHead),
        pointerItem(
          store,
          {
            baseVersion,
            contentHash: artifact.contentHash,
            chunks: packed.chunks.length,
            bytes: packed.bytes,
            publishedAt: at,
          },
          pointer?.baseVersion ?? null,
        ),
        {
          Put: {
            TableName: store.tableName,
            Item: auditItem({
              at,
              action: options.action,
              entryId,
              version: version.version,
              actor,
              author: version.author,
              onePerson: options.onePerson,
              detail: { baseVersion: String(baseVersion), ...options.detail },
            }),
          },
        },
      ]);
      if (!ok) continue; // another publish moved the pointer (or the head): rebuild on the new base
      deps.logger?.info('knowledge published', {
        entryId,
        version: version.version,
        baseVersion,
        bytes: packed.bytes,
        chunks: packed.chunks.length,
      });
      const gapsResolved = await resolveGaps(entryId, at);
      return { entryId, version: version.version, baseVersion, onePerson: options.onePerson, gapsResolved };
    }
    throw new ConflictError(`Publishing ${entryId}: too many concurrent publishes`, {
      officer: {
        fr: 'Trop de publications simultanées : réessayez.',
        en: 'Too many publishes at once: try again.',
      },
    });
  }

  async function publish(officer: Officer, entryId: string): Promise<PublishResult> {
    if (!canPublish(officer)) throw new EditorRightRequiredError('publish');
    const head = await requireHead(checkId(entryId));
    if (head.publishedVersion === head.latestVersion) throw new NothingToPublishError(entryId);
    const latest = await requireVersion(entryId, head.latestVersion);
    const own = latest.author.id === officer.id;
    if (own && !config.ONE_PERSON_PUBLISH) throw new OwnDraftError(entryId);
    return publishVersion(actorOf(officer), latest, { onePerson: own, action: AUDIT_ACTIONS.published });
  }

  async function rollback(officer: Officer, entryId: string, target: number): Promise<PublishResult> {
    if (!canPublish(officer)) throw new EditorRightRequiredError('publish');
    const id = checkId(entryId);
    const copied = await requireVersion(id, target);
    if (!copied.published) throw new RollbackTargetError(id, target);
    const actor = actorOf(officer);
    const version = await writeVersion(actor, id, () => copied.docs, VERSION_KINDS.rollback, {
      extra: { copiedFrom: target },
      detail: { copiedFrom: String(target) },
    });
    return publishVersion(actor, version, {
      onePerson: false,
      action: AUDIT_ACTIONS.rolledBack,
      detail: { copiedFrom: String(target) },
    });
  }

  async function get(entryId: string): Promise<EntryDetail> {
    const head = await requireHead(checkId(entryId));
    const { versions, audit } = await readEntryPartition(store, entryId);
    const latest = versions.find((v) => v.version === head.latestVersion);
    if (!latest) throw new EntryNotFoundError(entryId, head.latestVersion);
    return {
      summary: summaryOf(head),
      versions,
      published: versions.find((v) => v.version === head.publishedVersion),
      latest,
      audit,
    };
  }

  async function diff(entryId: string, options: { from?: number; to?: number } = {}) {
    const head = await requireHead(checkId(entryId));
    const toNumber = options.to ?? head.latestVersion;
    const fromNumber = options.from ?? head.publishedVersion ?? undefined;
    const [from, to] = await Promise.all([
      fromNumber ? requireVersion(entryId, fromNumber) : Promise.resolve(undefined),
      requireVersion(entryId, toNumber),
    ]);
    return diffVersions(entryId, from, to);
  }

  // ---- gaps ------------------------------------------------------------------------------

  async function findGap(normalized: string) {
    const groups = await readGapGroups(store, now());
    const group = groups.find((g) => g.normalized === normalized);
    if (!group) throw new GapNotFoundError(normalized);
    return group;
  }

  async function openGaps(options: { limit?: number } = {}) {
    const [groups, states] = await Promise.all([readGapGroups(store, now()), listGapStates(store)]);
    const handled = new Set(states.filter((s) => s.state !== GAP_STATES.open).map((s) => s.normalized));
    return groups
      .filter((g) => !handled.has(g.normalized))
      .slice(0, options.limit ?? 100)
      .map((g) => ({
        normalized: g.normalized,
        state: GAP_STATES.open,
        question: g.example,
        lang: g.langs[0] ?? 'fr',
        firstAskedAt: g.firstAskedAt,
        count: g.count,
      }));
  }

  async function attachGap(officer: Officer, normalized: string, entryId: string) {
    if (!canEdit(officer)) throw new EditorRightRequiredError('edit');
    const gap = await findGap(normalized);
    const id = checkId(entryId);
    await requireHead(id);
    const lang: Lang = gap.langs[0] ?? 'fr';
    const question = gap.example.slice(0, 200);
    const version = await writeVersion(
      actorOf(officer),
      id,
      (latest) => {
        const docs = { ...latest?.docs };
        const doc = docs[lang];
        if (doc) {
          const questions = doc.questions ?? [];
          docs[lang] = {
            ...doc,
            questions: questions.includes(question) ? questions : [...questions, question],
          };
        }
        return docs;
      },
      VERSION_KINDS.gap,
      { audit: AUDIT_ACTIONS.gapAttached, detail: { question } },
    );
    await recordGap(officer, gap, GAP_STATES.pending, id);
    return version;
  }

  async function draftFromGap(officer: Officer, normalized: string, entryId: string, input: unknown) {
    if (!canEdit(officer)) throw new EditorRightRequiredError('edit');
    const gap = await findGap(normalized);
    const id = checkId(entryId);
    const fields = parseDraft(input);
    const question = gap.example.slice(0, 200);
    const withQuestion: DraftFields = {
      ...fields,
      questions: fields.questions.includes(question) ? fields.questions : [...fields.questions, question],
    };
    const version = await writeVersion(
      actorOf(officer),
      id,
      (latest) => applyDraft(withQuestion, latest),
      VERSION_KINDS.gap,
      { expectedBase: fields.baseVersion ?? 0, audit: AUDIT_ACTIONS.gapDraft, detail: { question } },
    );
    await recordGap(officer, gap, GAP_STATES.pending, id);
    return version;
  }

  async function recordGap(
    officer: Officer,
    gap: Awaited<ReturnType<typeof findGap>>,
    state: GapRecord['state'],
    entryId?: string,
  ): Promise<GapRecord> {
    const record: GapRecord = {
      normalized: gap.normalized,
      state,
      question: gap.example,
      lang: gap.langs[0] ?? 'fr',
      firstAskedAt: gap.firstAskedAt,
      entryId,
      handledBy: actorOf(officer),
      handledAt: new Date(now()).toISOString(),
    };
    await putGapState(store, record);
    return record;
  }

  async function ignoreGap(officer: Officer, normalized: string) {
    if (!canEdit(officer)) throw new EditorRightRequiredError('edit');
    const record = await recordGap(officer, await findGap(normalized), GAP_STATES.ignored);
    deps.logger?.info('knowledge gap ignored', { by: officer.id });
    return record;
  }

  async function resolveGaps(entryId: string, at: string): Promise<number> {
    const pending = (await listGapStates(store)).filter(
      (s) => s.entryId === entryId && s.state === GAP_STATES.pending,
    );
    for (const record of pending) {
      await putGapState(store, { ...record, state: GAP_STATES.resolved, resolvedAt: at });
    }
    return pending.length;
  }

  async function gapStats(): Promise<GapStats> {
    const states = await listGapStates(store);
    const hours = states
      .filter((s) => s.state === GAP_STATES.resolved && s.resolvedAt)
      .map((s) => (Date.parse(s.resolvedAt!) - Date.parse(s.firstAskedAt)) / 3_600_000)
      .sort((a, b) => a - b);
    const mid = Math.floor(hours.length / 2);
    const median =
      hours.length === 0 ? null : hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
    return {
      resolved: hours.length,
      medianHoursToResolve: median === null ? null : Math.round(median * 10) / 10,
      ignored: states.filter((s) => s.state === GAP_STATES.ignored).length,
      pending: states.filter((s) => s.state === GAP_STATES.pending).length,
    };
  }

  // ---- expiry ----------------------------------------------------------------------------

  async function expiryList(): Promise<ExpiryRow[]> {
    const heads = await listHeads(store);
    return heads
      .filter((h) => h.publishedVersion !== null && (h.publishedValidUntil ?? h.validUntil))
      .map((h) => {
        const validUntil = (h.publishedValidUntil ?? h.validUntil) as string;
        return {
          id: h.id,
          title: h.titles.fr ?? h.titles.en ?? h.id,
          ownerDesk: h.ownerDesk,
          validUntil,
          expiry: expiryState(validUntil, now(), grace),
          servedUntil: servedUntilDate(validUntil, grace),
          notifiedAt: h.expiryNotifiedFor === validUntil ? (h.expiryNotifiedAt ?? null) : null,
        };
      })
      .sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  }

  const frDate = (iso: string) =>
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${iso}T12:00:00Z`),
    );

  async function notifyExpired(): Promise<ExpiryRow[]> {
    const routing = deps.routing ?? loadRoutingTable(undefined, config.DESK_TELEGRAM_CHAT_IDS);
    const told: ExpiryRow[] = [];
    for (const row of await expiryList()) {
      if (row.expiry === 'valid' || row.notifiedAt) continue;
      const at = new Date(now()).toISOString();
      if (!(await markExpiryNotified(store, row.id, row.validUntil, at))) continue;
      told.push({ ...row, notifiedAt: at });
      const desk = routing.desks.find((d) => d.id === row.ownerDesk);
      const text =
        `⏰ Fiche à mettre à jour : « ${row.title} » n’est plus valable depuis le ${frDate(row.validUntil)}. ` +
        (row.expiry === 'grace'
          ? `L’assistant la sert encore jusqu’au ${frDate(row.servedUntil)}, puis cessera de répondre à partir d’elle. `
          : 'L’assistant ne répond plus à partir d’elle. ') +
        `Mettez-la à jour dans la console : ${config.PUBLIC_URL}/console/knowledge/${row.id}`;
      await appendAudit(store, {
        at,
        action: AUDIT_ACTIONS.expiryFlagged,
        entryId: row.id,
        actor: { id: 'system', name: 'system' },
        detail: { validUntil: row.validUntil, desk: row.ownerDesk },
      }).catch((error) => deps.logger?.warn('expiry audit not written', { entryId: row.id, error }));
      if (desk?.telegramChatId && deps.senders) {
        await senderFor(deps.senders, DESK_CHANNEL)
          .send(desk.telegramChatId, { text })
          .catch((error) => deps.logger?.warn('expiry notice not sent', { entryId: row.id, error }));
      }
    }
    return told;
  }

  /**
   * The import's publish: several versions (from git, reviewed there) in one new base. Each head
   * is moved on condition it is unchanged; the pointer last, so functions never see half of it.
   */
  async function publishImported(actor: Actor, versions: EntryVersion[]): Promise<{ baseVersion: number }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [meta, heads, pointer] = await Promise.all([
        getMeta(store),
        listHeads(store),
        readPointer(store),
      ]);
      if (!meta) throw new ConflictError('No knowledge base metadata: import it first');
      const base: BaseDocs = new Map(await publishedBase(heads));
      for (const v of versions) base.set(v.entryId, v.docs);
      const loaded = loadedFromDocs(base, meta.sources);
      const report = checkKnowledge(loaded, now());
      if (report.errors.length > 0) {
        throw new KnowledgeCheckError(
          'kb:import',
          report.errors.map((message) => ({ rule: 'kb:check', message })),
        );
      }
      const artifact = buildArtifact(loaded, meta.prompt);
      const packed = packArtifact(artifact);
      const baseVersion = (pointer?.baseVersion ?? 0) + 1;
      const at = new Date(now()).toISOString();
      await putArtifactChunks(store, baseVersion, packed);
      for (const version of versions) {
        const head = heads.find((h) => h.id === version.entryId);
        if (!head || head.latestVersion !== version.version) continue; // already moved by a previous attempt
        if (head.publishedVersion === version.version) continue;
        const first = version.docs.fr ?? version.docs.en;
        const ok = await transact(store, 'publishImportedKnowledge', [
          {
            Put: {
              TableName: store.tableName,
              Item: versionItem({ ...version, published: { by: actor, at, onePerson: false } }),
              ConditionExpression: 'attribute_exists(PK)',
            },
          },
          putHead(store, {
            ...head,
            rev: head.rev + 1,
            publishedVersion: version.version,
            publishedAt: at,
            publishedBy: actor,
            publishedValidUntil: first?.valid_until ?? null,
          }),
        ]);
        if (!ok) throw new ConflictError(`Entry ${version.entryId} changed during the import`);
      }
      const moved = await transact(store, 'publishImportedPointer', [
        pointerItem(
          store,
          {
            baseVersion,
            contentHash: artifact.contentHash,
            chunks: packed.chunks.length,
            bytes: packed.bytes,
            publishedAt: at,
          },
          pointer?.baseVersion ?? null,
        ),
      ]);
      if (moved) return { baseVersion };
    }
    throw new ConflictError('kb:import: too many concurrent publishes');
  }

  async function list(): Promise<EntrySummary[]> {
    return (await listHeads(store)).map(summaryOf).sort((a, b) => a.id.localeCompare(b.id));
  }

  async function saveVersion(
    actor: Actor,
    entryId: string,
    docs: EntryVersion['docs'],
    kind: VersionKind,
    extra?: Partial<EntryVersion>,
  ) {
    return writeVersion(actor, entryId, () => docs, kind, {
      extra,
      audit: kind === VERSION_KINDS.imported ? AUDIT_ACTIONS.imported : AUDIT_ACTIONS.draftSaved,
    });
  }

  return {
    canEdit,
    canPublish,
    list,
    get,
    saveDraft,
    diff,
    publish,
    rollback,
    openGaps,
    attachGap,
    draftFromGap,
    ignoreGap,
    gapStats,
    expiryList,
    notifyExpired,
    resolveGaps,
    publishVersion,
    publishImported,
    saveVersion,
  };
}

export type KnowledgeEditingService = ReturnType<typeof createKnowledgeEditing>;
export interface PublishOptions {
  onePerson: boolean;
  action: KnowledgeAuditEntry['action'];
  detail?: Record<string, string> | undefined;
}
