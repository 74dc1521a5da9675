import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { recordDemo } from './support/demo.js';
import { startServer, type Caller, type RunningServer } from './support/server.js';

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
    server = await startServer(recordDemo, { as: STYRGRUPP });
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
    const before = new Date();
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
    expect(text).to.match(/Gemensamma arbetspass \/ joint passes,\d+,\d+,\d+,201,/);
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
});
