import { type Context, Hono } from 'hono';
import type { ConsoleEnv, ConsolePage } from '../../../console/env.js';
import { Csrf, Notice, Page } from '../../../console/layout.js';
import type { Officer } from '../../../console/officers/repository.js';
import { AppError, ERROR_KIND } from '../../../core/errors.js';
import type { Lang } from '../../../core/types.js';
import { DESKS, LANGS } from '../../knowledge/schema.js';
import {
  EditorRightRequiredError,
  GapNotFoundError,
  KnowledgeCheckError,
  OwnDraftError,
  VersionConflictError,
} from '../errors.js';
import {
  type DraftInput,
  draftInputSchema,
  ENTRY_STATES,
  type EntryState,
  type EntrySummary,
  type EntryVersion,
  EXPIRY_STATES,
  type ExpiryState,
  type KnowledgeAuditEntry,
  type LangDoc,
} from '../model.js';
import {
  channelPreviews,
  checkFailureLines,
  DiffView,
  KNOWLEDGE_CSS,
  type KnowledgeConsoleDeps,
  knownSources,
  type Labels,
  labelsFor,
  PLAIN,
  PreviewView,
  requireKnowledgeAccess,
  serviceOf,
  slugFromTitle,
} from './shared.js';
import { knowledgeTexts, langName } from './texts.js';

type C = Context<ConsoleEnv>;
type Message = { kind: 'ok' | 'error' | 'warn'; lines: string[] };

/** One language of the edit form, as shown (from a version, or as the officer typed it). */
export interface FormValues {
  title: string;
  /** The first lines of every answer from the entry; empty on a new entry (derived from the body). */
  summary: string;
  body: string;
  questions: string;
  sources: string[];
  ownerDesk: string;
  validUntil: string;
  baseVersion: number;
}

const ENTRY_STATE_LIST = Object.values(ENTRY_STATES) as EntryState[];
const EXPIRY_STATE_LIST = Object.values(EXPIRY_STATES) as ExpiryState[];

function formFrom(doc: LangDoc | undefined, baseVersion: number, fallbackDesk: string): FormValues {
  return {
    title: doc?.title ?? '',
    summary: doc?.summary ?? '',
    body: doc?.body ?? '',
    questions: (doc?.questions ?? []).join('\n'),
    sources: doc?.sources ?? [],
    ownerDesk: doc?.desk ?? fallbackDesk,
    validUntil: doc?.valid_until ?? '',
    baseVersion,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter(Boolean);

/** The posted form (checkboxes repeat `sources`). */
async function postedForm(c: C): Promise<{ lang: Lang; values: FormValues; action: string; gap: string }> {
  const body = await c.req.parseBody({ all: true });
  const all = (key: string) => {
    const v = body[key];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
      (x): x is string => typeof x === 'string',
    );
  };
  const lang: Lang = str(body.lang) === 'en' ? 'en' : 'fr';
  const base = Number(str(body.baseVersion));
  return {
    lang,
    action: str(body.action),
    gap: str(body.g),
    values: {
      title: str(body.title),
      summary: str(body.summary).replace(/\s*\r?\n\s*/g, ' '),
      // Browsers send a textarea's lines with CRLF: the stored text (and its diff) uses LF.
      body: str(body.body).replace(/\r\n?/g, '\n'),
      questions: str(body.questions).replace(/\r\n?/g, '\n'),
      sources: all('sources'),
      ownerDesk: str(body.ownerDesk),
      validUntil: str(body.validUntil),
      baseVersion: Number.isInteger(base) && base >= 0 ? base : 0,
    },
  };
}

/** The service's input from the form, or the officer's sentences for each field to fix (never zod's English). */
function draftInput(lang: Lang, v: FormValues, l: Labels) {
  const input = {
    lang,
    title: v.title,
    ...(v.summary.trim() ? { summary: v.summary } : {}),
    body: v.body,
    questions: lines(v.questions),
    sources: v.sources,
    ownerDesk: v.ownerDesk,
    validUntil: v.validUntil.trim() === '' ? null : v.validUntil.trim(),
    baseVersion: v.baseVersion,
  };
  const parsed = draftInputSchema.safeParse(input);
  if (parsed.success) return { input: parsed.data as DraftInput, problems: [] as string[] };
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'body')))];
  return {
    input: input as DraftInput,
    problems: fields.map((f) => l.t.invalidFields[f] ?? l.t.invalid),
  };
}

function StateBadge(props: { state: EntryState; l: Labels }) {
  return <span class={`state state-${props.state}`}>{props.l.t.states[props.state]}</span>;
}
function ExpiryBadge(props: { expiry: ExpiryState; l: Labels }) {
  return <span class={`state exp-${props.expiry}`}>{props.l.t.expiries[props.expiry]}</span>;
}

function Shell(props: { c: C; deps: KnowledgeConsoleDeps; title: string; path: string; children?: unknown }) {
  const { c, deps } = props;
  return (
    <Page
      shell={deps.shell}
      lang={c.get('lang')}
      title={props.title}
      officer={c.get('officer')}
      csrfToken={c.get('session')?.csrfToken}
      path={props.path}
    >
      <style>{KNOWLEDGE_CSS}</style>
      {props.children as never}
    </Page>
  );
}

function Messages(props: { message?: Message | undefined }) {
  const m = props.message;
  if (!m) return null;
  return (
    <Notice kind={m.kind}>
      {m.lines.length === 1
        ? m.lines[0]
        : m.lines.map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
    </Notice>
  );
}

/** Entries of the officer's desk past their valid-until date (grace or withdrawn). */
export function expiredForDesk(entries: EntrySummary[], desk: string): EntrySummary[] {
  return entries.filter((e) => e.ownerDesk === desk && e.publishedVersion !== null && e.expiry !== 'valid');
}

// ---- the list ---------------------------------------------------------------------------------

async function listPage(c: C, deps: KnowledgeConsoleDeps) {
  const officer = c.get('officer');
  requireKnowledgeAccess(deps, officer);
  const lang = c.get('lang');
  const service = serviceOf(deps);
  const [entries, sources] = await Promise.all([service.list(), knownSources(deps)]);
  const l = labelsFor(deps, lang, sources);
  const { t } = l;
  const q = c.req.query();
  const state = ENTRY_STATE_LIST.includes(q.state as EntryState) ? (q.state as EntryState) : '';
  const expiry = EXPIRY_STATE_LIST.includes(q.expiry as ExpiryState) ? (q.expiry as ExpiryState) : '';
  const desk = (DESKS as readonly string[]).includes(q.desk ?? '') ? q.desk! : '';
  const shown = entries.filter(
    (e) =>
      (!state || e.state === state) && (!expiry || e.expiry === expiry) && (!desk || e.ownerDesk === desk),
  );
  const expired = expiredForDesk(entries, officer.desk);
  return c.html(
    <Shell c={c} deps={deps} title={t.title} path="/console/knowledge">
      {expired.length > 0 ? (
        <Notice kind="warn">
          <a href={`/console/knowledge?desk=${officer.desk}&expiry=grace`}>{t.expiredFlag(expired.length)}</a>
        </Notice>
      ) : null}
      <p>{t.intro}</p>
      {service.canEdit(officer) ? (
        <p>
          <a href="/console/knowledge/new">{`+ ${t.newEntry}`}</a>
        </p>
      ) : null}
      <form method="get" action="/console/knowledge" class="filters" aria-label={t.filter}>
        <p>
          <label for="kb-state">{t.filterState}</label>
          <select id="kb-state" name="state">
            <option value="">{t.all}</option>
            {ENTRY_STATE_LIST.map((s) => (
              <option value={s} selected={s === state}>
                {t.states[s]}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="kb-expiry">{t.filterExpiry}</label>
          <select id="kb-expiry" name="expiry">
            <option value="">{t.all}</option>
            {EXPIRY_STATE_LIST.map((s) => (
              <option value={s} selected={s === expiry}>
                {t.expiries[s]}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="kb-desk">{t.filterDesk}</label>
          <select id="kb-desk" name="desk">
            <option value="">{t.all}</option>
            {DESKS.map((d) => (
              <option value={d} selected={d === desk}>
                {l.desk(d)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">{t.filter}</button>
        </p>
      </form>
      {shown.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <section class="wrap" style={PLAIN} tabindex={0} aria-label={t.title}>
          <table id="kb-list">
            <thead>
              <tr>
                <th scope="col">{t.french}</th>
                <th scope="col">{t.english}</th>
                <th scope="col">{t.ownerDesk}</th>
                <th scope="col">{t.sources}</th>
                <th scope="col">{t.validUntil}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.expiry}</th>
                <th scope="col">{t.lastChange}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr class={e.expiry !== 'valid' ? 'awaiting' : undefined}>
                  <td>
                    <a href={`/console/knowledge/${e.id}`}>{e.titles.fr ?? e.titles.en ?? t.missing}</a>
                  </td>
                  <td lang="en">{e.titles.en ?? <span lang={lang}>{t.missing}</span>}</td>
                  <td>{l.desk(e.ownerDesk)}</td>
                  <td>{e.sources.map(l.source).join(' ; ')}</td>
                  <td>{e.validUntil ? l.day(e.validUntil) : t.noValidUntil}</td>
                  <td>
                    <StateBadge state={e.state} l={l} />
                  </td>
                  <td>
                    <ExpiryBadge expiry={e.expiry} l={l} />
                  </td>
                  <td>
                    {l.at(e.updatedAt)} {t.by} {e.updatedBy.name}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Shell>,
  );
}

// ---- the entry page ---------------------------------------------------------------------------

function SourceBoxes(props: {
  id: string;
  chosen: string[];
  known: { ref: string; title: string }[];
  l: Labels;
}) {
  const { l } = props;
  const known = [...props.known];
  for (const ref of props.chosen) {
    if (!known.some((k) => k.ref === ref)) known.push({ ref, title: l.source(ref) });
  }
  return (
    <fieldset class="sources">
      <legend>{l.t.sources}</legend>
      <p class="help">{l.t.sourcesHelp}</p>
      {known.map((s, i) => (
        <label for={`${props.id}-${i}`}>
          <input
            type="checkbox"
            id={`${props.id}-${i}`}
            name="sources"
            value={s.ref}
            checked={props.chosen.includes(s.ref)}
          />
          <span>{s.title}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The fields of one language (shared by the entry page and the new-entry / gap forms). */
export function DraftFields(props: {
  prefix: string;
  values: FormValues;
  known: { ref: string; title: string }[];
  l: Labels;
  previewUrl?: string;
  previewTarget?: string;
  /** The language the officer writes in (marked on the fields for screen readers and spell-checkers). */
  contentLang?: Lang | undefined;
}) {
  const { prefix: p, values: v, l } = props;
  const { t } = l;
  return (
    <>
      <p>
        <label for={`${p}-title`}>{t.titleField}</label>
        <input
          type="text"
          id={`${p}-title`}
          name="title"
          value={v.title}
          required
          minlength={3}
          maxlength={120}
        />
      </p>
      <p>
        <label for={`${p}-summary`}>{t.summary}</label>
        <span class="help" id={`${p}-summary-help`}>
          {t.summaryHelp}
        </span>
        <textarea
          id={`${p}-summary`}
          name="summary"
          rows={3}
          maxlength={400}
          aria-describedby={`${p}-summary-help`}
          lang={props.contentLang}
        >
          {v.summary}
        </textarea>
      </p>
      <p>
        <label for={`${p}-body`}>{t.body}</label>
        <span class="help" id={`${p}-body-help`}>
          {t.bodyHelp}
        </span>
        <textarea
          id={`${p}-body`}
          name="body"
          rows={12}
          required
          aria-describedby={`${p}-body-help`}
          lang={props.contentLang}
          {...(props.previewUrl
            ? {
                'hx-post': props.previewUrl,
                'hx-trigger': 'input changed delay:800ms',
                'hx-target': `#${props.previewTarget}`,
                'hx-swap': 'outerHTML',
              }
            : {})}
        >
          {v.body}
        </textarea>
      </p>
      <p>
        <label for={`${p}-questions`}>{t.questions}</label>
        <span class="help" id={`${p}-questions-help`}>
          {t.questionsHelp}
        </span>
        <textarea
          id={`${p}-questions`}
          name="questions"
          rows={4}
          aria-describedby={`${p}-questions-help`}
          lang={props.contentLang}
        >
          {v.questions}
        </textarea>
      </p>
      <SourceBoxes id={`${p}-src`} chosen={v.sources} known={props.known} l={l} />
      <p>
        <label for={`${p}-desk`}>{t.ownerDesk}</label>
        <select id={`${p}-desk`} name="ownerDesk">
          {DESKS.map((d) => (
            <option value={d} selected={d === v.ownerDesk}>
              {l.desk(d)}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for={`${p}-until`}>{t.validUntil}</label>
        <span class="help" id={`${p}-until-help`}>
          {t.validUntilHelp}
        </span>
        <input
          type="date"
          id={`${p}-until`}
          name="validUntil"
          value={v.validUntil}
          aria-describedby={`${p}-until-help`}
        />
      </p>
    </>
  );
}

function PublishedText(props: { version: EntryVersion | undefined; l: Labels; heading: string; lang: Lang }) {
  const doc = props.version?.docs[props.lang];
  const { t } = props.l;
  return (
    <div lang={props.lang}>
      <h3 lang={props.l.lang}>{`${props.heading} · ${langName(props.lang, props.l.lang)}`}</h3>
      {doc ? (
        <>
          <p>
            <strong>{doc.title}</strong>
          </p>
          <div class="bubble">{doc.body}</div>
          {doc.questions && doc.questions.length > 0 ? (
            <>
              <p lang={props.l.lang}>
                <strong>{t.fields.questions}</strong>
              </p>
              <ul>
                {doc.questions.map((q) => (
                  <li>{q}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p lang={props.l.lang}>{t.missing}</p>
      )}
    </div>
  );
}

function auditLine(a: KnowledgeAuditEntry, l: Labels): string {
  const { t } = l;
  const actor = a.actor.id === 'system' ? t.system : a.actor.name;
  const parts = [l.at(a.at), t.auditActions[a.action] ?? t.auditActions.kb_draft_saved, actor];
  if (a.version) parts.push(t.auditVersion(a.version));
  if (a.author && a.author.id !== a.actor.id) parts.push(t.auditAuthor(a.author.name));
  if (a.onePerson) parts.push(t.auditOnePerson);
  const d = a.detail ?? {};
  if (d.lang === 'fr' || d.lang === 'en') parts.push(t.auditLang(langName(d.lang, l.lang).toLowerCase()));
  if (d.copiedFrom && Number(d.copiedFrom)) parts.push(t.copiedFrom(Number(d.copiedFrom)));
  if (d.question) parts.push(t.auditQuestion(d.question));
  if (d.validUntil) parts.push(`${t.validUntil} ${l.day(d.validUntil)}`);
  return parts.join(' · ');
}

interface EntryRender {
  message?: Message;
  status?: 200 | 400 | 403 | 409 | 422;
  forms?: Partial<Record<Lang, FormValues>>;
  previews?: Partial<Record<Lang, boolean>>;
}

async function entryPage(c: C, deps: KnowledgeConsoleDeps, id: string, r: EntryRender = {}) {
  const officer = c.get('officer');
  requireKnowledgeAccess(deps, officer);
  const lang = c.get('lang');
  const service = serviceOf(deps);
  const [detail, known] = await Promise.all([service.get(id), knownSources(deps)]);
  const l = labelsFor(deps, lang, known);
  const { t } = l;
  const csrf = c.get('session')?.csrfToken;
  const { summary, latest, published } = detail;
  const pending = !published || latest.version !== published.version;
  const diff = pending ? await service.diff(id) : undefined;
  const sourceTitles = Object.fromEntries(known.map((k) => [k.ref, k.title]));
  const canEdit = service.canEdit(officer);
  const message = r.message ?? doneMessage(c, l);
  const title = summary.titles[lang] ?? summary.titles.fr ?? summary.titles.en ?? t.entry;
  return c.html(
    <Shell c={c} deps={deps} title={title} path={`/console/knowledge/${id}`}>
      <p>
        <a href="/console/knowledge">{t.back}</a>
      </p>
      <Messages message={message} />
      <section>
        <dl>
          <dt>{t.state}</dt>
          <dd>
            <StateBadge state={summary.state} l={l} />
          </dd>
          <dt>{t.expiry}</dt>
          <dd>
            <ExpiryBadge expiry={summary.expiry} l={l} />
            {summary.expiry === 'grace' && summary.validUntil ? (
              <p class="help">
                {t.graceHelp(
                  l.day(
                    new Date(
                      Date.parse(`${summary.validUntil}T12:00:00Z`) +
                        deps.config.KB_EXPIRY_GRACE_DAYS * 86_400_000,
                    )
                      .toISOString()
                      .slice(0, 10),
                  ),
                )}
              </p>
            ) : summary.expiry === 'withdrawn' ? (
              <p class="help">{t.withdrawnHelp}</p>
            ) : null}
          </dd>
          <dt>{t.ownerDesk}</dt>
          <dd>{l.desk(summary.ownerDesk)}</dd>
          <dt>{t.validUntil}</dt>
          <dd>{summary.validUntil ? l.day(summary.validUntil) : t.noValidUntil}</dd>
          <dt>{t.sources}</dt>
          <dd>{summary.sources.map(l.source).join(' ; ')}</dd>
          <dt>{t.lastChange}</dt>
          <dd>
            {l.at(summary.updatedAt)} {t.by} {summary.updatedBy.name}
          </dd>
        </dl>
      </section>

      {pending && diff ? (
        <section id="kb-review">
          <h2>{t.review}</h2>
          <DiffView diff={diff} l={l} />
          <PublishBox deps={deps} officer={officer} latest={latest} id={id} csrf={csrf} l={l} />
        </section>
      ) : null}

      <section>
        <h2>{published ? `${t.published} (${t.version(published.version)})` : t.published}</h2>
        {published ? (
          <div class="langs">
            {LANGS.map((x) => (
              <PublishedText version={published} l={l} heading={t.published} lang={x} />
            ))}
          </div>
        ) : (
          <p>{t.noPublished}</p>
        )}
        {pending ? (
          <>
            <h2>{`${t.latestDraft} (${t.version(latest.version)}, ${l.at(latest.createdAt)}, ${latest.author.name})`}</h2>
            <div class="langs">
              {LANGS.map((x) => (
                <PublishedText version={latest} l={l} heading={t.latestDraft} lang={x} />
              ))}
            </div>
          </>
        ) : (
          <p>{t.noDraft}</p>
        )}
      </section>

      {canEdit ? (
        <section id="kb-edit">
          <h2>{t.edit}</h2>
          <div class="langs">
            {LANGS.map((x) => {
              const values = r.forms?.[x] ?? formFrom(latest.docs[x], latest.version, summary.ownerDesk);
              const doc: Pick<LangDoc, 'title' | 'body' | 'sources'> & Partial<LangDoc> = {
                title: values.title || title,
                body: values.body,
                sources: values.sources,
                ...(values.summary.trim() ? { summary: values.summary } : {}),
              };
              return (
                <form method="post" action={`/console/knowledge/${id}/draft`} lang={lang}>
                  <h3>{t.editLang(langName(x, lang))}</h3>
                  <Csrf token={csrf} />
                  <input type="hidden" name="lang" value={x} />
                  <input type="hidden" name="baseVersion" value={String(values.baseVersion)} />
                  <DraftFields
                    prefix={`kb-${x}`}
                    values={values}
                    known={known}
                    l={l}
                    previewUrl={`/console/knowledge/${id}/preview`}
                    previewTarget={`preview-${x}`}
                    contentLang={x}
                  />
                  <div class="row">
                    <button type="submit" name="action" value="save">
                      {t.saveDraft}
                    </button>
                    <button
                      type="submit"
                      name="action"
                      value="preview"
                      class="secondary"
                      hx-post={`/console/knowledge/${id}/preview`}
                      hx-target={`#preview-${x}`}
                      hx-swap="outerHTML"
                    >
                      {t.previewButton}
                    </button>
                  </div>
                  <h4>{t.preview}</h4>
                  <p class="help">{t.previewIntro}</p>
                  {values.body.trim() ? (
                    <PreviewView
                      id={`preview-${x}`}
                      contentLang={x}
                      l={l}
                      previews={channelPreviews(deps, { id, lang: x, doc }, sourceTitles)}
                    />
                  ) : (
                    <div id={`preview-${x}`} />
                  )}
                </form>
              );
            })}
          </div>
        </section>
      ) : null}

      <section id="kb-versions">
        <h2>{t.versions}</h2>
        <section class="wrap" style={PLAIN} tabindex={0} aria-label={t.versions}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.versions}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.lastChange}</th>
                <th scope="col">{t.rollback}</th>
              </tr>
            </thead>
            <tbody>
              {detail.versions.map((v) => (
                <tr>
                  <th scope="row">{t.versionTitle(v.version)}</th>
                  <td>
                    {t.versionKinds[v.kind] ?? t.versionKinds.draft}
                    {v.copiedFrom ? ` (${t.copiedFrom(v.copiedFrom)})` : ''}
                    {v.published ? (
                      <>
                        <br />
                        {t.publishedOn(l.at(v.published.at), v.published.by.name)}
                        {v.published.onePerson ? ` · ${t.onePerson}` : ''}
                      </>
                    ) : null}
                  </td>
                  <td>
                    {l.at(v.createdAt)} {t.by} {v.author.name}
                  </td>
                  <td>
                    {v.version === published?.version ? (
                      t.currentPublished
                    ) : v.published && service.canPublish(officer) ? (
                      <details class="action">
                        <summary>{t.rollback}</summary>
                        <form method="post" action={`/console/knowledge/${id}/rollback`}>
                          <Csrf token={csrf} />
                          <input type="hidden" name="version" value={String(v.version)} />
                          <p>{t.rollbackConfirm(v.version)}</p>
                          <button type="submit" class="secondary">
                            {`${t.rollback} (${t.version(v.version)})`}
                          </button>
                        </form>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>

      <section id="kb-audit">
        <h2>{t.audit}</h2>
        <ul>
          {[...detail.audit]
            .sort((a, b) => b.at.localeCompare(a.at))
            .map((a) => (
              <li>{auditLine(a, l)}</li>
            ))}
        </ul>
      </section>
    </Shell>,
    r.status ?? 200,
  );
}

function PublishBox(props: {
  deps: KnowledgeConsoleDeps;
  officer: Officer;
  latest: EntryVersion;
  id: string;
  csrf: string | undefined;
  l: Labels;
}) {
  const { t } = props.l;
  const service = serviceOf(props.deps);
  if (!service.canPublish(props.officer)) return <p id="kb-cannot-publish">{t.cannotPublish}</p>;
  const own = props.latest.author.id === props.officer.id;
  if (own && !props.deps.config.ONE_PERSON_PUBLISH) {
    return (
      <p id="kb-own-draft" class="notice" role="status">
        {t.ownDraft}
      </p>
    );
  }
  return (
    <form method="post" action={`/console/knowledge/${props.id}/publish`}>
      <Csrf token={props.csrf} />
      <p class="help">{own ? t.onePersonHelp : t.publishHelp}</p>
      <button type="submit">{`${t.publish} (${t.version(props.latest.version)})`}</button>
    </form>
  );
}

function doneMessage(c: C, l: Labels): Message | undefined {
  const q = c.req.query();
  const n = Number(q.v);
  switch (q.done) {
    case 'saved':
      return { kind: 'ok', lines: [l.t.draftSaved(n)] };
    case 'published':
      return { kind: 'ok', lines: [l.t.publishedDone(Number(q.gaps) || 0)] };
    case 'rolledback':
      return { kind: 'ok', lines: [l.t.rollbackDone(n)] };
    case 'gap-attached':
      return { kind: 'ok', lines: [l.t.gapAttached] };
    case 'gap-drafted':
      return { kind: 'ok', lines: [l.t.gapDrafted] };
    default:
      return undefined;
  }
}

/** A domain error of a form post as the notice above the page (the officer's sentence), or rethrown. */
function errorMessage(error: unknown, l: Labels): { message: Message; status: 400 | 403 | 409 | 422 } {
  if (error instanceof KnowledgeCheckError) {
    return {
      message: { kind: 'error', lines: [l.t.checkFailed, ...checkFailureLines(error, l)] },
      status: 422,
    };
  }
  if (error instanceof OwnDraftError)
    return { message: { kind: 'error', lines: [l.t.ownDraft] }, status: 403 };
  if (error instanceof VersionConflictError)
    return { message: { kind: 'error', lines: [l.t.conflict] }, status: 409 };
  if (error instanceof AppError && error.officer && error.kind) {
    const status =
      error.kind === ERROR_KIND.forbidden
        ? 403
        : error.kind === ERROR_KIND.conflict
          ? 409
          : error.kind === ERROR_KIND.unprocessable
            ? 422
            : error.kind === ERROR_KIND.invalid
              ? 400
              : undefined;
    if (status) return { message: { kind: 'error', lines: [error.officer[l.lang]] }, status };
  }
  throw error;
}

// ---- new entry, and the gaps' "Répondre" -------------------------------------------------------

async function newEntryPage(
  c: C,
  deps: KnowledgeConsoleDeps,
  r: { values?: FormValues; lang?: Lang; gap?: string; message?: Message; status?: 200 | 400 | 409 } = {},
) {
  const officer = c.get('officer');
  const service = serviceOf(deps);
  if (!service.canEdit(officer)) throw new EditorRightRequiredError('edit');
  const lang = c.get('lang');
  const known = await knownSources(deps);
  const l = labelsFor(deps, lang, known);
  const { t } = l;
  const csrf = c.get('session')?.csrfToken;
  const gapKey = r.gap ?? c.req.query('g') ?? '';
  const gap = gapKey ? (await service.openGaps()).find((g) => g.normalized === gapKey) : undefined;
  if (gapKey && !gap) throw new GapNotFoundError(gapKey);
  const draftLang: Lang = r.lang ?? gap?.lang ?? 'fr';
  const values = r.values ?? {
    ...formFrom(
      undefined,
      0,
      officer.desk && (DESKS as readonly string[]).includes(officer.desk) ? officer.desk : DESKS[0],
    ),
    questions: gap ? gap.question : '',
  };
  const entries = gap ? await service.list() : [];
  return c.html(
    <Shell
      c={c}
      deps={deps}
      title={gap ? t.gapAnswerTitle : t.newEntry}
      path={gap ? `/console/knowledge/new?g=${encodeURIComponent(gapKey)}` : '/console/knowledge/new'}
    >
      <p>
        <a href={gap ? '/console/dashboard' : '/console/knowledge'}>{gap ? t.backDashboard : t.back}</a>
      </p>
      <Messages message={r.message} />
      {gap ? (
        <section>
          <h2>{t.gapQuestion}</h2>
          <blockquote lang={gap.lang}>{gap.question}</blockquote>
          <h2>{t.gapAttach}</h2>
          <p class="help">{t.gapAttachHelp}</p>
          <form method="post" action="/console/knowledge/gaps/attach" class="row">
            <Csrf token={csrf} />
            <input type="hidden" name="g" value={gap.normalized} />
            <p>
              <label for="gap-entry">{t.gapPick}</label>
              <select id="gap-entry" name="entryId" required>
                {entries.map((e) => (
                  <option value={e.id}>{e.titles[lang] ?? e.titles.fr ?? e.titles.en ?? e.id}</option>
                ))}
              </select>
            </p>
            <p>
              <button type="submit">{t.gapAttachButton}</button>
            </p>
          </form>
        </section>
      ) : null}
      <section>
        <h2>{gap ? t.gapNew : t.newEntry}</h2>
        {gap ? <p class="help">{t.gapNewHelp}</p> : null}
        <form method="post" action="/console/knowledge/new">
          <Csrf token={csrf} />
          <input type="hidden" name="baseVersion" value="0" />
          {gap ? <input type="hidden" name="g" value={gap.normalized} /> : null}
          <p>
            <label for="new-lang">
              {t.french} / {t.english}
            </label>
            <select id="new-lang" name="lang">
              {LANGS.map((x) => (
                <option value={x} selected={x === draftLang}>
                  {langName(x, lang)}
                </option>
              ))}
            </select>
          </p>
          <DraftFields prefix="new" values={values} known={known} l={l} contentLang={draftLang} />
          <button type="submit" name="action" value="save">
            {t.saveDraft}
          </button>
        </form>
      </section>
    </Shell>,
    r.status ?? 200,
  );
}

export function knowledgeRoutes(deps: KnowledgeConsoleDeps) {
  const app = new Hono<ConsoleEnv>();

  app.get('/knowledge', (c) => listPage(c, deps));

  // The navigation's count: published entries of the officer's desk past their valid-until date.
  app.get('/knowledge/expired-count', async (c) => {
    const officer = c.get('officer');
    if (!serviceOf(deps).canEdit(officer) && !serviceOf(deps).canPublish(officer)) return c.text('');
    const n = expiredForDesk(await serviceOf(deps).list(), officer.desk).length;
    return c.text(n > 0 ? String(n) : '');
  });

  app.get('/knowledge/new', (c) => newEntryPage(c, deps));

  app.post('/knowledge/new', async (c) => {
    const officer = c.get('officer');
    const service = serviceOf(deps);
    // The right first: a refused officer learns why, not what to fix in a form they may not send.
    if (!service.canEdit(officer)) throw new EditorRightRequiredError('edit');
    const l = labelsFor(deps, c.get('lang'));
    const { lang, values, gap } = await postedForm(c);
    const id = slugFromTitle(values.title);
    const { input, problems } = draftInput(lang, values, l);
    if (!id) problems.push(l.t.invalidFields.entryId!);
    if (problems.length > 0) {
      return newEntryPage(c, deps, {
        values,
        lang,
        gap,
        status: 400,
        message: { kind: 'error', lines: [l.t.invalid, ...problems] },
      });
    }
    try {
      const version = gap
        ? await service.draftFromGap(officer, gap, id, { ...input, baseVersion: 0 })
        : await service.saveDraft(officer, id, { ...input, baseVersion: 0 });
      return c.redirect(
        `/console/knowledge/${id}?done=${gap ? 'gap-drafted' : 'saved'}&v=${version.version}`,
        303,
      );
    } catch (error) {
      if (error instanceof VersionConflictError) {
        return newEntryPage(c, deps, {
          values,
          lang,
          gap,
          status: 409,
          message: { kind: 'error', lines: [l.t.entryExists] },
        });
      }
      throw error;
    }
  });

  app.get('/knowledge/gaps/answer', (c) => newEntryPage(c, deps));

  app.post('/knowledge/gaps/attach', async (c) => {
    const body = await c.req.parseBody();
    const entryId = str(body.entryId);
    await serviceOf(deps).attachGap(c.get('officer'), str(body.g), entryId);
    return c.redirect(`/console/knowledge/${entryId}?done=gap-attached`, 303);
  });

  app.post('/knowledge/gaps/ignore', async (c) => {
    const body = await c.req.parseBody();
    await serviceOf(deps).ignoreGap(c.get('officer'), str(body.g));
    return c.redirect('/console/dashboard?done=gap-ignored#kb-gaps', 303);
  });

  app.get('/knowledge/:id', (c) => entryPage(c, deps, c.req.param('id')));

  app.post('/knowledge/:id/draft', async (c) => {
    const id = c.req.param('id');
    const officer = c.get('officer');
    if (!serviceOf(deps).canEdit(officer)) throw new EditorRightRequiredError('edit');
    const l = labelsFor(deps, c.get('lang'));
    const { lang, values, action } = await postedForm(c);
    const forms = { [lang]: values };
    if (action === 'preview') return entryPage(c, deps, id, { forms });
    const { input, problems } = draftInput(lang, values, l);
    if (problems.length > 0) {
      return entryPage(c, deps, id, {
        forms,
        status: 400,
        message: { kind: 'error', lines: [l.t.invalid, ...problems] },
      });
    }
    try {
      const version = await serviceOf(deps).saveDraft(officer, id, input);
      return c.redirect(`/console/knowledge/${id}?done=saved&v=${version.version}#kb-edit`, 303);
    } catch (error) {
      if (error instanceof VersionConflictError) {
        // The officer's text stays in the form; the next save is on the version now shown.
        return entryPage(c, deps, id, {
          forms: { [lang]: { ...values, baseVersion: error.latest } },
          status: 409,
          message: { kind: 'error', lines: [l.t.conflict] },
        });
      }
      const { message, status } = errorMessage(error, l);
      return entryPage(c, deps, id, { forms, status, message });
    }
  });

  // htmx: the preview of the form's text, as a fragment (the whole page without JavaScript).
  app.post('/knowledge/:id/preview', async (c) => {
    requireKnowledgeAccess(deps, c.get('officer'));
    const id = c.req.param('id');
    const { lang, values } = await postedForm(c);
    const known = await knownSources(deps);
    const l = labelsFor(deps, c.get('lang'), known);
    if (!values.body.trim()) return c.html(<div id={`preview-${lang}`} />);
    const previews = channelPreviews(
      deps,
      {
        id,
        lang,
        doc: {
          title: values.title || id,
          body: values.body,
          sources: values.sources,
          ...(values.summary.trim() ? { summary: values.summary } : {}),
        },
      },
      Object.fromEntries(known.map((k) => [k.ref, k.title])),
    );
    return c.html(<PreviewView id={`preview-${lang}`} previews={previews} l={l} contentLang={lang} />);
  });

  app.post('/knowledge/:id/publish', async (c) => {
    const id = c.req.param('id');
    const l = labelsFor(deps, c.get('lang'));
    try {
      const result = await serviceOf(deps).publish(c.get('officer'), id);
      return c.redirect(`/console/knowledge/${id}?done=published&gaps=${result.gapsResolved}`, 303);
    } catch (error) {
      const { message, status } = errorMessage(error, l);
      return entryPage(c, deps, id, { message, status });
    }
  });

  app.post('/knowledge/:id/rollback', async (c) => {
    const id = c.req.param('id');
    const l = labelsFor(deps, c.get('lang'));
    const version = Number(str((await c.req.parseBody()).version));
    try {
      await serviceOf(deps).rollback(c.get('officer'), id, Number.isInteger(version) ? version : 0);
      return c.redirect(`/console/knowledge/${id}?done=rolledback&v=${version}`, 303);
    } catch (error) {
      const { message, status } = errorMessage(error, l);
      return entryPage(c, deps, id, { message, status });
    }
  });

  return app;
}

/** Editors and supervisors see the entry in the navigation, with the count of their desk's expired entries. */
export const knowledgeConsolePage: ConsolePage<KnowledgeConsoleDeps> = {
  routes: knowledgeRoutes,
  nav: {
    href: '/console/knowledge',
    label: { fr: knowledgeTexts('fr').navLabel, en: knowledgeTexts('en').navLabel },
    roles: ['officer', 'supervisor', 'admin'],
    visible: (officer) => officer.editor === true || officer.role === 'supervisor',
    badge: '/console/knowledge/expired-count',
  },
};
