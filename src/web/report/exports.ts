import ExcelJS from 'exceljs';
import type { LoadedReport } from './report-source.js';

/**
 * The report as files for those who work on in a spreadsheet. Both carry the disclosure they were
 * made under; a masked count is an empty cell with the mark "dolt/masked", never a number.
 */
const MASKED = 'dolt/masked';
const FIGURES = [
  ['jointPasses', 'Gemensamma arbetspass / joint passes'],
  ['exposed', 'Utsatta / exposed'],
  ['exposedUnder18', 'varav under 18 / of whom under 18'],
  ['suspectedBuyers', 'Misstänkta sexköpare / suspected buyers'],
  ['suspectedBuyersUnder18', 'varav under 18 / of whom under 18'],
  ['offeredSupport', 'Erbjudits stöd / offered support'],
] as const;

type Value = string | number | null;

/** The report's tables, each a title, a header and rows: one source for both formats. */
export function reportTables(report: LoadedReport): Array<{ title: string; header: string[]; rows: Value[][] }> {
  const s = report.summary;
  const figure = (value: number | null) => value ?? MASKED;
  return [
    {
      title: `Samlogg tertialrapport ${report.tertial} (${report.from}–${report.to}), ${report.disclosure}${report.asOf ? `, som den såg ut ${report.asOf.toISOString()}` : ''}`,
      header: ['Mått / measure', report.tertial, `Föregående / previous (${s.previous.tertial})`, `Samma tertial i fjol / last year (${s.sameTertialLastYear.tertial})`, 'Sedan / since 2021-04-01', 'Förändring / change'],
      rows: FIGURES.map(([field, label]) => [label, figure(s.current[field]), figure(s.previous[field]), figure(s.sameTertialLastYear[field]), figure(s.cumulative[field]), figure(s.changeFromPrevious[field])]),
    },
    { title: 'Pass per månad / passes per month', header: ['Månad / month', 'Pass / passes'], rows: report.passesByMonth.map((m) => [m.month, figure(m.passes.value)]) },
    {
      title: 'Personer efter roll och ålder / encounters by role and age band',
      header: ['Roll / role', 'Ålder / age band', 'Personer / encounters'],
      rows: report.encountersByRoleAndAgeBand.map((r) => [r.role, r.ageBand, figure(r.encounters.value)]),
    },
    {
      title: 'Personer efter hemkommun / encounters by home kommun',
      header: ['Kod / code', 'Kommun', 'Avtal / agreement', 'Personer / encounters'],
      rows: report.encountersByHomeKommun.map((k) => [k.code, k.name, k.agreementStatus, figure(k.encounters.value)]),
    },
  ];
}

const csvField = (value: Value) => {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would start a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function reportCsv(report: LoadedReport): string {
  const lines: string[] = [];
  for (const table of reportTables(report)) {
    lines.push(csvField(table.title), table.header.map(csvField).join(','), ...table.rows.map((row) => row.map(csvField).join(',')), '');
  }
  if (report.disclosure === 'PUBLIC') lines.push(csvField(`${MASKED}: 1–${report.threshold}, eller dolt för att inget litet antal ska kunna räknas fram / or masked so that no small count can be worked out`));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function reportXlsx(report: LoadedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samlogg';
  workbook.created = new Date(0);
  const names = ['Sammanfattning', 'Per månad', 'Roll och ålder', 'Hemkommun'];
  reportTables(report).forEach((table, n) => {
    const sheet = workbook.addWorksheet(names[n] ?? `Tabell ${n + 1}`);
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 22));
    if (report.disclosure === 'PUBLIC') sheet.addRow([`${MASKED}: 1–${report.threshold}`]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
