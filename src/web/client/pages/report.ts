import '../styles/base.css';
import '../styles/report.css';
import { ROLES } from '../../../domain/vocabulary.js';
import { h } from '../dom.js';
import { currentLanguage, translator } from '../i18n.js';
import { languageToggle } from '../language-toggle.js';
import { canSend, requireSession, signOut } from '../session.js';

/**
 * The styrgrupp's report for a tertial or a year: a period picker with previous and next, the
 * figures beside the period before, the same tertial last year and the cumulative ones, split by
 * the agreement's two lines of work (under 18, 18 and over); three charts (SVG, each with its table
 * and legend), a short text, "as presented" at a chosen time, where the figures come from (extraction
 * time, log position, DEMO), their definitions, downloads, and an A4 print layout with page numbers.
 */
const t = translator({
  title: { sv: 'Tertialrapport {tertial}', en: 'Tertial report {tertial}' },
  yearTitle: { sv: 'Årsrapport {tertial}', en: 'Annual report {tertial}' },
  T1: { sv: 'januari–april', en: 'January–April' },
  T2: { sv: 'maj–augusti', en: 'May–August' },
  T3: { sv: 'september–december', en: 'September–December' },
  periodTitle: { sv: 'Välj period', en: 'Choose the period' },
  kindTertial: { sv: 'Tertial', en: 'Tertial' },
  kindYear: { sv: 'År', en: 'Year' },
  periodLabel: { sv: 'Period', en: 'Period' },
  periodSteps: { sv: 'Föregående och nästa period', en: 'Previous and next period' },
  showPeriod: { sv: 'Visa perioden', en: 'Show the period' },
  periodKind: { sv: 'Rapport för', en: 'Report for' },
  previousPeriod: { sv: '← Föregående: {name}', en: '← Previous: {name}' },
  nextPeriod: { sv: 'Nästa: {name} →', en: 'Next: {name} →' },
  previousYear: { sv: 'Föregående år ({t})', en: 'Previous year ({t})' },
  exposed18Plus: { sv: '  varav 18 år och äldre', en: '  of whom 18 and over' },
  suspectedBuyers18Plus: { sv: '  varav 18 år och äldre', en: '  of whom 18 and over' },
  demo: { sv: 'DEMO – syntetiska data', en: 'DEMO – synthetic data' },
  demoNote: { sv: 'Siffrorna kommer från demologgen och beskriver inga verkliga personer eller pass.', en: 'The figures come from the demo log and describe no real persons or passes.' },
  extracted: { sv: 'Uttaget ur loggen {when} (Stockholm) · loggposition {position}', en: 'Extracted from the log {when} (Stockholm) · log position {position}' },
  proof: { sv: 'Fingeravtryck {fingerprint} · kedjans huvud {head}', en: 'Fingerprint {fingerprint} · chain head {head}' },
  noChain: { sv: 'ingen hashkedja i detta lager', en: 'no hash chain in this store' },
  nothingByThen: { sv: 'Loggen hade inget registrerat vid den tiden: alla tal är noll för att inget ännu var registrerat, inte för att inget hände.', en: 'The log held nothing recorded at that time: every figure is zero because nothing was recorded yet, not because nothing happened.' },
  definitionsTitle: { sv: 'Definitioner', en: 'Definitions' },
  defJoint: { sv: 'Gemensamt arbetspass: ett pass, inte makulerat, där polisen och minst en av socialtjänstens verksamheter deltog.', en: 'Joint work pass: a pass, not retracted, in which the police and at least one social-services unit took part.' },
  defPersons: { sv: 'Utsatta och misstänkta sexköpare: personer, inte makulerade, som påträffats på gemensamma pass, efter roll. Under 18 år: åldersgrupp under 15 eller 15–17; 18 år och äldre: övriga, också okänd ålder.', en: 'Exposed and suspected buyers: persons, not retracted, met on joint passes, by role. Under 18: age band under 15 or 15–17; 18 and over: the others, unknown age included.' },
  defSupport: { sv: 'Erbjudits stöd: de räknade personer som erbjudits stöd av minst en verksamhet. Perioden avser passens datum, båda ändar inräknade.', en: 'Offered support: those counted who were offered support by at least one unit. The period is of pass dates, both ends included.' },
  legend: { sv: 'Förklaring', en: 'Legend' },
  legendMasked: { sv: 'dolt (litet antal)', en: 'masked (small count)' },
  allKommuner: { sv: 'Alla {n} hemkommuner med personer under perioden visas.', en: 'All {n} home kommuner with persons in the period are shown.' },
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
  page: { sv: 'Sida', en: 'Page' },
  pageOf: { sv: 'av', en: 'of' },
  masked: { sv: 'dolt', en: 'masked' },
  maskedNote: { sv: '”dolt”: 1–{n}, eller dolt så att inget litet antal kan räknas fram.', en: '“masked”: 1–{n}, or masked so that no small count can be worked out.' },
  signOut: { sv: 'Logga ut', en: 'Sign out' },
  failed: { sv: 'Rapporten kunde inte hämtas: {message}', en: 'The report could not be loaded: {message}' },
  downloadFailed: { sv: 'Nedladdningen misslyckades: {message}', en: 'The download failed: {message}' },
});

const session = requireSession();
const [, kindText, name] = /^\/reports\/(tertial|year)\/([^/]+)$/.exec(window.location.pathname) ?? [];
const kind: 'tertial' | 'year' = kindText === 'year' ? 'year' : 'tertial';
const period = decodeURIComponent(name ?? '');
// The report is read with the network: a sign-in kept on the device past its token goes to sign in again.
if (!canSend(session)) window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);

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
  kind: 'tertial' | 'year';
  extractedAt: string;
  position: number;
  proof: { chainHead: string | null; fingerprint: string; rules: number };
  synthetic: boolean;
  passesRecorded: number;
  navigation: { previous: string | null; next: string | null; choices: string[] };
}

/** The rows of the figures table: each line of work split under 18 / 18 and over (masked when either part is). */
const FIGURES = ['jointPasses', 'exposed', 'exposedUnder18', 'exposed18Plus', 'suspectedBuyers', 'suspectedBuyersUnder18', 'suspectedBuyers18Plus', 'offeredSupport'];
function figure(figures: Figures, measure: string): number | null {
  const adults = /^(exposed|suspectedBuyers)18Plus$/.exec(measure);
  if (!adults) return figures[measure] ?? null;
  const [all, under18] = [figures[adults[1] as string], figures[`${adults[1]}Under18`]];
  return all === null || all === undefined || under18 === null || under18 === undefined ? null : all - under18;
}

/** "2022-T2 (maj–augusti 2022)", "2022". */
const periodLabel = (name: string) => {
  const match = /^(\d{4})-(T[123])$/.exec(name);
  return match ? `${name} (${t(match[2] as string)} ${match[1]})` : name;
};

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
  // As wide as the longest label needs at the largest print size (24 units, about 14.5 a character), the rest for bars.
  const labelWidth = Math.min(380, Math.max(80, 20 + 14.5 * Math.max(0, ...rows.map((r) => r.label.length))));
  const width = 760;
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

/** The chart's numbers as a table, always shown (and printed): a chart alone cannot be read exactly. */
function dataTable(caption: string, header: string[], rows: string[][]): HTMLElement {
  return h(
    'table',
    { class: 'chart-data' },
    h('caption', {}, t('tableOf', { title: caption })),
    h('thead', {}, h('tr', {}, ...header.map((cell, n) => h('th', { scope: 'col', class: n === header.length - 1 ? 'number' : undefined }, cell)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, n) => h(n === 0 ? 'th' : 'td', { scope: n === 0 ? 'row' : undefined, class: n === row.length - 1 ? 'number' : undefined }, cell))))),
  );
}

/** What each colour of a chart means, masked counts included. */
function legend(entries: Array<[group: string, label: string]>): HTMLElement {
  return h('ul', { class: 'legend', 'aria-label': t('legend') }, ...[...entries, ['masked', t('legendMasked')] as [string, string]].map(([group, label]) => h('li', {}, h('span', { class: `swatch bar-${group.toLowerCase()}`, 'aria-hidden': 'true' }), label)));
}

const stockholmTime = (instant: string) => new Date(instant).toLocaleString(currentLanguage() === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The period picker: tertial or year, the periods with their months, previous and next. */
function periodPicker(r: Report): HTMLElement {
  const choose = h('select', { id: 'period' }, ...r.navigation.choices.map((choice) => h('option', { value: choice, selected: choice === period }, periodLabel(choice))));
  const form = h('form', { class: 'no-print period-picker', 'aria-labelledby': 'period-title' }, h('h2', { id: 'period-title', class: 'visually-hidden' }, t('periodTitle')));
  const kinds = h(
    'p',
    { class: 'period-kinds' },
    t('periodKind'),
    ' ',
    ...(['tertial', 'year'] as const).map((k) =>
      k === kind ? h('strong', { 'aria-current': 'page' }, t(k === 'tertial' ? 'kindTertial' : 'kindYear')) : h('a', { href: `/reports/${k}/${k === 'year' ? r.from.slice(0, 4) : 'current'}` }, t(k === 'tertial' ? 'kindTertial' : 'kindYear')),
    ).flatMap((node, n) => (n === 0 ? [node] : [' · ', node])),
  );
  form.append(kinds, h('label', { for: 'period' }, t('periodLabel')), choose, h('button', { type: 'submit', class: 'secondary' }, t('showPeriod')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.assign(`/reports/${kind}/${encodeURIComponent(choose.value)}${window.location.search}`);
  });
  const nav = h(
    'nav',
    { class: 'no-print period-nav', 'aria-label': t('periodSteps') },
    r.navigation.previous ? h('a', { href: `/reports/${kind}/${r.navigation.previous}`, rel: 'prev' }, t('previousPeriod', { name: periodLabel(r.navigation.previous) })) : '',
    r.navigation.next ? h('a', { href: `/reports/${kind}/${r.navigation.next}`, rel: 'next' }, t('nextPeriod', { name: periodLabel(r.navigation.next) })) : '',
  );
  return h('div', {}, form, nav);
}

async function download(format: 'csv' | 'xlsx', disclosure: 'INTERNAL' | 'PUBLIC', status: HTMLElement): Promise<void> {
  const params = new URLSearchParams({ disclosure });
  if (report?.asOf) params.set('asOf', report.asOf);
  try {
    const response = await fetch(`/reports/${kind}/${encodeURIComponent(period)}.${format}?${params}`, { headers: { authorization: `Bearer ${session.token}` } });
    if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }> }).errors?.[0]?.message ?? `HTTP ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: `samlogg-${kind === 'year' ? 'arsrapport' : 'tertialrapport'}-${period}-${disclosure.toLowerCase()}.${format}` });
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
  drawHeaderBar();
  if (!report) return;
  const r = report;
  // Position, chain head and fingerprint tie this page to the log and to its signed JSON (.json download).
  const provenance = `${t('extracted', { when: stockholmTime(r.extractedAt), position: r.position })} · ${t('proof', { fingerprint: r.proof.fingerprint, head: r.proof.chainHead ? shortHead(r.proof.chainHead) : t('noChain') })}`;
  main.append(
    r.synthetic ? h('p', { class: 'demo-mark' }, h('strong', {}, t('demo')), ' ', t('demoNote')) : '',
    h('h1', {}, t(r.kind === 'year' ? 'yearTitle' : 'title', { tertial: periodLabel(r.tertial) })),
    h('p', { class: 'period' }, t('period', { from: r.from, to: r.to })),
    h('p', { class: 'provenance' }, provenance),
    periodPicker(r),
    asOfForm(),
    r.asOf ? asPresentedNotice(r, r.asOf) : '',
    h('h2', {}, t('summaryTitle')),
    h('p', { class: 'plain-summary' }, r.plainSummary[currentLanguage()]),
    h('h2', {}, t('figuresTitle')),
    // On a phone the table scrolls sideways inside its own box; the page itself never does.
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': t('figuresTitle'), tabindex: '0' }, figuresTable(r)),
    ...chartSections(r),
    r.disclosure === 'PUBLIC' ? h('p', { class: 'hint' }, t('maskedNote', { n: r.threshold })) : '',
    h('section', { class: 'definitions', 'aria-labelledby': 'definitions-title' }, h('h2', { id: 'definitions-title' }, t('definitionsTitle')), h('ol', {}, h('li', {}, t('defJoint')), h('li', {}, t('defPersons')), h('li', {}, t('defSupport')))),
    downloadsSection(),
  );
  printFooter(`${r.synthetic ? `${t('demo')} · ` : ''}${t(r.kind === 'year' ? 'yearTitle' : 'title', { tertial: r.tertial })} · ${provenance}`);
}

function drawHeaderBar(): void {
  document.body.querySelector('header.bar')?.remove();
  const out = h('button', { type: 'button', class: 'link-button' }, t('signOut'));
  out.addEventListener('click', () => {
    signOut();
    window.location.assign('/sign-in');
  });
  document.body.prepend(h('header', { class: 'bar' }, h('div', { class: 'inner' }, h('span', { class: 'title' }, 'Samlogg'), h('span', {}, session.org), languageToggle(draw), out)));
}

/** The figures of the period beside the previous one, the same tertial last year, the cumulative figures and the change. */
function figuresTable(r: Report): HTMLElement {
  const s = r.summary;
  return h(
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
        h('th', { scope: 'col', class: 'number' }, t(r.kind === 'year' ? 'previousYear' : 'previous', { t: s.previous.tertial ?? '' })),
        r.kind === 'year' ? '' : h('th', { scope: 'col', class: 'number' }, t('lastYear', { t: s.sameTertialLastYear.tertial ?? '' })),
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
          { class: /Under18|18Plus/.test(measure) ? 'sub' : undefined },
          h('th', { scope: 'row' }, t(measure)),
          h('td', { class: 'number' }, number(figure(s.current, measure))),
          h('td', { class: 'number' }, number(figure(s.previous, measure))),
          r.kind === 'year' ? '' : h('td', { class: 'number' }, number(figure(s.sameTertialLastYear, measure))),
          h('td', { class: 'number' }, number(figure(s.cumulative, measure))),
          h('td', { class: 'number' }, signed(figure(s.changeFromPrevious, measure))),
        ),
      ),
    ),
  );
}

/** The instant to show the report as it was presented then; kept in the address. */
function asOfForm(): HTMLElement {
  const asOfInput = h('input', { id: 'as-of', type: 'datetime-local', value: asOf, 'aria-describedby': 'as-of-hint' });
  const form = h('form', { class: 'no-print as-of' }, h('label', { for: 'as-of' }, t('asOf')), h('p', { class: 'hint', id: 'as-of-hint' }, t('asOfHint')), asOfInput, h('button', { type: 'submit', class: 'secondary' }, t('show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    asOf = asOfInput.value;
    const url = new URL(window.location.href);
    if (asOf) url.searchParams.set('asOf', asOf);
    else url.searchParams.delete('asOf');
    window.history.replaceState(null, '', url);
    void load();
  });
  return form;
}

/** A report as presented then, and which figures have changed since. */
function asPresentedNotice(r: Report, when: string): HTMLElement {
  const label = (measure: string) => t(measure).trim();
  return h(
    'section',
    { class: 'notice', 'aria-labelledby': 'changed-title' },
    h('p', {}, t('asPresented', { when: stockholmTime(when) })),
    r.passesRecorded === 0 ? h('p', { class: 'nothing-by-then' }, h('strong', {}, t('nothingByThen'))) : '',
    h('h2', { id: 'changed-title' }, t('changedSince')),
    r.changedSince.length === 0
      ? h('p', {}, t('noChange'))
      : h('ul', {}, ...r.changedSince.map((c) => h('li', {}, t('changedLine', { measure: label(c.measure), scope: c.scope === 'current' ? t('current') : t('cumulative'), then: number(c.then), now: number(c.now) })))),
  );
}

/** Chart, legend and note in one box each: on paper the table stands beside it (a grid of two columns). */
function chartSections(r: Report): HTMLElement[] {
  return [
    h('section', { class: 'chart-section' }, h('h2', {}, t('monthChart')), h('div', { class: 'chart-figure' }, barChart('chart-months', t('monthChart'), r.passesByMonth.map((m) => ({ label: m.month, cell: m.passes })))), dataTable(t('monthChart'), [t('month'), t('passes')], r.passesByMonth.map((m) => [m.month, number(m.passes.value)]))),
    h(
      'section',
      { class: 'chart-section' },
      h('h2', {}, t('roleChart')),
      h(
        'div',
        { class: 'chart-figure' },
        barChart('chart-roles', t('roleChart'), r.encountersByRoleAndAgeBand.map((row) => ({ label: `${t(row.role)} ${ageLabel(row.ageBand)}`, cell: row.encounters, group: (ROLES as readonly string[]).includes(row.role) ? row.role : undefined }))),
        legend(ROLES.map((role) => [role, t(role)])),
      ),
      dataTable(t('roleChart'), [t('role'), t('ageBand'), t('persons')], r.encountersByRoleAndAgeBand.map((row) => [t(row.role), ageLabel(row.ageBand), number(row.encounters.value)])),
    ),
    h(
      'section',
      { class: 'chart-section' },
      h('h2', {}, t('kommunChart')),
      // Every kommun, however many: a chart that drops some without saying so misleads.
      h(
        'div',
        { class: 'chart-figure' },
        barChart('chart-kommuner', t('kommunChart'), r.encountersByHomeKommun.map((row) => ({ label: row.name, cell: row.encounters, group: row.agreementStatus }))),
        legend([...new Set(r.encountersByHomeKommun.map((row) => row.agreementStatus))].map((status) => [status, t(status)])),
        h('p', { class: 'hint' }, t('allKommuner', { n: r.encountersByHomeKommun.length })),
      ),
      dataTable(t('kommunChart'), [t('kommun'), t('agreement'), t('persons')], r.encountersByHomeKommun.map((row) => [row.name, t(row.agreementStatus), number(row.encounters.value)])),
    ),
  ];
}

function downloadsSection(): HTMLElement {
  const status = h('p', { role: 'status', class: 'status' });
  const button = (text: string, format: 'csv' | 'xlsx', disclosure: 'INTERNAL' | 'PUBLIC') => {
    const element = h('button', { type: 'button', class: 'secondary' }, text);
    element.addEventListener('click', () => void download(format, disclosure, status));
    return element;
  };
  const print = h('button', { type: 'button', class: 'secondary' }, t('print'));
  print.addEventListener('click', () => window.print());
  return h('section', { class: 'no-print downloads' }, h('h2', {}, t('downloads')), button(t('csv'), 'csv', 'INTERNAL'), button(t('xlsx'), 'xlsx', 'INTERNAL'), button(t('publicXlsx'), 'xlsx', 'PUBLIC'), print, status);
}

/**
 * Where the figures come from, on every printed page: in the page's bottom margin (an @page margin
 * box), not a fixed element over the text area, so a page filled to its end never hides it or lies
 * under it. A constructed style sheet, since the page's Content-Security-Policy refuses inline styles.
 */
const provenanceSheet = new CSSStyleSheet();
function printFooter(text: string): void {
  const quoted = `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;
  // The page number in the page's language ("Sida 1 av 2", "Page 1 of 2").
  const pages = `"${t('page')} " counter(page) " ${t('pageOf')} " counter(pages)`;
  provenanceSheet.replaceSync(`@page { @bottom-left { content: ${quoted}; font-family: system-ui, sans-serif; font-size: 8pt; color: #4a4a4a; width: 150mm; } @bottom-right { content: ${pages}; } }`);
  if (!document.adoptedStyleSheets.includes(provenanceSheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, provenanceSheet];
}

/** A chain head "P:hex" shortened for paper: the position and the hash's first 16 hex digits identify it. */
const shortHead = (head: string) => head.replace(/^(\d+:[0-9a-f]{16})[0-9a-f]*$/, '$1…');

/** The same loaded report the CSV and XLSX are made from, as JSON, signed in as /graphql is. */
async function load(): Promise<void> {
  try {
    const params = new URLSearchParams({ view: 'page' });
    if (asOf) params.set('asOf', new Date(asOf).toISOString());
    const response = await fetch(`/reports/${kind}/${encodeURIComponent(period)}.json?${params}`, { headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' } });
    const body = (await response.json().catch(() => ({}))) as Report & { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (response.status === 401) {
      window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    if (!response.ok) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
    report = body;
    draw();
  } catch (error) {
    draw();
    document.getElementById('app')?.append(h('p', { class: 'notice warning', role: 'alert' }, t('failed', { message: (error as Error).message })));
  }
}

void load();
