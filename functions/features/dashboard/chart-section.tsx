import type { Officer } from '../../console/officers/repository.js';
import type { Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { deskLabel, leadSubject, programmeLabel } from '../leads/console/labels.js';
import type { Lead } from '../leads/model.js';
import { listRatings } from '../satisfaction/repository.js';
import { countSubscribersBySource, NO_SOURCE } from '../subscriptions/repository.js';
import {
  breachesPerWeek,
  type ChartData,
  firstContactByDesk,
  lastMonths,
  lastWeeks,
  leadsPerWeek,
  satisfactionPerMonth,
} from './chart-data.js';
import { CHART_CSS, ColumnChart } from './charts.js';

const WEEKS = 8;
const MONTHS = 6;

const TEXTS = {
  fr: {
    charts: 'En images',
    table: 'Les mêmes chiffres en tableau',
    empty: 'Pas encore de données.',
    week: 'Semaine du',
    desk: 'Bureau',
    month: 'Mois',
    source: 'Origine',
    leadsPerWeek: `Dossiers par semaine et par programme (${WEEKS} dernières semaines)`,
    leadsPerWeekDesc: (total: number) =>
      `Nombre de dossiers créés chaque semaine, empilés par programme ; ${total} au total sur la période.`,
    firstContact: 'Délai médian avant le premier contact, par bureau (heures)',
    firstContactDesc:
      'Pour chaque bureau, la durée médiane entre la création du dossier et le premier contact.',
    breaches: `Délais dépassés par semaine (${WEEKS} dernières semaines)`,
    breachesDesc: (total: number) =>
      `Dossiers escaladés pour délai dépassé, par semaine ; ${total} au total.`,
    breachesSeries: 'Délais dépassés',
    satisfaction: `Satisfaction des citoyens par mois (note moyenne sur 5, ${MONTHS} derniers mois)`,
    satisfactionDesc: (n: number) =>
      `Note moyenne donnée par les citoyens chaque mois ; ${n} notes au total.`,
    satisfactionSeries: 'Note moyenne',
    satisfactionByDesk: 'Satisfaction par bureau et par mois',
    ratings: (n: number) => `${n} note${n > 1 ? 's' : ''}`,
    subscribers: 'Abonnés par origine',
    subscribersDesc:
      'Personnes abonnées aujourd’hui à au moins un sujet, selon le lien par lequel elles sont arrivées.',
    subscribersSeries: 'Abonnés',
    noSource: 'Arrivés directement (sans lien)',
    hours: (h: number) => `${h.toLocaleString('fr-FR')} h`,
    score: (s: number) => `${s.toLocaleString('fr-FR')} / 5`,
    count: (n: number) => n.toLocaleString('fr-FR'),
    locale: 'fr-FR',
  },
  en: {
    charts: 'At a glance',
    table: 'The same figures as a table',
    empty: 'No data yet.',
    week: 'Week of',
    desk: 'Desk',
    month: 'Month',
    source: 'Source',
    leadsPerWeek: `Leads per week by programme (last ${WEEKS} weeks)`,
    leadsPerWeekDesc: (total: number) =>
      `Leads created each week, stacked by programme; ${total} in total over the period.`,
    firstContact: 'Median time to first contact, per desk (hours)',
    firstContactDesc: 'For each desk, the median time between a lead’s creation and its first contact.',
    breaches: `SLA breaches per week (last ${WEEKS} weeks)`,
    breachesDesc: (total: number) => `Leads escalated for a missed SLA, per week; ${total} in total.`,
    breachesSeries: 'SLA breaches',
    satisfaction: `Citizen satisfaction per month (average score out of 5, last ${MONTHS} months)`,
    satisfactionDesc: (n: number) => `Average score citizens gave each month; ${n} scores in total.`,
    satisfactionSeries: 'Average score',
    satisfactionByDesk: 'Satisfaction per desk and per month',
    ratings: (n: number) => `${n} score${n > 1 ? 's' : ''}`,
    subscribers: 'Subscribers by source',
    subscribersDesc: 'People subscribed today to at least one topic, by the link they came through.',
    subscribersSeries: 'Subscribers',
    noSource: 'Came directly (no link)',
    hours: (h: number) => `${h.toLocaleString('en-GB')} h`,
    score: (s: number) => `${s.toLocaleString('en-GB')} / 5`,
    count: (n: number) => n.toLocaleString('en-GB'),
    locale: 'en-GB',
  },
};

const sum = (data: ChartData) =>
  data.columns.reduce((a, c) => a + Object.values(c.values).reduce((x, y) => x + y, 0), 0);

/** The dashboard's charts over the leads the officer sees (and their desks' ratings). */
export async function DashboardCharts(props: {
  store: Store;
  officer: Officer;
  leads: Lead[];
  lang: Lang;
  nowMs: number;
}) {
  const { lang, leads, nowMs } = props;
  const t = TEXTS[lang];
  const weeks = lastWeeks(nowMs, WEEKS);
  const months = lastMonths(nowMs, MONTHS);
  const weekFmt = new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(t.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const weekLabel = (ms: number) => weekFmt.format(ms);
  const monthLabel = (m: string) => monthFmt.format(Date.parse(`${m}-01T00:00:00Z`));
  const [allRatings, sources] = await Promise.all([
    listRatings(props.store, `${months[0]}-01`),
    countSubscribersBySource(props.store),
  ]);
  // An officer sees their own desk's scores; a supervisor every desk's.
  const ratings =
    props.officer.role === 'supervisor'
      ? allRatings
      : allRatings.filter((r) => r.desk === props.officer.desk);
  const perWeek = leadsPerWeek(leads, weeks, weekLabel);
  const breaches = breachesPerWeek(leads, weeks, weekLabel);
  const contact = firstContactByDesk(leads, (d) => deskLabel(d, lang));
  const satisfaction = satisfactionPerMonth(ratings, months, monthLabel);
  const subscribers: ChartData = {
    series: ['subscribers'],
    columns: sources
      .filter((s) => s.subscribers > 0)
      .map((s) => ({
        label: s.source === NO_SOURCE ? t.noSource : s.source,
        values: { subscribers: s.subscribers },
      })),
  };
  const programme = (p: string) =>
    p === 'handoff' || p === 'registration' ? leadSubject({ kind: p }, lang) : programmeLabel(p, lang);
  const common = { empty: t.empty, tableLabel: t.table };
  return (
    <section aria-labelledby="h-charts">
      <style>{CHART_CSS}</style>
      <h2 id="h-charts">{t.charts}</h2>
      <div class="grid">
        <ColumnChart
          {...common}
          id="chart-leads"
          title={t.leadsPerWeek}
          description={t.leadsPerWeekDesc(sum(perWeek))}
          data={perWeek}
          seriesLabel={programme}
          format={t.count}
          columnHeader={t.week}
        />
        <ColumnChart
          {...common}
          id="chart-contact"
          title={t.firstContact}
          description={t.firstContactDesc}
          data={contact}
          seriesLabel={() => t.firstContact}
          format={t.hours}
          columnHeader={t.desk}
        />
        <ColumnChart
          {...common}
          id="chart-breaches"
          title={t.breaches}
          description={t.breachesDesc(sum(breaches))}
          data={breaches}
          seriesLabel={() => t.breachesSeries}
          format={t.count}
          columnHeader={t.week}
        />
        <ColumnChart
          {...common}
          id="chart-satisfaction"
          title={t.satisfaction}
          description={t.satisfactionDesc(ratings.length)}
          data={satisfaction.chart}
          seriesLabel={() => t.satisfactionSeries}
          format={t.score}
          max={5}
          columnHeader={t.month}
        />
        <ColumnChart
          {...common}
          id="chart-subscribers"
          title={t.subscribers}
          description={t.subscribersDesc}
          data={subscribers}
          seriesLabel={() => t.subscribersSeries}
          format={t.count}
          columnHeader={t.source}
        />
      </div>
      <h3>{t.satisfactionByDesk}</h3>
      {satisfaction.byDesk.size === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div class="wrap">
          <table id="satisfaction-by-desk">
            <thead>
              <tr>
                <th scope="col">{t.desk}</th>
                {months.map((m) => (
                  <th scope="col">{monthLabel(m)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...satisfaction.byDesk].map(([desk, row]) => (
                <tr>
                  <th scope="row">{deskLabel(desk, lang)}</th>
                  {months.map((m) => {
                    const cell = row.get(m);
                    return <td>{cell ? `${t.score(cell.average)} (${t.ratings(cell.count)})` : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
