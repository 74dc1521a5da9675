import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { axeViolations } from './support/axe.js';
import { recordDemo } from './support/demo.js';
import { startServer, type RunningServer } from './support/server.js';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);

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
    expect(readFileSync(await csv.path(), 'utf8')).to.match(/Gemensamma arbetspass \/ joint passes,\d+,\d+,\d+,201,/);
    const [publicXlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Excel för spridning/ }).click()]);
    expect(publicXlsx.suggestedFilename()).to.equal('samlogg-tertialrapport-2022-T2-public.xlsx');
  });

  it('shows the report as presented at a chosen time, with what has changed since', async () => {
    await page.getByLabel('Som rapporten såg ut vid (lokal tid)').fill('2030-01-01T12:00');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.getByText(/Visas som rapporten såg ut/).waitFor();
    await page.getByText('Inget av nyckeltalen har ändrats sedan dess.').waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).to.equal('2030-01-01T12:00');
  });
});
