import type { ConsoleDeps } from '../../../console/env.js';
import type { Officer } from '../../../console/officers/repository.js';
import { ForbiddenError } from '../../../core/errors.js';
import type { Lang, ReplyOption } from '../../../core/types.js';
import { extractive, sourceLine } from '../../knowledge/answer.js';
import { answerRoom } from '../../knowledge/capability.js';
import { cutAtBoundary } from '../../knowledge/passage.js';
import type { KnowledgeEntry } from '../../knowledge/retrieval.js';
import type { SourcesFile } from '../../knowledge/schema.js';
import { shippedArtifact } from '../../knowledge/shipped.js';
import { words } from '../../knowledge/text.js';
import { kbTexts } from '../../knowledge/texts.js';
import { type DateFormat, dateFormat, deskLabel } from '../../leads/console/labels.js';
import { type CheckFailure, failureSentences } from '../check-texts.js';
import type { KnowledgeCheckError } from '../errors.js';
import type { DiffLine, EntryDiff, FieldChange, LangDoc } from '../model.js';
import { getMeta } from '../repository.js';
import { createKnowledgeEditing, type KnowledgeEditingService } from '../service.js';
import { type KnowledgeConsoleTexts, knowledgeTexts, langName } from './texts.js';

/** What the knowledge pages need: the shell's deps, and the editing service (built from them if absent). */
/** A scrolling table box: a focusable, named region (keyboard users can scroll it), without a section's frame. */
export const PLAIN = 'border:0;padding:0;margin:0;background:none';

export interface KnowledgeConsoleDeps extends ConsoleDeps {
  knowledgeEditing?: KnowledgeEditingService | undefined;
}

const services = new WeakMap<ConsoleDeps, KnowledgeEditingService>();
/** The composition root's service when it passes one, else one built once per deps object. */
export function serviceOf(deps: KnowledgeConsoleDeps): KnowledgeEditingService {
  if (deps.knowledgeEditing) return deps.knowledgeEditing;
  let service = services.get(deps);
  if (!service) {
    service = createKnowledgeEditing({
      store: deps.store,
      config: deps.config,
      logger: deps.logger,
      senders: deps.senders,
      now: deps.now,
    });
    services.set(deps, service);
  }
  return service;
}

/** Editors and supervisors open the knowledge pages (publishing is the service's own check). */
export function mayOpen(deps: KnowledgeConsoleDeps, officer: Officer): boolean {
  const service = serviceOf(deps);
  return service.canEdit(officer) || service.canPublish(officer);
}

export function requireKnowledgeAccess(deps: KnowledgeConsoleDeps, officer: Officer): void {
  if (!mayOpen(deps, officer)) {
    throw new ForbiddenError('Knowledge base: editor right or supervisor role needed', {
      fr: knowledgeTexts('fr').forbidden,
      en: knowledgeTexts('en').forbidden,
    });
  }
}

/** The page's formatters: timestamps in the officers' time zone, calendar dates, desk and source names. */
export interface Labels {
  lang: Lang;
  t: KnowledgeConsoleTexts;
  at: DateFormat;
  /** A calendar date (`valid_until`), written out: "31 janvier 2027". */
  day: (date: string | null | undefined) => string;
  desk: (id: string) => string;
  source: (ref: string) => string;
}

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();
export function dayLabel(date: string | null | undefined, lang: Lang): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
  let f = dayFormats.get(lang);
  if (!f) {
    // A calendar date has no time zone: read at noon UTC, it is the same day everywhere.
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    dayFormats.set(lang, f);
  }
  return f.format(new Date(`${date}T12:00:00Z`));
}

/** The sources an entry may cite: `_sources.yaml` as imported (titles of the seed documents), else the bundled base's. */
export async function knownSources(deps: ConsoleDeps): Promise<{ ref: string; title: string }[]> {
  const meta = await getMeta(deps.store);
  const sources: SourcesFile = meta?.sources ?? {
    seeds: Object.entries(shippedArtifact.sourceTitles).map(([file, title]) => ({ file, title })),
    bodies: [],
  };
  return [
    ...sources.bodies.map((b) => ({ ref: b, title: b })),
    ...sources.seeds.map((s) => ({ ref: s.file, title: s.title })),
  ];
}

export function labelsFor(
  deps: ConsoleDeps,
  lang: Lang,
  sources: { ref: string; title: string }[] = [],
): Labels {
  const titles = new Map(sources.map((s) => [s.ref, s.title]));
  return {
    lang,
    t: knowledgeTexts(lang),
    at: dateFormat(lang, deps.config.OFFICER_TIME_ZONE),
    day: (d) => dayLabel(d, lang),
    desk: (id) => deps.shell?.deskName(id, lang) ?? deskLabel(id, lang),
    // A document file name is a code: officers read its title (the bundled titles when not imported).
    source: (ref) => titles.get(ref) ?? shippedArtifact.sourceTitles[ref] ?? ref,
  };
}

/** An entry's id from its French title, for a new entry ("Visa de retour" → "visa-de-retour"). */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
}

// ---- diff -----------------------------------------------------------------------------------

function valueText(value: unknown, field: FieldChange['field'], l: Labels): string {
  if (value === undefined || value === null || value === '') return l.t.emptyValue;
  if (Array.isArray(value)) {
    const items = field === 'sources' ? value.map((v) => l.source(String(v))) : value.map(String);
    return items.length === 0 ? l.t.emptyValue : items.join(' ; ');
  }
  if (field === 'desk') return l.desk(String(value));
  if (field === 'reviewed' || field === 'valid_until') return l.day(String(value)) || String(value);
  return String(value);
}

function BodyLines(props: { lines: DiffLine[]; l: Labels; lang: Lang }) {
  const { t } = props.l;
  return (
    <ol class="diff">
      {props.lines.map((line) =>
        line.op === 'add' ? (
          <li class="add">
            <ins>
              <span class="op">+ {t.added} :</span> <span lang={props.lang}>{line.text || ' '}</span>
            </ins>
          </li>
        ) : line.op === 'del' ? (
          <li class="del">
            <del>
              <span class="op">− {t.removed} :</span> <span lang={props.lang}>{line.text || ' '}</span>
            </del>
          </li>
        ) : (
          <li class="same">
            <span class="visually-hidden">{t.unchanged} : </span>
            <span lang={props.lang}>{line.text || ' '}</span>
          </li>
        ),
      )}
    </ol>
  );
}

const TEXT_FIELDS = new Set<FieldChange['field']>(['title', 'summary', 'keywords', 'questions', 'body']);

/** The service's diff: field changes per language (before → after), then each body line by line. */
export function DiffView(props: { diff: EntryDiff; l: Labels }) {
  const { diff, l } = props;
  const { t } = l;
  const bodies = (['fr', 'en'] as const).filter((lang) => diff.body[lang]);
  // The body is shown line by line below, not as one before/after cell.
  const fields = diff.changes.filter((c) => c.field !== 'body');
  const changed =
    diff.changes.length > 0 || bodies.some((lang) => diff.body[lang]?.some((x) => x.op !== 'same'));
  return (
    <div id="kb-diff">
      <p>{t.diffIntro(diff.from, diff.to)}</p>
      {!changed ? <p>{t.noChange}</p> : null}
      {fields.length > 0 ? (
        <section class="wrap" style={PLAIN} tabindex={0} aria-label={t.review}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.before}</th>
                <th scope="col">{t.after}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((c) => (
                <tr>
                  <th scope="row">
                    {t.fields[c.field]} ({langName(c.lang, l.lang).toLowerCase()})
                  </th>
                  <td class="del" lang={TEXT_FIELDS.has(c.field) ? c.lang : undefined}>
                    <del>{valueText(c.before, c.field, l)}</del>
                  </td>
                  <td class="add" lang={TEXT_FIELDS.has(c.field) ? c.lang : undefined}>
                    <ins>{valueText(c.after, c.field, l)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {bodies.map((lang) =>
        diff.body[lang]?.some((x) => x.op !== 'same') ? (
          <>
            <h3>{t.bodyDiff(langName(lang, l.lang))}</h3>
            <BodyLines lines={diff.body[lang]!} l={l} lang={lang} />
          </>
        ) : null,
      )}
    </div>
  );
}

// ---- check failures -------------------------------------------------------------------------

/** A 422 as the officer reads it: each rule's sentence in their language, never the checker's English. */
export function checkFailureLines(error: KnowledgeCheckError | CheckFailure[], l: Labels): string[] {
  return failureSentences(Array.isArray(error) ? error : error.failures, l.lang);
}

// ---- preview --------------------------------------------------------------------------------

export interface ChannelPreview {
  name: string;
  text: string;
  buttons?: string[] | undefined;
  /** Options as a numbered list inside the text (no buttons on this channel). */
  numbered: boolean;
  /** Characters left for "read more". */
  rest: number;
}

function summaryFrom(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= 400 ? flat : `${flat.slice(0, 397)}…`;
}

/**
 * The answer a citizen asking about the entry's subject would get, on each channel the runtime has:
 * the same steps as the knowledge capability (the extractive answer: summary, matching passage,
 * next step; cut to the channel's answer room; source line, next steps, options with "read more"
 * when there is a rest), rendered by the channel's own `preview` from the ChannelDirectory
 * (features never import a channel). Not shown: related topics (they depend on the published base).
 */
export function channelPreviews(
  deps: ConsoleDeps,
  input: { id: string; lang: Lang; doc: Pick<LangDoc, 'title' | 'body' | 'sources'> & Partial<LangDoc> },
  sourceTitles: Record<string, string>,
): ChannelPreview[] {
  const { doc, lang } = input;
  const entry = {
    id: input.id,
    lang,
    title: doc.title,
    summary: doc.summary ?? summaryFrom(doc.body),
    keywords: doc.keywords ?? [doc.title],
    questions: doc.questions,
    sources: doc.sources,
    desk: doc.desk ?? 'togolese-abroad',
    reviewed: doc.reviewed ?? '2026-01-01',
    valid_until: doc.valid_until,
    body: doc.body,
  } as KnowledgeEntry;
  const kb = kbTexts(lang);
  // As for a question on the entry's subject: the summary, the passage that matches, the next step.
  const { text, rest: afterPassage, passage } = extractive(entry, words(entry.title));
  const source = sourceLine(entry, { ...shippedArtifact.sourceTitles, ...sourceTitles }, passage);
  return deps.channels.all.map((profile) => {
    const { head, rest } = cutAtBoundary(text, answerRoom(deps.channels, profile.id));
    const more = [rest, afterPassage].filter(Boolean).join('\n\n');
    const options: ReplyOption[] = [
      ...(more ? [{ id: 'kb:more', label: kb.more }] : []),
      { id: 'kb:officer', label: kb.officer },
      { id: 'kb:fb:up', label: kb.helpfulYes },
      { id: 'kb:fb:down', label: kb.helpfulNo },
    ];
    const shown = profile.preview({ text: `${head}\n\n${source}\n\n${kb.nextSteps}`, options });
    return {
      name: profile.displayName,
      text: shown.text,
      buttons: shown.buttons,
      numbered: !profile.capabilities.buttons,
      rest: more.length,
    };
  });
}

export function PreviewView(props: { previews: ChannelPreview[]; l: Labels; id: string; contentLang: Lang }) {
  const { t } = props.l;
  return (
    <div id={props.id} class="grid" aria-live="polite">
      {props.previews.map((p) => (
        <figure class="phone">
          <figcaption>{p.name}</figcaption>
          <div class="bubble" lang={props.contentLang}>
            {p.text}
          </div>
          {p.buttons && p.buttons.length > 0 ? (
            <ul class="buttons" aria-label={t.previewButtons}>
              {p.buttons.map((b) => (
                <li>{b}</li>
              ))}
            </ul>
          ) : null}
          {p.rest > 0 ? <p class="meta">{t.previewCut(p.rest)}</p> : null}
        </figure>
      ))}
    </div>
  );
}

/** The pages' own styles (the shell's CSS stays untouched): diff marks, previews, states. */
export const KNOWLEDGE_CSS = `
ol.diff{list-style:none;padding:0;margin:.25rem 0;font-family:ui-monospace,monospace;font-size:.9rem}
ol.diff li{padding:.1rem .4rem;white-space:pre-wrap;overflow-wrap:anywhere}
.add,li.add{background:#e6f4ea}.del,li.del{background:#fde7e9}ins{text-decoration:none}del{text-decoration:line-through}
.op{font-weight:700}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
figure.phone{margin:0;border:1px solid #dde1e6;border-radius:8px;padding:.5rem;background:#efeae2}
figure.phone figcaption{font-weight:700;margin-bottom:.3rem}.bubble{background:#fff;border-radius:8px;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.9rem}
ul.buttons{list-style:none;padding:0;margin:.3rem 0 0;display:grid;gap:.25rem}ul.buttons li{background:#fff;border:1px solid #8a94a0;border-radius:6px;text-align:center;padding:.2rem;font-size:.85rem}
.state{display:inline-block;padding:0 .4em;border-radius:4px;font-size:.85rem;font-weight:600}
.state-published,.exp-valid{background:#e6f4ea;color:#1e5631}.state-draft-pending,.state-new-draft,.exp-grace{background:#fff4ce;color:#6b4e00}.exp-withdrawn{background:#fde7e9;color:#8a1c1c}
.langs{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,320px),1fr));gap:1rem}
.sources label{font-weight:400;display:flex;gap:.4rem;align-items:flex-start}.help{color:#444;font-size:.85rem;margin:.1rem 0 .3rem}
fieldset{border:1px solid #dde1e6;border-radius:6px;margin:.5rem 0}input[type=text],select{width:100%}
`;
