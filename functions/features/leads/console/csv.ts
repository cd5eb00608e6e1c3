import { consoleTexts } from '../../../console/i18n.js';
import type { Lang } from '../../../core/types.js';
import type { Lead } from '../repository.js';
import {
  channelLabel,
  countryLabel,
  DEFAULT_TIME_ZONE,
  deskLabel,
  formatAmount,
  programmeLabel,
  sectorLabel,
} from './labels.js';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, and tab/CR which some treat alike)
 * gets a leading apostrophe: a citizen's "name" must never execute in an officer's Excel.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * `standard`: commas, ISO dates in UTC (for tools). `excel`: what a French Excel opens by a double
 * click: semicolons, dates in the officers' time zone as `2026-11-20 10:00:00` (no milliseconds,
 * no `T`, no `Z`), the BOM that makes it read the accents as UTF-8.
 */
export const CSV_VARIANTS = ['standard', 'excel'] as const;
export type CsvVariant = (typeof CSV_VARIANTS)[number];
export const csvVariant = (value: string | undefined): CsvVariant =>
  value === 'excel' ? 'excel' : 'standard';

export interface CsvOptions {
  variant?: CsvVariant | undefined;
  /** The officers' time zone (`OFFICER_TIME_ZONE`), for the Excel variant's dates. */
  timeZone?: string | undefined;
  /**
   * The officer exporting: the citizen's chat number (a WhatsApp number) is exported only on the
   * leads this officer holds, as the lead page shows it only to them.
   */
  viewerId?: string | undefined;
}

const CSV_TEXTS: Record<Lang, { email: string; phone: string; chatNumber: string; exportExcel: string }> = {
  fr: {
    email: 'E-mail',
    phone: 'Téléphone',
    chatNumber: 'Numéro de messagerie',
    exportExcel: 'Exporter pour Excel (français)',
  },
  en: { email: 'Email', phone: 'Phone', chatNumber: 'Chat number', exportExcel: 'Export for Excel (French)' },
};
export const csvTexts = (lang: Lang) => CSV_TEXTS[lang];

const localFormatters = new Map<string, Intl.DateTimeFormat>();
/** `2026-11-20 10:00:00` in the given time zone: a date Excel recognises, to the second. */
export function excelDate(iso: string | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  let f = localFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    localFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The phone number inside a chat address (`whatsapp:+22890000000`), when the address is one. */
export function chatNumber(address: string | undefined): string {
  const match = address ? /^(?:[a-z]+:)?(\+\d{6,15})$/.exec(address) : null;
  return match?.[1] ?? '';
}

/**
 * The lead attributes the export reads, and no more: the CSV's queries project these, so a
 * handoff's transcript, the consent receipt and the index keys never cross the wire. A column
 * added below needs its attribute here (the route test compares the export with the full lead).
 */
export const CSV_FIELDS = [
  'reference',
  'createdAt',
  'status',
  'outcome',
  'desk',
  'programme',
  'sector',
  'country',
  'city',
  'fullName',
  'profession',
  'amountRange',
  'email',
  'phone',
  'address',
  'assignee',
  'channel',
  'escalatedAt',
] as const satisfies readonly (keyof Lead)[];
export type CsvLead = Pick<Lead, (typeof CSV_FIELDS)[number]>;

/**
 * One CSV field as csv-stringify writes it by default (RFC 4180): quoted when it holds the
 * delimiter, a quote, CR or LF, its quotes doubled. Written here rather than through
 * csv-stringify, whose per-field options cost about 7 ms of CPU per export of 1,000 leads (profiled);
 * csv.test.ts checks this against csv-stringify on awkward values.
 */
export function csvField(value: string, delimiter: ',' | ';'): string {
  return value.includes('"') || value.includes(delimiter) || value.includes('\n') || value.includes('\r')
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/** A label per distinct value, computed once per export (an ICU country name is not free). */
function memo(label: (value: string | undefined) => string) {
  const seen = new Map<string | undefined, string>();
  return (value: string | undefined) => {
    let out = seen.get(value);
    if (out === undefined) {
      out = label(value);
      seen.set(value, out);
    }
    return out;
  };
}

export function leadsCsv(
  leads: CsvLead[],
  lang: Lang,
  officerNames: Map<string, string>,
  options: CsvOptions = {},
): string {
  const t = consoleTexts(lang);
  const c = CSV_TEXTS[lang];
  const excel = options.variant === 'excel';
  const delimiter = excel ? ';' : ',';
  const newline = excel ? '\r\n' : '\n';
  const date = (iso: string | undefined) => (excel ? excelDate(iso, options.timeZone) : (iso ?? ''));
  const desk = memo((id) => deskLabel(id ?? '', lang));
  const programme = memo((id) => programmeLabel(id, lang));
  const sector = memo((id) => sectorLabel(id, lang));
  const country = memo((code) => countryLabel(code, lang));
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
    c.email,
    c.phone,
    c.chatNumber,
    t.assignee,
    t.channel,
    t.escalated,
  ];
  const row = (cells: string[]) => cells.map((cell) => csvField(guardCell(cell), delimiter)).join(delimiter);
  // A BOM so Excel opens the accents as UTF-8.
  const lines = [`\uFEFF${row(header)}`];
  for (const l of leads) {
    lines.push(
      row([
        l.reference,
        date(l.createdAt),
        t.statuses[l.status] ?? l.status,
        l.outcome ? (t.outcomes[l.outcome] ?? l.outcome) : '',
        desk(l.desk),
        programme(l.programme),
        sector(l.sector),
        country(l.country),
        l.city ?? '',
        l.fullName ?? '',
        l.profession ?? '',
        formatAmount(l.amountRange),
        l.email ?? '',
        l.phone ?? '',
        options.viewerId && l.assignee === options.viewerId ? chatNumber(l.address) : '',
        l.assignee ? (officerNames.get(l.assignee) ?? l.assignee) : '',
        channelLabel(l.channel),
        date(l.escalatedAt),
      ]),
    );
  }
  return `${lines.join(newline)}${newline}`;
}
