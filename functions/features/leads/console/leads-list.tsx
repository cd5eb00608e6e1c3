import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole } from '../../../console/auth.js';
import type { ConsoleDeps, ConsoleEnv, ConsolePage } from '../../../console/env.js';
import { type ConsoleTexts, consoleTexts } from '../../../console/i18n.js';
import { Page } from '../../../console/layout.js';
import { listOfficers, type Officer } from '../../../console/officers/repository.js';
import type { Lang } from '../../../core/types.js';
import { PROGRAMME_IDS, SECTOR_IDS } from '../catalog.js';
import { LEAD_STATUSES, type Lead } from '../repository.js';
import { leadsCsv } from './csv.js';
import {
  countryLabel,
  countryOptions,
  type DateFormat,
  dateFormat,
  deskLabel,
  leadSubject,
  programmeLabel,
  sectorLabel,
} from './labels.js';
import { canSeeAllDesks, DESK_IDS, type FilterInput, filterSchema, findLeads } from './leads-service.js';
import { leadConsoleTexts } from './texts.js';

/** The page shows the newest rows; the CSV export carries the whole filtered list. */
export const PAGE_ROWS = 200;

/** The filter of a query string; with `lang` (a page), a bad one is explained in that language. */
export function parseFilter(query: Record<string, string>, lang?: Lang): FilterInput {
  const parsed = filterSchema.safeParse(query);
  if (!parsed.success) {
    if (lang) {
      const lt = leadConsoleTexts(lang);
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))]
        .map((f) => lt.fieldNames[f])
        .filter(Boolean)
        .join(', ');
      throw new HTTPException(400, { message: lt.filterInvalid(fields) });
    }
    throw new HTTPException(400, {
      message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  }
  return parsed.data;
}

export const nameMap = (officers: Officer[]) => new Map(officers.map((o) => [o.id, o.name]));

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
}) {
  const { t, lang, filter } = props;
  return (
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
      <p class="row">
        <button type="submit">{t.filter}</button>
        <a href="/console/leads">{t.reset}</a>
      </p>
    </form>
  );
}

function LeadTable(props: {
  t: ConsoleTexts;
  lang: Lang;
  leads: Lead[];
  names: Map<string, string>;
  fmt: DateFormat;
}) {
  const { t, lang } = props;
  if (props.leads.length === 0) return <p>{t.noLeads}</p>;
  return (
    <div class="wrap">
      <table>
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
          {props.leads.map((l) => (
            <tr>
              <td>
                <a href={`/console/leads/${l.reference}`}>{l.reference}</a>
              </td>
              <td>{l.fullName ?? ''}</td>
              <td>{leadSubject(l, lang)}</td>
              <td>{countryLabel(l.country, lang)}</td>
              <td>{deskLabel(l.desk, lang)}</td>
              <td>
                {t.statuses[l.status]}
                {l.outcome ? ` (${t.outcomes[l.outcome]})` : ''}
                {l.escalatedAt ? ` ⚠ ${t.escalated}` : ''}
              </td>
              <td>{l.assignee ? (props.names.get(l.assignee) ?? l.assignee) : t.unassigned}</td>
              <td>{props.fmt(l.createdAt)}</td>
            </tr>
          ))}
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

  app.get('/leads', allowed, async (c) => {
    const officer = c.get('officer');
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const filter = parseFilter(c.req.query(), lang);
    const [leads, officers] = await Promise.all([findLeads(deps, officer, filter), listOfficers(deps.store)]);
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
          <Filters t={t} lang={lang} filter={filter} officer={officer} officers={officers} />
        </section>
        <section>
          <p class="row">
            <span>
              {t.total}: {leads.length}
            </span>
            <a href={`/console/leads.csv${query}`} download>
              {t.exportCsv}
            </a>
          </p>
          {leads.length > PAGE_ROWS ? <p role="status">{t.truncated(PAGE_ROWS, leads.length)}</p> : null}
          <LeadTable
            t={t}
            lang={lang}
            leads={leads.slice(0, PAGE_ROWS)}
            names={nameMap(officers)}
            fmt={dateFormat(lang, deps.config.OFFICER_TIME_ZONE)}
          />
        </section>
      </Page>,
    );
  });

  app.get('/leads.csv', allowed, async (c) => {
    const officer = c.get('officer');
    const filter = parseFilter(c.req.query(), c.get('lang'));
    const [leads, officers] = await Promise.all([findLeads(deps, officer, filter), listOfficers(deps.store)]);
    const day = new Date((deps.now ?? Date.now)()).toISOString().slice(0, 10);
    return c.body(leadsCsv(leads, c.get('lang'), nameMap(officers)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="leads-${day}.csv"`,
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
  },
};
