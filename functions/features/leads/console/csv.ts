import { stringify } from 'csv-stringify/sync';
import { consoleTexts } from '../../../console/i18n.js';
import type { Lang } from '../../../core/types.js';
import type { Lead } from '../repository.js';
import { countryLabel, deskLabel, formatAmount, programmeLabel, sectorLabel } from './labels.js';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, and tab/CR which some treat alike)
 * gets a leading apostrophe: a citizen's "name" must never execute in an officer's Excel.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function leadsCsv(leads: Lead[], lang: Lang, officerNames: Map<string, string>): string {
  const t = consoleTexts(lang);
  const header = [
    t.reference,
    t.created,
    t.status,
    t.outcome,
    t.desk,
    t.programme,
    t.sector,
    t.country,
    t.city,
    t.name,
    t.profession,
    t.amount,
    t.assignee,
    t.channel,
    t.escalated,
  ];
  const rows = leads.map((l) => [
    l.reference,
    l.createdAt,
    t.statuses[l.status] ?? l.status,
    l.outcome ? (t.outcomes[l.outcome] ?? l.outcome) : '',
    deskLabel(l.desk, lang),
    programmeLabel(l.programme, lang),
    sectorLabel(l.sector, lang),
    countryLabel(l.country, lang),
    l.city ?? '',
    l.fullName ?? '',
    l.profession ?? '',
    formatAmount(l.amountRange),
    l.assignee ? (officerNames.get(l.assignee) ?? l.assignee) : '',
    l.channel,
    l.escalatedAt ?? '',
  ]);
  // A BOM so Excel opens the accents as UTF-8.
  return `\uFEFF${stringify([header, ...rows].map((r) => r.map((cell) => guardCell(String(cell)))))}`;
}
