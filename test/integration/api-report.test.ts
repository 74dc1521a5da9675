import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { recordDemo } from '../support/demo.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

const STYRGRUPP: Caller = { role: 'styrgrupp', org: 'STYRGRUPPEN' };
const F = 'jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport';
const QUERY = `query ($t: String!, $asOf: DateTime, $d: Disclosure) { tertialReport(tertial: $t, asOf: $asOf, disclosure: $d) {
  tertial from to disclosure summary { current { ${F} } cumulative { ${F} } }
  passesByMonth { month passes { value masked } } encountersByRoleAndAgeBand { role ageBand encounters { value masked } }
  encountersByHomeKommun { code name agreementStatus encounters { value masked } } plainSummary { sv en } changedSince { scope measure then now } } }`;

interface Report {
  summary: { current: Record<string, number>; cumulative: Record<string, number> };
  passesByMonth: Array<{ month: string; passes: { value: number | null; masked: boolean } }>;
  encountersByRoleAndAgeBand: Array<{ encounters: { value: number | null; masked: boolean } }>;
  encountersByHomeKommun: Array<{ code: string; agreementStatus: string; encounters: { value: number | null; masked: boolean } }>;
  plainSummary: { sv: string; en: string };
  changedSince: Array<{ scope: string; measure: string; then: number | null; now: number | null }>;
}

describe('The styrgrupp’s tertial report: query and downloads (real server, demo log)', function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer(recordDemo, { as: STYRGRUPP, now: new Date('2026-11-30T12:00:00Z') });
  });
  after(async () => server.stop());

  const report = async (variables: Record<string, unknown>) => (await server.graphql(QUERY, { t: '2022-T2', ...variables })).body;

  it('reproduces the cumulative steering figures and tables that add up to them', async () => {
    const r = (await report({})).data?.tertialReport as Report;
    expect(r.summary.cumulative).to.deep.equal({ jointPasses: 201, exposed: 364, exposedUnder18: 18, suspectedBuyers: 306, suspectedBuyersUnder18: 3, offeredSupport: 670 });
    const sum = (cells: Array<{ value: number | null }>) => cells.reduce((n, c) => n + (c.value ?? 0), 0);
    expect(r.passesByMonth.map((m) => m.month)).to.deep.equal(['2022-05', '2022-06', '2022-07', '2022-08']);
    expect(sum(r.passesByMonth.map((m) => m.passes))).to.equal(r.summary.current.jointPasses);
    expect(sum(r.encountersByRoleAndAgeBand.map((x) => x.encounters))).to.equal((r.summary.current.exposed as number) + (r.summary.current.suspectedBuyers as number));
    expect(sum(r.encountersByHomeKommun.map((x) => x.encounters))).to.equal(sum(r.encountersByRoleAndAgeBand.map((x) => x.encounters)));
    expect(r.encountersByHomeKommun.some((k) => k.agreementStatus === 'CONNECTED')).to.equal(true);
    expect(r.plainSummary.sv).to.include(`${r.summary.current.jointPasses} gemensamma arbetspass`).and.to.include('Sedan april 2021: 201 pass, 364 utsatta och 306 misstänkta sexköpare');
    expect(r.changedSince).to.deep.equal([]);
  });

  it('masks small counts under PUBLIC and never shows one', async () => {
    const r = (await report({ d: 'PUBLIC' })).data?.tertialReport as Report;
    const cells = [...r.passesByMonth.map((m) => m.passes), ...r.encountersByRoleAndAgeBand.map((x) => x.encounters), ...r.encountersByHomeKommun.map((x) => x.encounters)];
    expect(cells.some((c) => c.masked)).to.equal(true);
    for (const c of cells) {
      if (c.masked) expect(c.value).to.equal(null);
      else expect((c.value as number) >= 1 && (c.value as number) <= 4, String(c.value)).to.equal(false);
    }
  });

  it('shows the report as presented at a time, and what has changed since', async () => {
    // Just after the last event, by the server's clock (injected: the host's date plays no part).
    const head = await server.store.headPosition();
    let last = '';
    for await (const page of server.store.readAll({ after: head - 1 })) for (const event of page) last = event.recordedAt;
    const before = new Date(Date.parse(last) + 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const passId = randomUUID();
    const mika: Caller = { role: 'field', org: 'MIKA' };
    await server.graphql('mutation ($i: RecordPassInput!) { recordPass(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, date: '2022-06-15', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, mika);
    const then = (await report({ asOf: before.toISOString() })).data?.tertialReport as Report;
    const now = (await report({})).data?.tertialReport as Report;
    expect(now.summary.current.jointPasses).to.equal((then.summary.current.jointPasses as number) + 1);
    expect(then.changedSince).to.deep.include({ scope: 'current', measure: 'jointPasses', then: then.summary.current.jointPasses, now: now.summary.current.jointPasses });
    expect(then.changedSince).to.deep.include({ scope: 'cumulative', measure: 'jointPasses', then: 201, now: 202 });
    await server.graphql('mutation ($i: RetractPassInput!) { retractPass(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, reason: 'testpass' } }, mika);
  });

  it('refuses a tertial it cannot read, naming the field, appending nothing', async () => {
    const head = await server.store.headPosition();
    const body = await report({ t: '2022-T9' });
    expect(body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'tertial' });
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('downloads the report as CSV and XLSX for the steering groups, and refuses others', async () => {
    const get = async (path: string, caller?: Caller) => fetch(`${server.url}${path}`, { headers: caller ? await server.authorization(caller) : {} });
    const csv = await get('/reports/tertial/2022-T2.csv', STYRGRUPP);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-disposition')).to.equal('attachment; filename="samlogg-tertialrapport-2022-T2-internal.csv"');
    const text = await csv.text();
    expect(text).to.match(/Gemensamma arbetspass \/ joint passes;\d+;\d+;\d+;201;/);
    const xlsx = await get('/reports/tertial/2022-T2.xlsx?disclosure=PUBLIC', STYRGRUPP);
    expect(xlsx.headers.get('content-type')).to.match(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).to.deep.equal(['Sammanfattning', 'Per månad', 'Roll och ålder', 'Hemkommun']);
    const values = workbook.getWorksheet('Hemkommun')?.getSheetValues().flat() ?? [];
    expect(values).to.include('dolt/masked');
    for (const value of values) if (typeof value === 'number') expect(value >= 1 && value <= 4, String(value)).to.equal(false);

    expect((await get('/reports/tertial/2022-T2.csv')).status).to.equal(401);
    const field = await get('/reports/tertial/2022-T2.csv', { role: 'field', org: 'MIKA' });
    expect(field.status).to.equal(403);
    const bad = await get('/reports/tertial/2022-T2.csv?disclosure=ALL', STYRGRUPP);
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { errors: Array<{ extensions: { field: string } }> }).errors[0]?.extensions.field).to.equal('disclosure');
    expect((await get('/reports/tertial/2022-T9.csv', STYRGRUPP)).status).to.equal(404);
  });

  it('writes files for Swedish Excel: CSV with ; and a BOM, Swedish beside each code, extraction time, log position, DEMO and definitions', async () => {
    const get = async (path: string) => fetch(`${server.url}${path}`, { headers: await server.authorization(STYRGRUPP) });
    const bytes = Buffer.from(await (await get('/reports/tertial/2022-T2.csv')).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    const head = await server.store.headPosition();
    expect(lines[0]).to.equal('DEMO – syntetiska data / synthetic data');
    // The server's injected clock, in Stockholm time: never the host's date.
    expect(lines[1]).to.match(new RegExp(`^Uttaget ur loggen / extracted 2026-11-30 13:0\\d:\\d\\d \\(Stockholm\\), loggposition / log position ${head}$`));
    expect(lines).to.include('Roll (kod) / role (code);Roll / role;Ålder (kod) / age band (code);Ålder / age band;Personer / encounters');
    expect(lines.some((line) => /^BUYER;Misstänkt sexköpare;AGE_36_45;36–45 år;\d+$/.test(line))).to.equal(true);
    expect(lines.some((line) => /^0180;Stockholm;[A-Z_]+;[^;]+;\d+$/.test(line))).to.equal(true);
    const adults = lines.find((line) => line.startsWith('  varav 18 år och äldre / of whom 18 and over;'));
    const [exposed, minors] = ['Utsatta / exposed;', '  varav under 18 år / of whom under 18;'].map((start) => Number(lines.find((line) => line.startsWith(start))?.split(';')[1]));
    expect(Number(adults?.split(';')[1])).to.equal((exposed as number) - (minors as number));
    expect(lines).to.include('Definitioner / definitions');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (await get('/reports/tertial/2022-T2.xlsx')).arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.created.toISOString()).to.match(/^2026-11-30T12:0\d/);
    for (const sheet of workbook.worksheets) {
      const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
      expect(rows.some((row) => row[0] === 'DEMO – syntetiska data / synthetic data'), sheet.name).to.equal(true);
      const extracted = rows.find((row) => row[0] === 'Uttaget / extracted');
      // The file's creation date keeps whole seconds; the cell keeps the instant.
      expect((extracted?.[1] as Date).toISOString().slice(0, 19), sheet.name).to.equal(workbook.created.toISOString().slice(0, 19));
    }
  });

  it('answers the year report (/reports/year/2022) with the same parts, its figures those of the year', async () => {
    const get = async (path: string) => fetch(`${server.url}${path}`, { headers: await server.authorization(STYRGRUPP) });
    const year = (await (await get('/reports/year/2022.json?view=page')).json()) as Report & { kind: string; from: string; to: string; summary: { previous: { tertial: string } }; navigation: { previous: string; next: string; choices: string[] } };
    expect([year.kind, year.from, year.to, year.summary.previous.tertial]).to.deep.equal(['year', '2022-01-01', '2022-12-31', '2021']);
    const answer = (await server.graphql(`{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { ${F} } }`, undefined, { role: 'beredningsgrupp', org: 'BEREDNINGSGRUPPEN' })).body;
    const figures = answer.data?.steeringFigures;
    expect(answer.errors).to.equal(undefined);
    expect(year.summary.current).to.deep.include(figures as object);
    expect((year as unknown as { plainSummary: { sv: string } }).plainSummary.sv).to.match(/^Under 2022 genomfördes \d+ gemensamma arbetspass med polisen, \d+ (fler|färre) än året före\./);
    expect(year.navigation).to.deep.equal({ previous: '2021', next: '2023', choices: ['2026', '2025', '2024', '2023', '2022', '2021'] });
    const tertial = (await (await get('/reports/tertial/2021-T2.json?view=page')).json()) as { navigation: { previous: string | null; choices: string[] } };
    expect(tertial.navigation.previous).to.equal('2021-T1');
    expect(tertial.navigation.choices.at(0)).to.equal('2026-T3');
    expect(tertial.navigation.choices.at(-1)).to.equal('2021-T1');
    const csv = await get('/reports/year/2022.csv');
    expect(csv.headers.get('content-disposition')).to.equal('attachment; filename="samlogg-arsrapport-2022-internal.csv"');
    const current = await fetch(`${server.url}/reports/year/current`, { redirect: 'manual' });
    expect(current.headers.get('location')).to.equal('/reports/year/2026');
  });

  it('answers a period that is not one with a page in the app’s style for a browser, JSON otherwise, never echoing it', async () => {
    const page = await fetch(`${server.url}/reports/tertial/2022-T4`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).to.equal(404);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    const html = await page.text();
    expect(html).to.include('<link rel="stylesheet" href="/assets/report.css">').and.include('Perioden finns inte').and.include('href="/reports/tertial/2026-T3"');
    expect(html).not.to.include('2022-T4');
    const year = await fetch(`${server.url}/reports/year/20x2`, { headers: { accept: 'text/html' } });
    expect(year.status).to.equal(404);
    expect(await year.text()).to.include('ÅÅÅÅ');
    const json = await fetch(`${server.url}/reports/tertial/2022-T4`, { headers: { accept: 'application/json' } });
    expect(json.status).to.equal(404);
    expect(((await json.json()) as { errors: unknown[] }).errors).to.have.length(1);
  });
});
