import type { Lead } from '../leads/repository.js';

export interface DashboardStats {
  total: number;
  byStatus: [string, number][];
  byProgramme: [string, number][];
  bySector: [string, number][];
  byCountry: [string, number][];
  /** Median of (first contact − creation) over the leads contacted, in minutes. */
  medianFirstContactMinutes?: number | undefined;
  contacted: number;
  escalated: Lead[];
}

function countBy(leads: Lead[], key: (l: Lead) => string | undefined): [string, number][] {
  const counts = new Map<string, number>();
  for (const lead of leads) {
    const k = key(lead) ?? '—';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function dashboardStats(leads: Lead[]): DashboardStats {
  const delays = leads
    .filter((l) => l.firstContactAt)
    .map((l) => (Date.parse(l.firstContactAt!) - Date.parse(l.createdAt)) / 60_000);
  return {
    total: leads.length,
    byStatus: countBy(leads, (l) => l.status),
    byProgramme: countBy(leads, (l) => l.programme ?? l.kind),
    bySector: countBy(leads, (l) => l.sector),
    byCountry: countBy(leads, (l) => l.country),
    medianFirstContactMinutes: median(delays),
    contacted: delays.length,
    escalated: leads.filter((l) => l.escalatedAt),
  };
}
