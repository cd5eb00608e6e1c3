import { type Context, Hono } from 'hono';
import { requireRole } from '../../../console/auth.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../../console/env.js';
import { type ConsoleTexts, consoleTexts } from '../../../console/i18n.js';
import { Page } from '../../../console/layout.js';
import { listOfficers, type Officer } from '../../../console/officers/repository.js';
import { InvalidInputError } from '../../../core/errors.js';
import type { Lang } from '../../../core/types.js';
import { PROGRAMME_IDS, SECTOR_IDS } from '../catalog.js';
import { countAwaiting, type InboxState, inboxStates } from '../inbox.js';
import { cachedCount, heldLeadsMatching, listLeadsPage, pageableFilter } from '../list-page.js';
import { LEAD_STATUSES, type Lead } from '../repository.js';
import { isOverdue } from '../sla-clock.js';
import { CSV_FIELDS, csvTexts, csvVariant, leadsCsv } from './csv.js';
import {
  countryLabel,
  countryOptions,
  type DateFormat,
  dateFormat,
  deskLabel,
  durationLabel,
  leadSubject,
  programmeLabel,
  sectorLabel,
} from './labels.js';
import {
  canSeeAllDesks,
  DESK_IDS,
  type FilterInput,
  filterSchema,
  findLeadFields,
  findLeads,
  ROUTING,
  scopeFilter,
} from './leads-service.js';
import { PAGE_SIZE, Pager, pageHref, pagerTexts } from './pager.js';
import { SlaBadge } from './sla-badge.js';
import { leadConsoleTexts } from './texts.js';

/** Kept for importers: the list shows pages of `PAGE_SIZE` rows now. */
export const PAGE_ROWS = PAGE_SIZE;

/**
 * The filter of a query string. A bad one is an InvalidInputError: the zod issues for the API's
 * scripts, and for an officer's page the fields by name in French and English.
 */
export function parseFilter(query: Record<string, string>): FilterInput {
  const parsed = filterSchema.safeParse(query);
  if (!parsed.success) {
    const explain = (lang: Lang) => {
      const lt = leadConsoleTexts(lang);
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))]
        .map((f) => lt.fieldNames[f])
        .filter(Boolean)
        .join(', ');
      return lt.filterInvalid(fields);
    };
    throw new InvalidInputError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      { fr: explain('fr'), en: explain('en') },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

export const nameMap = (officers: Officer[]) => new Map(officers.map((o) => [o.id, o.name]));

/** How the list is ordered and narrowed beyond the lead filter (`sort`, `waiting`, `overdue`). */
export interface InboxView {
  sort: 'created' | 'citizen';
  waitingOnly: boolean;
  /** Only the open leads past their desk's SLA ("en retard"). */
  overdueOnly: boolean;
}
export const inboxView = (query: Record<string, string>): InboxView => ({
  sort: query.sort === 'citizen' ? 'citizen' : 'created',
  waitingOnly: query.waiting === '1',
  overdueOnly: query.overdue === '1',
});

/**
 * The filtered leads with their inbox state, ordered and narrowed as the view asks: by the
 * citizen's latest message (never-written last), or the waiting ones only.
 */
export async function inboxList(
  deps: ConsoleDeps,
  officer: Officer,
  filter: FilterInput,
  view: InboxView,
): Promise<{ leads: Lead[]; states: Map<string, InboxState> }> {
  const nowMs = (deps.now ?? Date.now)();
  const found = await findLeads(deps, officer, filter);
  const all = view.overdueOnly ? found.filter((l) => isOverdue(l, ROUTING, nowMs)) : found;
  const states = await inboxStates(deps.store, all, { withCitizenTimes: view.sort === 'citizen' });
  let leads = view.waitingOnly ? all.filter((l) => states.get(l.reference)?.awaitingReply) : all;
  if (view.sort === 'citizen') {
    const at = (l: Lead) => states.get(l.reference)?.lastCitizenMessageAt ?? '';
    leads = [...leads].sort((a, b) => at(b).localeCompare(at(a)));
  }
  return { leads, states };
}

/** One page of the list as the officer sees it, with the links to its neighbours. */
export interface LeadsPage {
  leads: Lead[];
  states: Map<string, InboxState>;
  total: number;
  /** Leads of the whole filtered list (not just this page) waiting for an officer. */
  waiting: number;
  previous?: Record<string, string> | undefined;
  next?: Record<string, string> | undefined;
}

/**
 * One page of the filtered list. The usual view (newest first, no name search) reads by key: one
 * page of rows, a COUNT for the total, the held conversations for the waiting count. The views
 * that need every row (sorted by the citizen's last message, waiting or late only, a name search)
 * read the filtered list and show one page of it.
 */
export async function leadsPage(
  deps: ConsoleDeps,
  officer: Officer,
  filter: FilterInput,
  view: InboxView,
  query: Record<string, string>,
  size = PAGE_SIZE,
): Promise<LeadsPage> {
  if (view.sort === 'created' && !view.waitingOnly && !view.overdueOnly && pageableFilter(filter)) {
    const scoped = scopeFilter(officer, filter);
    const [page, held] = await Promise.all([
      listLeadsPage(deps.store, scoped, DESK_IDS, { limit: size, before: query.before, after: query.after }),
      heldLeadsMatching(deps.store, scoped, DESK_IDS),
    ]);
    // A list on one page is its own total; a longer one is counted (and that count reused a while).
    const single = !page.newer && !page.older;
    // Only a held conversation can wait (inbox.ts): the held ones' states are the page's too.
    const [heldStates, total] = await Promise.all([
      inboxStates(deps.store, held),
      single ? page.leads.length : cachedCount(deps.store, scoped, DESK_IDS, (deps.now ?? Date.now)()),
    ]);
    const states = new Map(
      page.leads.map((l) => [l.reference, heldStates.get(l.reference) ?? { awaitingReply: false }]),
    );
    return {
      leads: page.leads,
      states,
      total,
      waiting: [...heldStates.values()].filter((s) => s.awaitingReply).length,
      previous: page.newer ? { after: page.newer } : undefined,
      next: page.older ? { before: page.older } : undefined,
    };
  }
  const { leads, states } = await inboxList(deps, officer, filter, view);
  const pages = Math.max(1, Math.ceil(leads.length / size));
  const n = Math.min(pages, Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1));
  return {
    leads: leads.slice((n - 1) * size, n * size),
    states,
    total: leads.length,
    waiting: [...states.values()].filter((s) => s.awaitingReply).length,
    previous: n > 1 ? { page: String(n - 1) } : undefined,
    next: n < pages ? { page: String(n + 1) } : undefined,
  };
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: { id: string; label: string }[];
  any: string;
}) {
  return (
    <p>
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option value={o.id} selected={o.id === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
}

function Filters(props: {
  t: ConsoleTexts;
  lang: Lang;
  filter: FilterInput;
  officer: Officer;
  officers: Officer[];
  view: InboxView;
}) {
  const { t, lang, filter } = props;
  const lt = leadConsoleTexts(lang);
  const active = activeFilters(filter, props.view);
  // Folded on a phone, where the fields would fill the first screen; open when a filter is set.
  // On a wide screen the shell's CSS shows the form and hides the summary (no script).
  return (
    <details class="fold" open={active > 0}>
      <summary>{lt.filters(active)}</summary>
      <form method="get" action="/console/leads" class="filters" aria-label={t.filter}>
        <p>
          <label for="f-search">{t.search}</label>
          <input id="f-search" name="search" type="search" value={filter.search ?? ''} />
        </p>
        {canSeeAllDesks(props.officer) ? (
          <Select
            name="desk"
            label={t.desk}
            value={filter.desk}
            any={t.any}
            options={DESK_IDS.map((id) => ({ id, label: deskLabel(id, lang) }))}
          />
        ) : null}
        <Select
          name="status"
          label={t.status}
          value={filter.status}
          any={t.any}
          options={LEAD_STATUSES.map((s) => ({ id: s, label: t.statuses[s] ?? s }))}
        />
        <Select
          name="programme"
          label={t.programme}
          value={filter.programme}
          any={t.any}
          options={PROGRAMME_IDS.map((id) => ({ id, label: programmeLabel(id, lang) }))}
        />
        <Select
          name="sector"
          label={t.sector}
          value={filter.sector}
          any={t.any}
          options={SECTOR_IDS.map((id) => ({ id, label: sectorLabel(id, lang) }))}
        />
        <Select
          name="country"
          label={t.country}
          value={filter.country}
          any={t.any}
          options={countryOptions(lang)}
        />
        <Select
          name="assignee"
          label={t.assignee}
          value={filter.assignee}
          any={t.any}
          options={props.officers
            .filter(
              (o) => o.role !== 'admin' && (canSeeAllDesks(props.officer) || o.desk === props.officer.desk),
            )
            .map((o) => ({ id: o.id, label: o.name }))}
        />
        <p>
          <label for="f-from">{t.from}</label>
          <input id="f-from" name="from" type="date" value={filter.from ?? ''} />
        </p>
        <p>
          <label for="f-to">{t.to}</label>
          <input id="f-to" name="to" type="date" value={filter.to ?? ''} />
        </p>
        <p>
          <label for="f-sort">{lt.sort}</label>
          <select id="f-sort" name="sort">
            <option value="created" selected={props.view.sort === 'created'}>
              {lt.sortCreated}
            </option>
            <option value="citizen" selected={props.view.sort === 'citizen'}>
              {lt.sortCitizen}
            </option>
          </select>
        </p>
        <p>
          <label>
            <input type="checkbox" name="waiting" value="1" checked={props.view.waitingOnly} />{' '}
            {lt.waitingOnly}
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" name="overdue" value="1" checked={props.view.overdueOnly} />{' '}
            {lt.overdueOnly}
          </label>
        </p>
        <p class="row">
          <button type="submit">{t.filter}</button>
          <a href="/console/leads">{t.reset}</a>
        </p>
      </form>
    </details>
  );
}

/** How many of the list's filters and view options are set (sorting by creation is the default). */
function activeFilters(filter: FilterInput, view: InboxView): number {
  const set = Object.values(filter).filter((v) => v !== undefined && v !== '').length;
  return set + (view.sort === 'citizen' ? 1 : 0) + (view.waitingOnly ? 1 : 0) + (view.overdueOnly ? 1 : 0);
}

function LeadTable(props: {
  t: ConsoleTexts;
  lang: Lang;
  leads: Lead[];
  names: Map<string, string>;
  fmt: DateFormat;
  states: Map<string, InboxState>;
  nowMs: number;
}) {
  const { t, lang } = props;
  const lt = leadConsoleTexts(lang);
  if (props.leads.length === 0) return <p>{t.noLeads}</p>;
  return (
    <div class="wrap">
      <table class="cards">
        <thead>
          <tr>
            <th scope="col">{t.reference}</th>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.programme}</th>
            <th scope="col">{t.country}</th>
            <th scope="col">{t.desk}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.assignee}</th>
            <th scope="col">{t.created}</th>
          </tr>
        </thead>
        <tbody>
          {props.leads.map((l) => {
            const state = props.states.get(l.reference);
            return (
              <tr class={state?.awaitingReply ? 'awaiting' : undefined}>
                <td data-label={t.reference}>
                  <a href={`/console/leads/${l.reference}`}>{l.reference}</a>
                  {state?.awaitingReply ? (
                    <div class="waiting" title={props.fmt(state.awaitingSince)}>
                      {lt.waitingSince(durationLabel(state.awaitingSince, props.nowMs, lang))}
                    </div>
                  ) : null}
                </td>
                <td data-label={t.name}>{l.fullName ?? ''}</td>
                <td data-label={t.programme}>{leadSubject(l, lang)}</td>
                <td data-label={t.country}>{countryLabel(l.country, lang)}</td>
                <td data-label={t.desk}>{deskLabel(l.desk, lang)}</td>
                <td data-label={t.status}>
                  {t.statuses[l.status]}
                  {l.outcome ? ` (${t.outcomes[l.outcome]})` : ''}
                  {l.escalatedAt ? ` ⚠ ${t.escalated}` : ''}
                  <div>
                    <SlaBadge lead={l} nowMs={props.nowMs} lang={lang} fmt={props.fmt} />
                  </div>
                </td>
                <td data-label={t.assignee}>
                  {l.assignee ? (props.names.get(l.assignee) ?? l.assignee) : t.unassigned}
                </td>
                <td data-label={t.created}>{props.fmt(l.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The lead list with its filters, and the same list as CSV. */
export function leadListRoutes(deps: ConsoleDeps) {
  const app = new Hono<ConsoleEnv>();
  // Per route, not app.use(): a sub-app's catch-all middleware would reach its siblings once mounted.
  const allowed = requireRole('officer', 'supervisor');

  /** The list's results: the page embeds them, and htmx fetches them again every few seconds. */
  const results = async (c: Context<ConsoleEnv>, officersRead: Promise<Officer[]>) => {
    const officer = c.get('officer');
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const query = c.req.query();
    const filter = parseFilter(query);
    const view = inboxView(query);
    const [{ leads, states, total, waiting, previous, next }, officers] = await Promise.all([
      leadsPage(deps, officer, filter, view, query),
      officersRead,
    ]);
    const search = new URL(c.req.url).search;
    const csvSearch = pageHref('', query, {});
    const pt = pagerTexts(lang);
    return (
      <section
        id="lead-results"
        hx-get={`/console/inbox/leads${search}`}
        hx-trigger="every 5s"
        hx-swap="outerHTML"
      >
        <p class="row">
          <span>
            {t.total}: {total}
          </span>
          {waiting > 0 ? (
            <strong class="waiting">{leadConsoleTexts(lang).waitingCount(waiting)}</strong>
          ) : null}
          <a href={`/console/leads.csv${csvSearch}`} download>
            {t.exportCsv}
          </a>
          <a href={`/console/leads.csv${csvSearch}${csvSearch ? '&' : '?'}format=excel`} download>
            {csvTexts(lang).exportExcel}
          </a>
        </p>
        <LeadTable
          t={t}
          lang={lang}
          leads={leads}
          names={nameMap(officers)}
          fmt={dateFormat(lang, deps.config.OFFICER_TIME_ZONE)}
          states={states}
          nowMs={(deps.now ?? Date.now)()}
        />
        <Pager
          lang={lang}
          previous={previous && pageHref('/console/leads', query, previous)}
          next={next && pageHref('/console/leads', query, next)}
          label={leads.length > 0 ? pt.shown(leads.length, total) : undefined}
        />
      </section>
    );
  };

  app.get('/leads', allowed, async (c) => {
    const officer = c.get('officer');
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const filter = parseFilter(c.req.query());
    const officersRead = listOfficers(deps.store);
    const [body, officers] = await Promise.all([results(c, officersRead), officersRead]);
    const query = new URL(c.req.url).search;
    return c.html(
      <Page
        shell={deps.shell}
        lang={lang}
        title={t.leads}
        officer={officer}
        csrfToken={c.get('session')?.csrfToken}
        path={`/console/leads${query}`}
      >
        <section>
          <Filters
            t={t}
            lang={lang}
            filter={filter}
            officer={officer}
            officers={officers}
            view={inboxView(c.req.query())}
          />
        </section>
        {body}
      </Page>,
    );
  });

  app.get('/inbox/leads', allowed, async (c) => c.html(await results(c, listOfficers(deps.store))));

  /** The navigation's count: leads of the officer's desks (every desk for a supervisor) waiting. */
  app.get('/inbox/count', allowed, async (c) => {
    const officer = c.get('officer');
    const n = await countAwaiting(deps.store, canSeeAllDesks(officer) ? DESK_IDS : [officer.desk]);
    const lang = c.get('lang');
    return c.html(
      n === 0 ? (
        ''
      ) : (
        <>
          {String(n)}
          <span class="skip"> {leadConsoleTexts(lang).waitingCount(n)}</span>
        </>
      ),
    );
  });

  app.get('/leads.csv', allowed, async (c) => {
    const officer = c.get('officer');
    const filter = parseFilter(c.req.query());
    const [leads, officers] = await Promise.all([
      findLeadFields(deps, officer, filter, CSV_FIELDS),
      listOfficers(deps.store),
    ]);
    const day = new Date((deps.now ?? Date.now)()).toISOString().slice(0, 10);
    const variant = csvVariant(c.req.query('format'));
    const csv = leadsCsv(leads, c.get('lang'), nameMap(officers), {
      variant,
      timeZone: deps.config.OFFICER_TIME_ZONE,
      viewerId: officer.id,
    });
    // As bytes: a string body is checked for lone surrogates, then encoded all the same.
    return c.body(Buffer.from(csv, 'utf8'), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="leads-${day}${variant === 'excel' ? '-excel' : ''}.csv"`,
      'Cache-Control': 'no-store',
    });
  });

  return app;
}

export const leadListPage: ConsolePage = {
  routes: leadListRoutes,
  nav: {
    href: '/console/leads',
    label: { fr: consoleTexts('fr').leads, en: consoleTexts('en').leads },
    roles: ['officer', 'supervisor'],
    badge: '/console/inbox/count',
  },
};
