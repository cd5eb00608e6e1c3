import type { Lead } from '../leads/model.js';
import { median } from './stats.js';

/** One bar (or one column of stacked parts): a label and, per series, a value. */
export interface ChartColumn {
  label: string;
  values: Record<string, number>;
}

export interface ChartData {
  /** Series ids, in the legend's order. */
  series: string[];
  columns: ChartColumn[];
}

const DAY = 24 * 3600 * 1000;

/** Monday 00:00 (UTC; Lomé is UTC all year) of the week holding `ms`. */
export function weekStart(ms: number): number {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - day * DAY;
}

/** The last `n` weeks' Mondays, oldest first, ending with the current week. */
export function lastWeeks(nowMs: number, n: number): number[] {
  const current = weekStart(nowMs);
  return Array.from({ length: n }, (_, i) => current - (n - 1 - i) * 7 * DAY);
}

/** `YYYY-MM` of the last `n` months, oldest first. */
export function lastMonths(nowMs: number, n: number): string[] {
  const d = new Date(nowMs);
  return Array.from({ length: n }, (_, i) => {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (n - 1 - i), 1));
    return m.toISOString().slice(0, 7);
  });
}

function perWeek(
  weeks: number[],
  label: (weekMs: number) => string,
  items: { atMs: number; series: string }[],
): ChartData {
  const series = [...new Set(items.map((i) => i.series))].sort();
  const columns = weeks.map((w) => ({ label: label(w), values: {} as Record<string, number> }));
  for (const item of items) {
    const index = weeks.indexOf(weekStart(item.atMs));
    const column = columns[index];
    if (column) column.values[item.series] = (column.values[item.series] ?? 0) + 1;
  }
  return { series, columns };
}

/** Leads created per week, split by programme (a handoff or a registration without one: its kind). */
export function leadsPerWeek(leads: Lead[], weeks: number[], label: (weekMs: number) => string): ChartData {
  return perWeek(
    weeks,
    label,
    leads.map((l) => ({ atMs: Date.parse(l.createdAt), series: l.programme ?? l.kind })),
  );
}

/** SLA breaches per week (the week of the first escalation). */
export function breachesPerWeek(
  leads: Lead[],
  weeks: number[],
  label: (weekMs: number) => string,
): ChartData {
  const data = perWeek(
    weeks,
    label,
    leads.filter((l) => l.escalatedAt).map((l) => ({ atMs: Date.parse(l.escalatedAt!), series: 'breaches' })),
  );
  return { ...data, series: ['breaches'] };
}

/** Median hours from creation to first contact, per desk (desks with no contacted lead left out). */
export function firstContactByDesk(leads: Lead[], deskLabel: (id: string) => string): ChartData {
  const byDesk = new Map<string, number[]>();
  for (const l of leads) {
    if (!l.firstContactAt) continue;
    const hours = (Date.parse(l.firstContactAt) - Date.parse(l.createdAt)) / 3_600_000;
    byDesk.set(l.desk, [...(byDesk.get(l.desk) ?? []), hours]);
  }
  const columns = [...byDesk]
    .map(([desk, hours]) => ({
      label: deskLabel(desk),
      values: { hours: Math.round((median(hours) ?? 0) * 10) / 10 },
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  return { series: ['hours'], columns };
}

export interface RatingLike {
  desk: string;
  score: number;
  at: string;
}

const average = (xs: number[]) =>
  xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/** Average score per month (all desks), and the same per desk for the table. */
export function satisfactionPerMonth(
  ratings: RatingLike[],
  months: string[],
  monthLabel: (month: string) => string,
): { chart: ChartData; byDesk: Map<string, Map<string, { average: number; count: number }>> } {
  const chart: ChartData = {
    series: ['score'],
    columns: months.map((m) => {
      const xs = ratings.filter((r) => r.at.startsWith(m)).map((r) => r.score);
      const values: Record<string, number> = xs.length ? { score: average(xs) } : {};
      return { label: monthLabel(m), values };
    }),
  };
  const byDesk = new Map<string, Map<string, { average: number; count: number }>>();
  for (const desk of [...new Set(ratings.map((r) => r.desk))].sort()) {
    const row = new Map<string, { average: number; count: number }>();
    for (const m of months) {
      const xs = ratings.filter((r) => r.desk === desk && r.at.startsWith(m)).map((r) => r.score);
      if (xs.length) row.set(m, { average: average(xs), count: xs.length });
    }
    byDesk.set(desk, row);
  }
  return { chart, byDesk };
}
