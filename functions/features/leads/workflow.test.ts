import { describe, expect, it } from 'vitest';
import type { Lead } from './model.js';
import {
  canTransition,
  escalationDue,
  LEAD_STATUSES,
  type LeadOutcome,
  type LeadStatus,
  stamp,
} from './workflow.js';

describe('lead workflow', () => {
  it.each<[LeadStatus, LeadStatus, LeadOutcome | undefined, boolean]>([
    ['new', 'assigned', undefined, true],
    ['new', 'contacted', undefined, false],
    ['assigned', 'contacted', undefined, true],
    ['assigned', 'closed', 'no_response', true],
    ['assigned', 'closed', 'won', false],
    ['assigned', 'closed', undefined, false],
    ['contacted', 'qualified', undefined, true],
    ['contacted', 'qualified', 'won', false],
    ['qualified', 'closed', 'won', true],
    ['closed', 'assigned', undefined, false],
  ])('%s → %s (%s): %s', (from, to, outcome, allowed) => {
    expect(canTransition(from, to, outcome)).toBe(allowed);
  });

  it('has no move out of closed', () => {
    for (const to of LEAD_STATUSES) expect(canTransition('closed', to, 'won')).toBe(false);
  });

  it('stamps strictly after the last change, even within the same millisecond', () => {
    const updatedAt = '2026-01-01T10:00:00.000Z';
    expect(stamp({ updatedAt }, Date.parse(updatedAt) + 5)).toBe('2026-01-01T10:00:00.005Z');
    expect(stamp({ updatedAt }, Date.parse(updatedAt))).toBe('2026-01-01T10:00:00.001Z');
    expect(stamp({ updatedAt }, Date.parse(updatedAt) - 1000)).toBe('2026-01-01T10:00:00.001Z');
  });

  it.each<[LeadStatus, 'claim' | 'contact', Partial<Lead>, boolean]>([
    ['new', 'claim', {}, true],
    ['assigned', 'claim', {}, false],
    ['assigned', 'contact', {}, true],
    ['contacted', 'contact', {}, false],
    ['new', 'claim', { escalatedClaimAt: '2026-01-01T10:00:00.000Z' }, false],
    ['new', 'contact', { escalatedClaimAt: '2026-01-01T10:00:00.000Z' }, true],
  ])('a %s lead is due a %s escalation: %s', (status, kind, marks, due) => {
    expect(escalationDue({ status, ...marks } as Lead, kind)).toBe(due);
  });
});
