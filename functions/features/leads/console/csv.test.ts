import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../repository.js';
import { chatNumber, csvField, excelDate, guardCell, leadsCsv } from './csv.js';

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

  // csv-stringify (the library the export used to call) is the oracle of the field writer.
  it.each([
    'Kossi',
    '',
    'a,b',
    'a;b',
    'say "hi"',
    '"',
    'line\nbreak',
    'cr\rhere',
    'crlf\r\nhere',
    '\'=HYPERLINK("x")',
    ' spaced ',
    'Été à Lomé',
  ])('writes %j as csv-stringify does, with either delimiter', (value) => {
    for (const delimiter of [',', ';'] as const) {
      expect(csvField(value, delimiter)).toBe(stringify([[value]], { delimiter, eof: false }));
    }
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

describe('CSV export for a French Excel', () => {
  const lead = {
    reference: 'TG-2026-00008',
    kind: 'registration',
    programme: 'investment',
    sector: 'energy',
    country: 'DE',
    fullName: 'Akouvi Lawson',
    contactPreference: 'phone',
    email: 'akouvi@example.test',
    phone: '+4915112345678',
    channel: 'whatsapp',
    userId: 'whatsapp:+4915112345678',
    address: 'whatsapp:+4915112345678',
    lang: 'fr',
    desk: 'investment-promotion',
    status: 'assigned',
    createdAt: '2026-11-20T23:30:05.123Z',
    updatedAt: '2026-11-20T23:30:05.123Z',
    escalatedAt: '2026-11-21T08:00:00.000Z',
    conversationOpen: false,
    assignee: 'o1',
  } as Lead;

  it('uses semicolons, CRLF, local time without milliseconds, and a BOM', () => {
    const csv = leadsCsv([lead], 'fr', new Map([['o1', 'Ama']]), {
      variant: 'excel',
      timeZone: 'Europe/Paris',
      viewerId: 'o1',
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header).toBe(
      'Référence;Créé le;Statut;Résultat;Bureau;Programme;Secteur;Pays de résidence;Ville;Nom;Profession ou compétences;Montant indicatif;E-mail;Téléphone;Numéro de messagerie;Agent;Canal;Escaladé',
    );
    // 23:30 UTC is 00:30 the next day in Paris (winter time): the local date, to the second.
    expect(row).toContain(';2026-11-21 00:30:05;');
    expect(row).toContain(';2026-11-21 09:00:00');
    expect(row).not.toMatch(/\.\d{3}|T\d{2}:|Z\b/);
    expect(row).toContain(";akouvi@example.test;'+4915112345678;'+4915112345678;Ama;WhatsApp;");
  });

  it('defaults to Lomé time (UTC+0) and leaves the chat number out for an officer who does not hold the lead', () => {
    const csv = leadsCsv([lead], 'fr', new Map(), { variant: 'excel', viewerId: 'someone-else' });
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(';2026-11-20 23:30:05;');
    expect(row).toContain(";akouvi@example.test;'+4915112345678;;");
    expect(leadsCsv([lead], 'fr', new Map(), { variant: 'excel' })).not.toContain(
      "'+4915112345678;'+4915112345678",
    );
  });

  it('keeps the standard variant for tools: commas and ISO dates', () => {
    const csv = leadsCsv([lead], 'en', new Map());
    expect(csv.split('\n')[1]).toContain(',2026-11-20T23:30:05.123Z,');
    expect(excelDate('pas une date')).toBe('');
    expect(chatNumber('5001')).toBe('');
    expect(chatNumber('whatsapp:+22890000000')).toBe('+22890000000');
  });
});
