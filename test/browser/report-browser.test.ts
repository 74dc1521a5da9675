import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { axeViolations } from '../support/axe.js';
import { recordDemo } from '../support/demo.js';
import { startServer, type RunningServer } from '../support/server.js';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
/** The page's @page rules as the browser holds them (the provenance in every page's bottom margin is one). */
const PAGE_MARGIN_RULES = `[...document.styleSheets, ...document.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSPageRule).map((rule) => rule.cssText).join('\\n')`;

/** The tertial report in Debian's chromium: figures, charts, as-of, downloads, print. */
describe('Tertial report page in a real browser', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startServer(recordDemo);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    page = await (await browser.newContext({ acceptDownloads: true, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' })).newPage();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as the styrgrupp and shows 2022-T2 with its figures and three charts, accessibly', async () => {
    await page.goto(`${server.url}/reports/tertial/2022-T2`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Roll').selectOption('styrgrupp');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Tertialrapport 2022-T2' }).waitFor();
    const joint = page.getByRole('row', { name: /^Gemensamma arbetspass/ });
    expect(await joint.getByRole('cell').allInnerTexts()).to.include('201');
    for (const title of ['Arbetspass per månad', 'Personer efter roll och ålder', 'Personer efter hemkommun och avtal']) {
      const chart = page.getByRole('img', { name: title });
      await chart.waitFor();
      expect(await chart.locator('rect').count(), title).to.be.greaterThan(0);
    }
    await page.getByText(/Sedan april 2021: 201 pass, 364 utsatta och 306 misstänkta sexköpare/).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: new URL('report-2022-T2.png', ARTIFACTS).pathname, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Skriv ut / PDF' }).isVisible()).to.equal(false);
    await page.screenshot({ path: new URL('report-2022-T2-print.png', ARTIFACTS).pathname, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads the XLSX and the CSV, which open with the same figures', async () => {
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel (styrgruppen)' }).click()]);
    expect(xlsx.suggestedFilename()).to.equal('samlogg-tertialrapport-2022-T2-internal.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const summary = workbook.getWorksheet('Sammanfattning');
    const jointRow = (summary?.getSheetValues() ?? []).find((row) => Array.isArray(row) && String(row[1]).startsWith('Gemensamma arbetspass')) as unknown[];
    expect(jointRow[5]).to.equal(201);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (styrgruppen)' }).click()]);
    expect(readFileSync(await csv.path(), 'utf8')).to.match(/Gemensamma arbetspass \/ joint passes;\d+;\d+;\d+;201;/);
    const [publicXlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Excel för spridning/ }).click()]);
    expect(publicXlsx.suggestedFilename()).to.equal('samlogg-tertialrapport-2022-T2-public.xlsx');
  });

  it('shows the report as presented at a chosen time, with what has changed since', async () => {
    await page.getByLabel('Som rapporten såg ut vid (lokal tid)').fill('2030-01-01T12:00');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByText(/Visas som rapporten såg ut/).waitFor();
    await page.getByText('Inget av nyckeltalen har ändrats sedan dess.').waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).to.equal('2030-01-01T12:00');
    expect(await page.locator('.nothing-by-then').count()).to.equal(0);
    // Before anything was recorded: said plainly, not a page of zeros that reads as a quiet tertial.
    await page.getByLabel('Som rapporten såg ut vid (lokal tid)').fill('2001-01-01T12:00');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.getByText('Loggen hade inget registrerat vid den tiden', { exact: false }).waitFor();
    await page.screenshot({ path: new URL('report-as-presented-before-anything.png', ARTIFACTS).pathname, fullPage: true });
    await page.goto(`${server.url}/reports/tertial/2022-T2`);
  });

  it('chooses 2022-T2 in the picker, steps to the previous and next tertial, and opens the year 2022', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/reports/tertial/current`);
    await page.getByRole('heading', { name: /^Tertialrapport \d{4}-T[123]/ }).waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption({ label: '2022-T2 (maj–augusti 2022)' });
    await page.getByRole('button', { name: 'Visa perioden' }).click();
    await page.getByRole('heading', { name: 'Tertialrapport 2022-T2 (maj–augusti 2022)' }).waitFor();
    expect(await axeViolations(page), 'tertial report on a phone').to.deep.equal([]);
    await page.screenshot({ path: new URL('report-picker-2022-T2-phone.png', ARTIFACTS).pathname, fullPage: true });
    await page.getByRole('link', { name: /Föregående: 2022-T1/ }).click();
    await page.getByRole('heading', { name: 'Tertialrapport 2022-T1 (januari–april 2022)' }).waitFor();
    await page.getByRole('link', { name: /Nästa: 2022-T2/ }).click();
    await page.getByRole('heading', { name: /^Tertialrapport 2022-T2/ }).waitFor();
    // The agreement's two lines of work: under 18, and 18 and over, for each role.
    const rows = await page.locator('table.figures tbody th').allInnerTexts();
    expect(rows.map((row) => row.trim())).to.deep.equal(['Gemensamma arbetspass', 'Utsatta för prostitution', 'varav under 18 år', 'varav 18 år och äldre', 'Misstänkta sexköpare', 'varav under 18 år', 'varav 18 år och äldre', 'Erbjudits stöd']);
    await page.getByRole('link', { name: 'År' }).click();
    await page.getByRole('heading', { name: 'Årsrapport 2022' }).waitFor();
    const year = (await server.graphql('{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses } }')).body.data?.steeringFigures as { jointPasses: number };
    expect(await page.getByRole('row', { name: /^Gemensamma arbetspass/ }).getByRole('cell').first().innerText()).to.equal(String(year.jointPasses));
    expect(await page.getByRole('columnheader', { name: 'Föregående år (2021)' }).count()).to.equal(1);
    expect(await axeViolations(page), 'year report').to.deep.equal([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Annual report 2022' }).waitFor();
    expect(await axeViolations(page), 'year report in English').to.deep.equal([]);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.screenshot({ path: new URL('report-year-2022-phone.png', ARTIFACTS).pathname, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('on paper: the 2022-T2 tertial report fits two A4 pages, tables beside the charts in readable type, nothing cut', async () => {
    await page.goto(`${server.url}/reports/tertial/2022-T2`);
    await page.getByRole('heading', { name: /^Tertialrapport 2022-T2/ }).waitFor();
    await page.getByRole('heading', { name: 'Definitioner' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    // The width the page has inside A4's margins (210 mm less 2 × 13 mm at 96 px an inch), as page.pdf lays it out.
    await page.setViewportSize({ width: Math.floor(((210 - 26) / 25.4) * 96), height: 900 });
    // Where the figures come from, in every page's bottom margin: DEMO, extraction time, log position, fingerprint, chain head.
    const head = await server.store.headPosition();
    expect(await page.evaluate(PAGE_MARGIN_RULES)).to.match(
      new RegExp(`@bottom-left \\{ content: "DEMO – syntetiska data · Tertialrapport 2022-T2 · Uttaget ur loggen \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(Stockholm\\) · loggposition ${head} · Fingeravtryck [0-9a-f-]+ · kedjans huvud ${head}:[0-9a-f]{16}…";`),
    );
    expect(await page.evaluate(PAGE_MARGIN_RULES)).to.contain('@bottom-right { content: "Sida " counter(page) " av " counter(pages);');
    expect(await page.locator('.demo-mark').isVisible()).to.equal(true);
    expect(await page.locator('.legend').count()).to.equal(2);
    const kommunTable = page.getByRole('table', { name: /Tabell: Personer efter hemkommun/ });
    expect(await kommunTable.isVisible()).to.equal(true);
    expect(await page.getByRole('img', { name: 'Personer efter hemkommun och avtal' }).locator('rect').count()).to.equal(await kommunTable.locator('tbody tr').count());
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    const sizes = (await page.evaluate(`(() => {
      const smallest = (selector) => Math.min(...[...document.querySelectorAll(selector)].map((element) => parseFloat(getComputedStyle(element).fontSize)));
      // A chart's label as drawn on paper: its size in the SVG's units times the SVG's scale on the page.
      const scale = (label) => label.ownerSVGElement.getBoundingClientRect().width / label.ownerSVGElement.viewBox.baseVal.width;
      const drawn = Math.min(...[...document.querySelectorAll('.chart-label, .chart-value')].map((label) => parseFloat(getComputedStyle(label).fontSize) * scale(label)));
      const clipped = [...document.querySelectorAll('.chart-label, .chart-value')].filter((label) => label.getBBox().x < 0 || label.getBBox().x + label.getBBox().width > label.ownerSVGElement.viewBox.baseVal.width).length;
      const cut = [...document.querySelectorAll('.chart-data, .figures, .chart')].filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length;
      return { tables: smallest('.chart-data td, .chart-data th'), figures: smallest('.figures td, .figures th'), body: smallest('.plain-summary'), drawn, cut, clipped };
    })()`)) as { tables: number; figures: number; body: number; drawn: number; cut: number; clipped: number };
    // 8.5 pt is 11.33 px: small enough for two pages, large enough to read at a meeting.
    expect(sizes.tables, 'table type (px)').to.be.at.least(11.3);
    expect(sizes.figures, 'key figures type (px)').to.be.at.least(11.3);
    expect(sizes.body, 'text type (px)').to.be.at.least(11.3);
    expect(sizes.drawn, 'chart labels as drawn (px)').to.be.at.least(11.3);
    expect(sizes.clipped, 'chart labels outside their chart').to.equal(0);
    expect(sizes.cut, 'tables or charts wider than the paper').to.equal(0);
    await page.screenshot({ path: new URL('report-2022-T2-print-a4.png', ARTIFACTS).pathname, fullPage: true });
    const pdf = await page.pdf({ path: new URL('report-2022-T2.pdf', ARTIFACTS).pathname, format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).to.equal('%PDF');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, 'A4 pages').to.be.within(1, 2);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('on paper: DEMO, extraction time and log position on every page, page numbers, definitions, legends, every kommun, and the tables', async () => {
    await page.goto(`${server.url}/reports/year/2022`);
    await page.getByRole('heading', { name: 'Årsrapport 2022' }).waitFor();
    await page.getByText('DEMO – syntetiska data').first().waitFor();
    const head = await server.store.headPosition();
    await page.getByText(new RegExp(`Uttaget ur loggen \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(Stockholm\\) · loggposition ${head}`)).first().waitFor();
    await page.getByRole('heading', { name: 'Definitioner' }).waitFor();
    const kommunRows = await page.getByRole('table', { name: /Tabell: Personer efter hemkommun/ }).locator('tbody tr').count();
    expect(await page.getByRole('img', { name: 'Personer efter hemkommun och avtal' }).locator('rect').count()).to.equal(kommunRows);
    await page.getByText(`Alla ${kommunRows} hemkommuner med personer under perioden visas.`).waitFor();
    expect(await page.locator('.legend').count()).to.equal(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(PAGE_MARGIN_RULES)).to.contain(`Årsrapport 2022 · Uttaget ur loggen`).and.to.contain(`loggposition ${head} · Fingeravtryck`);
    expect(await page.getByRole('table', { name: /Tabell: Personer efter hemkommun/ }).isVisible()).to.equal(true);
    expect(await page.locator('.period-picker').isVisible()).to.equal(false);
    await page.screenshot({ path: new URL('report-year-2022-print.png', ARTIFACTS).pathname, fullPage: true });
    const pdf = await page.pdf({ path: new URL('report-year-2022.pdf', ARTIFACTS).pathname, format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).to.equal('%PDF');
    // Every table printed beside its chart, and still a short paper for a meeting: two A4 pages, as the tertial.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, 'A4 pages').to.be.within(1, 2);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows a period that is not one as a page in the app’s style', async () => {
    await page.goto(`${server.url}/reports/tertial/2022-T4`);
    await page.getByRole('heading', { name: 'Perioden finns inte' }).waitFor();
    expect(await axeViolations(page), 'not a period').to.deep.equal([]);
    await page.screenshot({ path: new URL('report-not-a-period.png', ARTIFACTS).pathname, fullPage: true });
    await page.getByRole('link', { name: /^Visa \d{4}-T[123]$/ }).click();
    await page.getByRole('heading', { name: /^Tertialrapport/ }).waitFor();
  });
});
