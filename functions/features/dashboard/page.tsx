import { Hono } from 'hono';
import { requireRole } from '../../console/auth.js';
import type { ConsoleEnv, ConsolePage } from '../../console/env.js';
import { type ConsoleTexts, consoleTexts } from '../../console/i18n.js';
import { Page } from '../../console/layout.js';
import type { Lang } from '../../core/types.js';
import { GapSection, gapSectionData, seesGaps } from '../knowledge-editing/console/gap-section.js';
import type { KnowledgeConsoleDeps } from '../knowledge-editing/console/shared.js';
import {
  countryLabel,
  dateFormat,
  deskLabel,
  leadSubject,
  programmeLabel,
  sectorLabel,
} from '../leads/console/labels.js';
import { parseFilter } from '../leads/console/leads-list.js';
import { OverdueLeads } from '../leads/console/overdue.js';
import { DashboardCharts } from './chart-section.js';
import { dashboardLeads } from './snapshot.js';
import { dashboardStats } from './stats.js';

function Counts(props: {
  title: string;
  t: ConsoleTexts;
  rows: [string, number][];
  label: (id: string) => string;
}) {
  return (
    <section>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>{props.t.none}</p>
      ) : (
        <table>
          <tbody>
            {props.rows.map(([id, n]) => (
              <tr>
                <th scope="row">{props.label(id)}</th>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function duration(minutes: number, lang: Lang): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const h = minutes / 60;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} ${lang === 'fr' ? 'j' : 'd'}`;
}

/** Counts over the leads the officer may see (the same filters as the list apply). */
/** What the dashboard needs beyond the shell's deps. */
export interface DashboardDeps extends KnowledgeConsoleDeps {
  /** Unanswered questions, grouped, most frequent first (from the knowledge base when present). */
  knowledgeGaps?: (() => Promise<{ question: string; count: number }[]>) | undefined;
}

export function dashboardRoutes(deps: DashboardDeps) {
  const app = new Hono<ConsoleEnv>();
  // Per route, not app.use(): a sub-app's catch-all middleware would reach its siblings once mounted.
  const allowed = requireRole('officer', 'supervisor');
  app.get('/dashboard', allowed, async (c) => {
    const officer = c.get('officer');
    const lang = c.get('lang');
    const t = consoleTexts(lang);
    const leads = await dashboardLeads(deps, officer, parseFilter(c.req.query()));
    const fmt = dateFormat(lang, deps.config.OFFICER_TIME_ZONE);
    const stats = dashboardStats(leads);
    // The questions (scrubbed) are for supervisors and the knowledge base editors, who answer them.
    const gaps = seesGaps(deps, officer) ? await gapSectionData(deps, officer) : undefined;
    return c.html(
      <Page
        shell={deps.shell}
        lang={lang}
        title={t.dashboard}
        officer={officer}
        csrfToken={c.get('session')?.csrfToken}
        path="/console/dashboard"
      >
        <OverdueLeads leads={leads} nowMs={(deps.now ?? Date.now)()} lang={lang} fmt={fmt} />
        <p>
          {t.total}: <strong>{stats.total}</strong> · {t.firstContact}:{' '}
          <strong>
            {stats.medianFirstContactMinutes === undefined
              ? t.none
              : duration(stats.medianFirstContactMinutes, lang)}
          </strong>{' '}
          ({stats.contacted})
        </p>
        <DashboardCharts
          store={deps.store}
          officer={officer}
          leads={leads}
          lang={lang}
          nowMs={(deps.now ?? Date.now)()}
        />
        <div class="grid">
          <Counts title={t.byStatus} t={t} rows={stats.byStatus} label={(s) => t.statuses[s] ?? s} />
          <Counts
            title={t.byProgramme}
            t={t}
            rows={stats.byProgramme}
            label={(p) =>
              p === 'handoff' || p === 'registration'
                ? leadSubject({ kind: p }, lang)
                : programmeLabel(p, lang)
            }
          />
          <Counts title={t.bySector} t={t} rows={stats.bySector} label={(s) => sectorLabel(s, lang) || s} />
          <Counts
            title={t.byCountry}
            t={t}
            rows={stats.byCountry}
            label={(s) => countryLabel(s, lang) || s}
          />
        </div>
        <section>
          <h2>{t.slaBreaches}</h2>
          {stats.escalated.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul>
              {stats.escalated.map((l) => (
                <li>
                  <a href={`/console/leads/${l.reference}`}>{l.reference}</a> · {deskLabel(l.desk, lang)} ·{' '}
                  {t.statuses[l.status]} · {fmt(l.escalatedAt)}
                </li>
              ))}
            </ul>
          )}
        </section>
        {gaps ? (
          <GapSection
            deps={deps}
            data={gaps}
            lang={lang}
            csrf={c.get('session')?.csrfToken}
            done={c.req.query('done')}
          />
        ) : null}
      </Page>,
    );
  });
  return app;
}

export const dashboardPage: ConsolePage<DashboardDeps> = {
  routes: dashboardRoutes,
  nav: {
    href: '/console/dashboard',
    label: { fr: consoleTexts('fr').dashboard, en: consoleTexts('en').dashboard },
    roles: ['officer', 'supervisor'],
  },
};
