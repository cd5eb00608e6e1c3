import { describe, expect, it } from 'vitest';
import { loadRoutingTable } from './routing/routing.js';
import { isOverdue, slaClock } from './sla-clock.js';

const table = loadRoutingTable();
const created = '2026-11-30T08:00:00.000Z';
const at = (minutes: number) => Date.parse(created) + minutes * 60_000;
// togolese-abroad: claim within 120 min, first contact within 720 min.
const lead = (status: 'new' | 'assigned' | 'contacted' | 'qualified' | 'closed') => ({
  status,
  createdAt: created,
  desk: 'togolese-abroad',
});

describe('slaClock', () => {
  it.each([
    ['new', 10, 'claim', 'ok'],
    ['new', 61, 'claim', 'soon'],
    ['new', 121, 'claim', 'late'],
    ['assigned', 100, 'contact', 'ok'],
    ['assigned', 600, 'contact', 'soon'],
    ['assigned', 721, 'contact', 'late'],
  ] as const)('a %s lead at %i min runs the %s clock, %s', (status, minutes, kind, level) => {
    const clock = slaClock(lead(status), table, at(minutes));
    expect(clock).toMatchObject({ kind, level, dueAtMs: at(kind === 'claim' ? 120 : 720) });
    expect(clock?.remainingMs).toBe(at(kind === 'claim' ? 120 : 720) - at(minutes));
  });

  it.each(['contacted', 'qualified', 'closed'] as const)('a %s lead has no clock', (status) => {
    expect(slaClock(lead(status), table, at(10_000))).toBeUndefined();
    expect(isOverdue(lead(status), table, at(10_000))).toBe(false);
  });

  it('has no clock for a desk the table does not know, and says overdue only past the limit', () => {
    expect(slaClock({ ...lead('new'), desk: 'gone' }, table, at(500))).toBeUndefined();
    expect(isOverdue(lead('new'), table, at(120))).toBe(false);
    expect(isOverdue(lead('new'), table, at(120) + 1)).toBe(true);
  });
});
