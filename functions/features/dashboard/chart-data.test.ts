import { describe, expect, it } from 'vitest';
import type { Lead } from '../leads/model.js';
import {
  breachesPerWeek,
  firstContactByDesk,
  lastMonths,
  lastWeeks,
  leadsPerWeek,
  satisfactionPerMonth,
  weekStart,
} from './chart-data.js';

const lead = (init: Partial<Lead>): Lead =>
  ({
    reference: 'TG-2026-00001',
    kind: 'registration',
    contactPreference: 'chat',
    channel: 'telegram',
    lang: 'fr',
    desk: 'investment-promotion',
    status: 'new',
    createdAt: '2026-11-18T10:00:00.000Z',
    updatedAt: '2026-11-18T10:00:00.000Z',
    conversationOpen: false,
    ...init,
  }) as Lead;

const NOW = Date.parse('2026-11-19T12:00:00Z'); // a Thursday
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('dashboard chart data', () => {
  it('buckets by Monday-started weeks and calendar months, oldest first', () => {
    expect(iso(weekStart(NOW))).toBe('2026-11-16');
    expect(iso(weekStart(Date.parse('2026-11-16T00:00:00Z')))).toBe('2026-11-16');
    expect(iso(weekStart(Date.parse('2026-11-15T23:59:59Z')))).toBe('2026-11-09');
    expect(lastWeeks(NOW, 3).map(iso)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(lastMonths(Date.parse('2026-01-15T00:00:00Z'), 3)).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('counts leads per week by programme, and breaches per week, leaving out older weeks', () => {
    const leads = [
      lead({ programme: 'investment' }),
      lead({ programme: 'investment', createdAt: '2026-11-10T08:00:00.000Z' }),
      lead({
        kind: 'handoff',
        createdAt: '2026-11-17T08:00:00.000Z',
        escalatedAt: '2026-11-18T08:00:00.000Z',
      }),
      lead({
        programme: 'skills_transfer',
        createdAt: '2026-01-01T08:00:00.000Z',
        escalatedAt: '2026-01-02T08:00:00.000Z',
      }),
    ];
    const weeks = lastWeeks(NOW, 2);
    const data = leadsPerWeek(leads, weeks, iso);
    expect(data.series).toEqual(['handoff', 'investment', 'skills_transfer']);
    expect(data.columns).toEqual([
      { label: '2026-11-09', values: { investment: 1 } },
      { label: '2026-11-16', values: { investment: 1, handoff: 1 } },
    ]);
    expect(breachesPerWeek(leads, weeks, iso).columns.map((c) => c.values.breaches ?? 0)).toEqual([0, 1]);
  });

  it('gives the median hours to first contact per desk, and the average score per month and per desk', () => {
    const contact = firstContactByDesk(
      [
        lead({ firstContactAt: '2026-11-18T11:00:00.000Z' }),
        lead({ firstContactAt: '2026-11-18T13:00:00.000Z' }),
        lead({ firstContactAt: '2026-11-18T20:00:00.000Z' }),
        lead({ desk: 'digital-economy' }),
      ],
      (d) => d.toUpperCase(),
    );
    expect(contact.columns).toEqual([{ label: 'INVESTMENT-PROMOTION', values: { hours: 3 } }]);

    const { chart, byDesk } = satisfactionPerMonth(
      [
        { desk: 'a', score: 5, at: '2026-10-03T00:00:00.000Z' },
        { desk: 'a', score: 4, at: '2026-11-03T00:00:00.000Z' },
        { desk: 'b', score: 2, at: '2026-11-04T00:00:00.000Z' },
      ],
      ['2026-09', '2026-10', '2026-11'],
      (m) => m,
    );
    expect(chart.columns).toEqual([
      { label: '2026-09', values: {} },
      { label: '2026-10', values: { score: 5 } },
      { label: '2026-11', values: { score: 3 } },
    ]);
    expect(byDesk.get('a')?.get('2026-11')).toEqual({ average: 4, count: 1 });
    expect(byDesk.get('b')?.get('2026-10')).toBeUndefined();
  });
});
