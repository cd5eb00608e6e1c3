import { describe, expect, it } from 'vitest';
import { loadRoutingTable, RoutingTableError, routeLead } from './routing.js';
import bundled from './routing-table.json' with { type: 'json' };

const table = loadRoutingTable();

describe('routeLead', () => {
  it.each([
    ['registration', 'investment', 'agriculture', 'investment-promotion'],
    ['registration', 'investment', 'energy', 'investment-promotion'],
    ['registration', 'business_creation', 'tourism', 'investment-promotion'],
    ['registration', 'investment', 'digital', 'digital-economy'],
    ['registration', 'business_creation', 'digital', 'digital-economy'],
    ['registration', 'skills_transfer', 'health', 'digital-economy'],
    ['registration', 'digital_training', 'education', 'digital-economy'],
    ['registration', 'return_resettlement', 'agriculture', 'togolese-abroad'],
    ['registration', 'return_resettlement', 'digital', 'togolese-abroad'],
    ['handoff', undefined, undefined, 'togolese-abroad'],
    ['registration', undefined, undefined, 'togolese-abroad'],
  ] as const)('%s %s × %s → %s', (kind, programme, sector, desk) => {
    expect(routeLead(table, { kind, programme, sector }).id).toBe(desk);
  });
});

describe('loadRoutingTable', () => {
  it('validates the bundled table and merges the desk chat ids of the environment', () => {
    const withChats = loadRoutingTable(bundled, 'investment-promotion=-1001, togolese-abroad=-1003');
    expect(withChats.version).toMatch(/\S/);
    expect(withChats.desks.find((d) => d.id === 'investment-promotion')?.telegramChatId).toBe('-1001');
    expect(withChats.desks.find((d) => d.id === 'digital-economy')?.telegramChatId).toBeUndefined();
  });

  it.each([
    [
      'an unknown desk in a rule',
      { ...bundled, rules: [{ kind: 'handoff', desk: 'nowhere' }] },
      /unknown desk "nowhere"/,
    ],
    ['an unknown default desk', { ...bundled, defaultDesk: 'nowhere' }, /unknown desk/],
    [
      'an unknown programme',
      { ...bundled, rules: [{ programmes: ['lottery'], desk: 'togolese-abroad' }] },
      /programmes/,
    ],
    ['a rule matching nothing', { ...bundled, rules: [{ desk: 'togolese-abroad' }] }, /must match/],
    ['no version', { ...bundled, version: '' }, /version/],
    [
      'a negative SLA',
      { ...bundled, desks: [{ ...bundled.desks[0], sla: { claimMinutes: -1, contactMinutes: 1 } }] },
      /sla/,
    ],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => loadRoutingTable(raw)).toThrow(RoutingTableError);
    expect(() => loadRoutingTable(raw)).toThrow(message);
  });

  it.each(['nowhere=-1', 'investment-promotion=abc', 'investment-promotion'])(
    'refuses the chat id entry "%s"',
    (entry) => {
      expect(() => loadRoutingTable(bundled, entry)).toThrow(RoutingTableError);
    },
  );
});
