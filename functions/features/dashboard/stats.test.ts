import { describe, expect, it } from 'vitest';
import type { Lead } from '../leads/repository.js';
import { dashboardStats, median } from './stats.js';

const lead = (over: Partial<Lead>): Lead =>
  ({
    reference: 'TG-2026-00001',
    kind: 'registration',
    contactPreference: 'chat',
    channel: 'whatsapp',
    lang: 'fr',
    desk: 'investment-promotion',
    status: 'new',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    conversationOpen: false,
    ...over,
  }) as Lead;

describe('dashboard stats', () => {
  it.each([
    [[], undefined],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('counts by status, programme, sector, country; median first contact; escalations', () => {
    const stats = dashboardStats([
      lead({
        programme: 'investment',
        country: 'FR',
        status: 'contacted',
        firstContactAt: '2026-11-20T11:00:00.000Z',
      }),
      lead({
        programme: 'investment',
        country: 'FR',
        status: 'contacted',
        firstContactAt: '2026-11-20T13:00:00.000Z',
      }),
      lead({ kind: 'handoff', country: 'CA', escalatedAt: '2026-11-20T14:00:00.000Z' }),
    ]);
    expect(stats.total).toBe(3);
    expect(stats.byStatus).toEqual([
      ['contacted', 2],
      ['new', 1],
    ]);
    expect(stats.byProgramme).toEqual([
      ['investment', 2],
      ['handoff', 1],
    ]);
    expect(stats.byCountry[0]).toEqual(['FR', 2]);
    expect(stats.medianFirstContactMinutes).toBe(120);
    expect(stats.escalated).toHaveLength(1);
  });
});
