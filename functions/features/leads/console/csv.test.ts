import { describe, expect, it } from 'vitest';
import type { Lead } from '../repository.js';
import { guardCell, leadsCsv } from './csv.js';

describe('CSV export', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+33 6 12', "'+33 6 12"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['Kossi', 'Kossi'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('guards %j as %j', (input, expected) => {
    expect(guardCell(input)).toBe(expected);
  });

  it('writes a header and one quoted, guarded row per lead, with labels in the officer’s language', () => {
    const lead = {
      reference: 'TG-2026-00007',
      kind: 'registration',
      programme: 'investment',
      sector: 'energy',
      country: 'BE',
      fullName: '=HYPERLINK("x")',
      contactPreference: 'chat',
      channel: 'telegram',
      lang: 'fr',
      desk: 'investment-promotion',
      status: 'qualified',
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      conversationOpen: false,
      assignee: 'o1',
    } as Lead;
    const [header, row] = leadsCsv([lead], 'en', new Map([['o1', 'Ama']]))
      .replace('\uFEFF', '')
      .trim()
      .split('\n');
    expect(header?.startsWith('Reference,Created,Status')).toBe(true);
    expect(row).toContain('TG-2026-00007');
    expect(row).toContain('Qualified');
    expect(row).toContain('Investment promotion');
    expect(row).toContain('Belgium');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('Ama');
  });
});
