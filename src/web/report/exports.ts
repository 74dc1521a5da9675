import ExcelJS from 'exceljs';
import type { EncounterAgreementStatus } from '../../../projections/agreements.js';
import type { AgeBand, Role } from '../../domain/vocabulary.js';
import type { LoadedReport } from '../../reports/report-source.js';

/**
 * The report as files for those who work on in a spreadsheet. Both carry the disclosure they were
 * made under; a masked count is an empty cell with the mark "dolt/masked", never a number.
 */
const MASKED = 'dolt/masked';
type Figures = Readonly<Record<string, number | null | string | unknown>>;
type Value = string | number | null;

const value = (figures: Figures, field: string): number | null => {
  const found = figures[field];
  return typeof found === 'number' ? found : null;
};
/** 18 and over: the whole less those under 18; masked when either is (never worked out from a masked count). */
const adults = (figures: Figures, all: string, minors: string): number | null => {
  const [a, m] = [value(figures, all), value(figures, minors)];
  return a === null || m === null ? null : a - m;
};

/** The figures a row shows, by the agreement's two lines of work: under 18, and 18 and over. */
const REPORT_FIGURES: ReadonlyArray<readonly [label: string, read: (figures: Figures) => number | null]> = [
  ['Gemensamma arbetspass / joint passes', (f) => value(f, 'jointPasses')],
  ['Utsatta / exposed', (f) => value(f, 'exposed')],
  ['  varav under 18 år / of whom under 18', (f) => value(f, 'exposedUnder18')],
  ['  varav 18 år och äldre / of whom 18 and over', (f) => adults(f, 'exposed', 'exposedUnder18')],
  ['Misstänkta sexköpare / suspected buyers', (f) => value(f, 'suspectedBuyers')],
  ['  varav under 18 år / of whom under 18', (f) => value(f, 'suspectedBuyersUnder18')],
  ['  varav 18 år och äldre / of whom 18 and over', (f) => adults(f, 'suspectedBuyers', 'suspectedBuyersUnder18')],
  ['Erbjudits stöd / offered support', (f) => value(f, 'offeredSupport')],
];

/**
 * Swedish beside every code, so a reader of the file needs no key: `BUYER Misstänkt sexköpare`. Every
 * role, age band and agreement status has one: a code added to the vocabulary without a label does not compile.
 */
export const CODE_LABELS: Readonly<Record<string, string>> = {
  EXPOSED: 'Utsatt',
  BUYER: 'Misstänkt sexköpare',
  UNDER_15: 'Under 15 år',
  AGE_15_17: '15–17 år',
  AGE_18_20: '18–20 år',
  AGE_21_25: '21–25 år',
  AGE_26_35: '26–35 år',
  AGE_36_45: '36–45 år',
  AGE_46_PLUS: '46 år eller äldre',
  UNKNOWN: 'Okänd',
  CONNECTED: 'Ansluten',
  NOT_CONNECTED: 'Ej ansluten',
  PROVIDER: 'Stockholms stad (utförare)',
  OUTSIDE_AREA: 'Utanför erbjudandet',
  HOME_KOMMUN_UNKNOWN: 'Hemkommun okänd',
} satisfies Readonly<Record<Role | AgeBand | EncounterAgreementStatus, string>>;
const label = (code: string) => CODE_LABELS[code] ?? code;

/** The definitions of the figures, as the footnote of every page and file says them. */
const DEFINITIONS = [
  'Gemensamt arbetspass: ett pass, inte makulerat, där polisen och minst en av socialtjänstens verksamheter deltog. / Joint pass: not retracted, with the police and at least one social-services unit.',
  'Utsatta och misstänkta sexköpare: personer, inte makulerade, som påträffats på gemensamma pass, efter roll; under 18 år: åldersgrupp under 15 eller 15–17. / Exposed and suspected buyers: persons on joint passes by role; under 18: age band under 15 or 15–17.',
  'Erbjudits stöd: de räknade personer som erbjudits stöd av minst en verksamhet. Perioden avser passens datum, båda ändar inräknade. / Offered support: those counted who were offered support. The period is of pass dates, both ends included.',
];

const stockholm = (instant: Date) => instant.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** Where the figures come from: extraction time, log position, and DEMO when the log is synthetic. */
export function provenance(report: LoadedReport): string[] {
  return [
    ...(report.synthetic ? ['DEMO – syntetiska data / synthetic data'] : []),
    `Uttaget ur loggen / extracted ${stockholm(report.extractedAt)} (Stockholm), loggposition / log position ${report.position}`,
    `Fingeravtryck / fingerprint ${report.proof.fingerprint}, kedjans huvud / chain head ${report.proof.chainHead ?? 'ingen hashkedja i detta lager / no hash chain in this store'} (samma som i rapportens signerade JSON / as in the report's signed JSON)`,
    ...(report.asOf ? [report.passesRecorded === 0 ? `Som rapporten såg ut ${stockholm(report.asOf)}: loggen hade då inget registrerat / as presented at that time: the log held nothing recorded by then` : `Som rapporten såg ut / as presented ${stockholm(report.asOf)} (Stockholm)`] : []),
  ];
}

/** The report's tables, each a title, a header and rows: one source for both formats. */
function reportTables(report: LoadedReport): Array<{ title: string; header: string[]; rows: Value[][] }> {
  const s = report.summary;
  const figure = (value: number | null) => value ?? MASKED;
  return [
    {
      title: `Samlogg ${report.kind === 'year' ? 'årsrapport' : 'tertialrapport'} ${report.tertial} (${report.from}–${report.to}), ${report.disclosure}`,
      header: [
        'Mått / measure',
        report.tertial,
        `Föregående / previous (${s.previous.tertial})`,
        ...(report.kind === 'year' ? [] : [`Samma tertial i fjol / last year (${s.sameTertialLastYear.tertial})`]),
        'Sedan / since 2021-04-01',
        'Förändring / change',
      ],
      rows: REPORT_FIGURES.map(([name, read]) => [
        name,
        figure(read(s.current)),
        figure(read(s.previous)),
        ...(report.kind === 'year' ? [] : [figure(read(s.sameTertialLastYear))]),
        figure(read(s.cumulative)),
        figure(read(s.changeFromPrevious)),
      ]),
    },
    { title: 'Pass per månad / passes per month', header: ['Månad / month', 'Pass / passes'], rows: report.passesByMonth.map((m) => [m.month, figure(m.passes.value)]) },
    {
      title: 'Personer efter roll och ålder / encounters by role and age band',
      header: ['Roll (kod) / role (code)', 'Roll / role', 'Ålder (kod) / age band (code)', 'Ålder / age band', 'Personer / encounters'],
      rows: report.encountersByRoleAndAgeBand.map((r) => [r.role, label(r.role), r.ageBand, label(r.ageBand), figure(r.encounters.value)]),
    },
    {
      title: 'Personer efter hemkommun / encounters by home kommun',
      header: ['Kod / code', 'Kommun', 'Avtal (kod) / agreement (code)', 'Avtal / agreement', 'Personer / encounters'],
      rows: report.encountersByHomeKommun.map((k) => [k.code, k.name, k.agreementStatus, label(k.agreementStatus), figure(k.encounters.value)]),
    },
  ];
}

const csvField = (value: Value) => {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would start a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * Semicolons and a UTF-8 byte order mark: what Excel with Swedish settings opens straight into
 * columns with å, ä and ö intact (a comma is the Swedish decimal sign, so Excel does not split on it).
 */
const SEPARATOR = ';';

export function reportCsv(report: LoadedReport): string {
  const lines: string[] = provenance(report).map(csvField);
  lines.push('');
  for (const table of reportTables(report)) {
    lines.push(csvField(table.title), table.header.map(csvField).join(SEPARATOR), ...table.rows.map((row) => row.map(csvField).join(SEPARATOR)), '');
  }
  if (report.disclosure === 'PUBLIC') lines.push(csvField(`${MASKED}: 1–${report.threshold}, eller dolt för att inget litet antal ska kunna räknas fram / or masked so that no small count can be worked out`));
  lines.push(csvField('Definitioner / definitions'), ...DEFINITIONS.map(csvField));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function reportXlsx(report: LoadedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samlogg';
  // The file's creation date is when the figures were taken from the log (the server's clock).
  workbook.created = report.extractedAt;
  workbook.modified = report.extractedAt;
  const names = ['Sammanfattning', 'Per månad', 'Roll och ålder', 'Hemkommun'];
  reportTables(report).forEach((table, n) => {
    const sheet = workbook.addWorksheet(names[n] ?? `Tabell ${n + 1}`);
    sheet.addRow([table.title]).font = { bold: true };
    for (const line of provenance(report)) sheet.addRow([line]);
    const extracted = sheet.addRow(['Uttaget / extracted', report.extractedAt]);
    extracted.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
    sheet.addRow([]);
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 24));
    if (report.disclosure === 'PUBLIC') sheet.addRow([`${MASKED}: 1–${report.threshold}`]);
    sheet.addRow([]);
    for (const line of DEFINITIONS) sheet.addRow([line]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
