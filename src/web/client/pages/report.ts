import '../styles/base.css';
import '../styles/report.css';
import { h } from '../dom.js';
import { ApiError, graphql } from '../graphql.js';
import { currentLanguage, translator } from '../i18n.js';
import { languageToggle } from '../language-toggle.js';
import { canSend, requireSession, signOut } from '../session.js';

/**
 * The styrgrupp's tertial report: the figures beside the previous tertial, the same tertial last
 * year and the cumulative ones, three charts (SVG, each with its table), a short text, "as
 * presented" at a chosen time, downloads, and an A4 print layout.
 */
const t = translator({
  title: { sv: 'Tertialrapport {tertial}', en: 'Tertial report {tertial}' },
  period: { sv: 'Gemensamma arbetspass {from}–{to}', en: 'Joint work passes {from}–{to}' },
  measure: { sv: 'Mått', en: 'Measure' },
  previous: { sv: 'Föregående ({t})', en: 'Previous ({t})' },
  lastYear: { sv: 'Samma tertial i fjol ({t})', en: 'Same tertial last year ({t})' },
  cumulative: { sv: 'Sedan april 2021', en: 'Since April 2021' },
  change: { sv: 'Förändring mot föregående', en: 'Change from previous' },
  jointPasses: { sv: 'Gemensamma arbetspass', en: 'Joint work passes' },
  exposed: { sv: 'Utsatta för prostitution', en: 'Exposed to prostitution' },
  exposedUnder18: { sv: '  varav under 18 år', en: '  of whom under 18' },
  suspectedBuyers: { sv: 'Misstänkta sexköpare', en: 'Suspected buyers' },
  suspectedBuyersUnder18: { sv: '  varav under 18 år', en: '  of whom under 18' },
  offeredSupport: { sv: 'Erbjudits stöd', en: 'Offered support' },
  summaryTitle: { sv: 'Sammanfattning', en: 'Summary' },
  figuresTitle: { sv: 'Nyckeltal', en: 'Key figures' },
  monthChart: { sv: 'Arbetspass per månad', en: 'Work passes per month' },
  roleChart: { sv: 'Personer efter roll och ålder', en: 'Persons by role and age' },
  kommunChart: { sv: 'Personer efter hemkommun och avtal', en: 'Persons by home kommun and agreement' },
  month: { sv: 'Månad', en: 'Month' },
  passes: { sv: 'Pass', en: 'Passes' },
  role: { sv: 'Roll', en: 'Role' },
  ageBand: { sv: 'Ålder', en: 'Age' },
  persons: { sv: 'Personer', en: 'Persons' },
  kommun: { sv: 'Hemkommun', en: 'Home kommun' },
  agreement: { sv: 'Avtal', en: 'Agreement' },
  EXPOSED: { sv: 'Utsatta', en: 'Exposed' },
  BUYER: { sv: 'Sexköpare', en: 'Buyers' },
  CONNECTED: { sv: 'Ansluten', en: 'Connected' },
  NOT_CONNECTED: { sv: 'Ej ansluten', en: 'Not connected' },
  UNKNOWN: { sv: 'Okänt', en: 'Unknown' },
  tableOf: { sv: 'Tabell: {title}', en: 'Table: {title}' },
  unknownAge: { sv: 'okänd ålder', en: 'age unknown' },
  PROVIDER: { sv: 'Stockholms stad', en: 'City of Stockholm' },
  OUTSIDE_AREA: { sv: 'Utanför erbjudandet', en: 'Outside the offer' },
  HOME_KOMMUN_UNKNOWN: { sv: 'Hemkommun okänd', en: 'Home kommun unknown' },
  asOf: { sv: 'Som rapporten såg ut vid (lokal tid)', en: 'As the report stood at (local time)' },
  asOfHint: { sv: 'Lämna tomt för loggen som den är nu.', en: 'Leave empty for the log as it is now.' },
  show: { sv: 'Visa', en: 'Show' },
  asPresented: { sv: 'Visas som rapporten såg ut {when}.', en: 'Shown as the report stood at {when}.' },
  changedSince: { sv: 'Ändrat sedan dess', en: 'Changed since then' },
  noChange: { sv: 'Inget av nyckeltalen har ändrats sedan dess.', en: 'None of the key figures has changed since.' },
  changedLine: { sv: '{measure} ({scope}): {then} då, {now} nu', en: '{measure} ({scope}): {then} then, {now} now' },
  current: { sv: 'tertialen', en: 'the tertial' },
  downloads: { sv: 'Ladda ner', en: 'Download' },
  csv: { sv: 'CSV (styrgruppen)', en: 'CSV (steering group)' },
  xlsx: { sv: 'Excel (styrgruppen)', en: 'Excel (steering group)' },
  publicXlsx: { sv: 'Excel för spridning utanför styrgruppen (små tal dolda)', en: 'Excel for outside the steering group (small counts masked)' },
  print: { sv: 'Skriv ut / PDF', en: 'Print / PDF' },
  masked: { sv: 'dolt', en: 'masked' },
  maskedNote: { sv: '”dolt”: 1–{n}, eller dolt så att inget litet antal kan räknas fram.', en: '“masked”: 1–{n}, or masked so that no small count can be worked out.' },
  signOut: { sv: 'Logga ut', en: 'Sign out' },
  failed: { sv: 'Rapporten kunde inte hämtas: {message}', en: 'The report could not be loaded: {message}' },
  downloadFailed: { sv: 'Nedladdningen misslyckades: {message}', en: 'The download failed: {message}' },
});

const session = requireSession();
// The report is read with the network: a sign-in kept on the device past its token goes to sign in again.
if (!canSend(session)) window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
const tertial = decodeURIComponent(window.location.pathname.split('/').pop() ?? '');

interface Cell {
  value: number | null;
  masked: boolean;
}
type Figures = Record<string, number | null> & { tertial: string | null };
interface Report {
  tertial: string;
  from: string;
  to: string;
  asOf: string | null;
  disclosure: string;
  threshold: number;
  summary: { current: Figures; previous: Figures; sameTertialLastYear: Figures; cumulative: Figures; changeFromPrevious: Figures };
  passesByMonth: Array<{ month: string; passes: Cell }>;
  encountersByRoleAndAgeBand: Array<{ role: string; ageBand: string; encounters: Cell }>;
  encountersByHomeKommun: Array<{ code: string; name: string; agreementStatus: string; encounters: Cell }>;
  plainSummary: { sv: string; en: string };
  changedSince: Array<{ scope: string; measure: string; then: number | null; now: number | null }>;
}

const FIGURES = ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18', 'offeredSupport'];
const F = FIGURES.join(' ');
const QUERY = `query ($tertial: String!, $asOf: DateTime) { tertialReport(tertial: $tertial, asOf: $asOf) {
  tertial from to asOf disclosure threshold
  summary { current { tertial ${F} } previous { tertial ${F} } sameTertialLastYear { tertial ${F} } cumulative { ${F} } changeFromPrevious { ${F} } }
  passesByMonth { month passes { value masked } }
  encountersByRoleAndAgeBand { role ageBand encounters { value masked } }
  encountersByHomeKommun { code name agreementStatus encounters { value masked } }
  plainSummary { sv en }
  changedSince { scope measure then now }
} }`;

let asOf = new URLSearchParams(window.location.search).get('asOf') ?? '';
let report: Report | undefined;

const number = (value: number | null | undefined) => (value === null || value === undefined ? t('masked') : value.toLocaleString(currentLanguage() === 'sv' ? 'sv-SE' : 'en-GB'));
const signed = (value: number | null | undefined) => (value === null || value === undefined ? t('masked') : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)}`);

const ageLabel = (band: string) => (band === 'UNKNOWN' ? t('unknownAge') : band === 'UNDER_15' ? '<15' : band.replace('AGE_', '').replace('_PLUS', '+').replace('_', '–'));

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: Array<Node | string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** A horizontal bar chart: one bar a row, its label and count beside it; masked counts drawn as a hatched stub. */
function barChart(id: string, title: string, rows: Array<{ label: string; cell: Cell; group?: string }>): SVGSVGElement {
  const rowHeight = 26;
  const labelWidth = 300;
  const width = 640;
  const max = Math.max(1, ...rows.map((r) => r.cell.value ?? 0));
  const height = rows.length * rowHeight + 10;
  const chart = svg('svg', { id, class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-title` }, svg('title', { id: `${id}-title` }, title));
  rows.forEach((row, n) => {
    const y = n * rowHeight + 5;
    const barWidth = row.cell.value === null ? 12 : ((width - labelWidth - 70) * row.cell.value) / max;
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', class: 'chart-label' }, row.label),
      svg('rect', { x: labelWidth, y, width: Math.max(barWidth, row.cell.value === 0 ? 0 : 2), height: rowHeight - 8, class: `bar ${row.cell.masked ? 'bar-masked' : ''} ${row.group ? `bar-${row.group.toLowerCase()}` : ''}` }),
      svg('text', { x: labelWidth + barWidth + 6, y: y + 16, class: 'chart-value' }, number(row.cell.value)),
    );
  });
  return chart;
}

function dataTable(caption: string, header: string[], rows: string[][]): HTMLElement {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, t('tableOf', { title: caption })),
    h('table', {}, h('thead', {}, h('tr', {}, ...header.map((cell, n) => h('th', { scope: 'col', class: n === header.length - 1 ? 'number' : undefined }, cell)))), h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, n) => h(n === 0 ? 'th' : 'td', { scope: n === 0 ? 'row' : undefined, class: n === row.length - 1 ? 'number' : undefined }, cell)))))),
  );
}

async function download(format: 'csv' | 'xlsx', disclosure: 'INTERNAL' | 'PUBLIC', status: HTMLElement): Promise<void> {
  const params = new URLSearchParams({ disclosure });
  if (report?.asOf) params.set('asOf', report.asOf);
  try {
    const response = await fetch(`/reports/tertial/${encodeURIComponent(tertial)}.${format}?${params}`, { headers: { authorization: `Bearer ${session.token}` } });
    if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }> }).errors?.[0]?.message ?? `HTTP ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: `samlogg-tertialrapport-${tertial}-${disclosure.toLowerCase()}.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    status.textContent = t('downloadFailed', { message: (error as Error).message });
  }
}

function draw(): void {
  document.documentElement.lang = currentLanguage();
  const main = h('main', { id: 'app', class: 'report' });
  document.getElementById('app')?.replaceWith(main);
  document.body.querySelector('header.bar')?.remove();
  const out = h('button', { type: 'button', class: 'link-button' }, t('signOut'));
  out.addEventListener('click', () => {
    signOut();
    window.location.assign('/sign-in');
  });
  document.body.prepend(h('header', { class: 'bar' }, h('div', { class: 'inner' }, h('span', { class: 'title' }, 'Samlogg'), h('span', {}, session.org), languageToggle(draw), out)));
  if (!report) return;
  const r = report;
  const s = r.summary;
  const label = (measure: string) => t(measure).trim();
  const figures = h(
    'table',
    { class: 'figures' },
    h('caption', { class: 'visually-hidden' }, t('figuresTitle')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('measure')),
        h('th', { scope: 'col', class: 'number' }, r.tertial),
        h('th', { scope: 'col', class: 'number' }, t('previous', { t: s.previous.tertial ?? '' })),
        h('th', { scope: 'col', class: 'number' }, t('lastYear', { t: s.sameTertialLastYear.tertial ?? '' })),
        h('th', { scope: 'col', class: 'number' }, t('cumulative')),
        h('th', { scope: 'col', class: 'number' }, t('change')),
      ),
    ),
    h(
      'tbody',
      {},
      ...FIGURES.map((measure) =>
        h(
          'tr',
          { class: measure.endsWith('Under18') ? 'sub' : undefined },
          h('th', { scope: 'row' }, t(measure)),
          h('td', { class: 'number' }, number(s.current[measure])),
          h('td', { class: 'number' }, number(s.previous[measure])),
          h('td', { class: 'number' }, number(s.sameTertialLastYear[measure])),
          h('td', { class: 'number' }, number(s.cumulative[measure])),
          h('td', { class: 'number' }, signed(s.changeFromPrevious[measure])),
        ),
      ),
    ),
  );
  const asOfInput = h('input', { id: 'as-of', type: 'datetime-local', value: asOf, 'aria-describedby': 'as-of-hint' });
  const asOfForm = h('form', { class: 'no-print as-of' }, h('label', { for: 'as-of' }, t('asOf')), h('p', { class: 'hint', id: 'as-of-hint' }, t('asOfHint')), asOfInput, h('button', { type: 'submit', class: 'secondary' }, t('show')));
  asOfForm.addEventListener('submit', (event) => {
    event.preventDefault();
    asOf = asOfInput.value;
    const url = new URL(window.location.href);
    if (asOf) url.searchParams.set('asOf', asOf);
    else url.searchParams.delete('asOf');
    window.history.replaceState(null, '', url);
    void load();
  });
  const status = h('p', { role: 'status', class: 'status' });
  const button = (text: string, format: 'csv' | 'xlsx', disclosure: 'INTERNAL' | 'PUBLIC') => {
    const element = h('button', { type: 'button', class: 'secondary' }, text);
    element.addEventListener('click', () => void download(format, disclosure, status));
    return element;
  };
  const print = h('button', { type: 'button', class: 'secondary' }, t('print'));
  print.addEventListener('click', () => window.print());
  const roles = ['EXPOSED', 'BUYER'];
  main.append(
    h('h1', {}, t('title', { tertial: r.tertial })),
    h('p', { class: 'period' }, t('period', { from: r.from, to: r.to })),
    asOfForm,
    r.asOf
      ? h(
          'section',
          { class: 'notice', 'aria-labelledby': 'changed-title' },
          h('p', {}, t('asPresented', { when: new Date(r.asOf).toLocaleString(currentLanguage() === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm' }) })),
          h('h2', { id: 'changed-title' }, t('changedSince')),
          r.changedSince.length === 0
            ? h('p', {}, t('noChange'))
            : h('ul', {}, ...r.changedSince.map((c) => h('li', {}, t('changedLine', { measure: label(c.measure), scope: c.scope === 'current' ? t('current') : t('cumulative'), then: number(c.then), now: number(c.now) })))),
        )
      : '',
    h('h2', {}, t('summaryTitle')),
    h('p', { class: 'plain-summary' }, r.plainSummary[currentLanguage()]),
    h('h2', {}, t('figuresTitle')),
    figures,
    h('section', { class: 'chart-section' }, h('h2', {}, t('monthChart')), barChart('chart-months', t('monthChart'), r.passesByMonth.map((m) => ({ label: m.month, cell: m.passes }))), dataTable(t('monthChart'), [t('month'), t('passes')], r.passesByMonth.map((m) => [m.month, number(m.passes.value)]))),
    h(
      'section',
      { class: 'chart-section' },
      h('h2', {}, t('roleChart')),
      barChart('chart-roles', t('roleChart'), r.encountersByRoleAndAgeBand.map((row) => ({ label: `${t(row.role)} ${ageLabel(row.ageBand)}`, cell: row.encounters, group: roles.includes(row.role) ? row.role : undefined }))),
      dataTable(t('roleChart'), [t('role'), t('ageBand'), t('persons')], r.encountersByRoleAndAgeBand.map((row) => [t(row.role), ageLabel(row.ageBand), number(row.encounters.value)])),
    ),
    h(
      'section',
      { class: 'chart-section' },
      h('h2', {}, t('kommunChart')),
      barChart('chart-kommuner', t('kommunChart'), r.encountersByHomeKommun.slice(0, 20).map((row) => ({ label: `${row.name} (${t(row.agreementStatus)})`, cell: row.encounters, group: row.agreementStatus }))),
      dataTable(t('kommunChart'), [t('kommun'), t('agreement'), t('persons')], r.encountersByHomeKommun.map((row) => [row.name, t(row.agreementStatus), number(row.encounters.value)])),
    ),
    r.disclosure === 'PUBLIC' ? h('p', { class: 'hint' }, t('maskedNote', { n: r.threshold })) : '',
    h('section', { class: 'no-print downloads' }, h('h2', {}, t('downloads')), button(t('csv'), 'csv', 'INTERNAL'), button(t('xlsx'), 'xlsx', 'INTERNAL'), button(t('publicXlsx'), 'xlsx', 'PUBLIC'), print, status),
  );
}

async function load(): Promise<void> {
  try {
    const instant = asOf ? new Date(asOf).toISOString() : null;
    report = (await graphql<{ tertialReport: Report }>(session, QUERY, { tertial, asOf: instant })).tertialReport;
    draw();
  } catch (error) {
    draw();
    document.getElementById('app')?.append(h('p', { class: 'notice warning', role: 'alert' }, t('failed', { message: error instanceof ApiError ? error.message : String(error) })));
  }
}

void load();
