import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import { recordDemo } from '../support/demo.js';
import { determined, FIELDS, Published, type Cell, type Report, type Summary } from '../support/report-numbers.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

/**
 * Small-cell suppression across reports, attacked as a reader of PUBLIC reports would: take the reports of two
 * consecutive tertials (GraphQL tertialReport and tertialSummary, and the XLSX downloads), write down every
 * relation their numbers obey, and check by rank that no masked number is determined by the shown ones.
 *
 * The log is built so that masking each table alone gave two counts away:
 * - exposedUnder18 of 2023-T3 is 3 (masked), yet cumulative(2023-T3) − cumulative(2023-T2) = 9 − 6 = 3;
 * - BUYER × UNDER_15 of 2023-T3 is 2 (masked), yet suspectedBuyersUnder18 − BUYER × AGE_15_17 = 11 − 9 = 2.
 */

const STYRGRUPP: Caller = { role: 'styrgrupp', org: 'STYRGRUPPEN' };
const NOW = new Date('2024-01-15T12:00:00+01:00');
const BEFORE = '2023-T2';
const AFTER = '2023-T3';

/** Ten joint passes in one month, and the persons met on them, round robin. */
function tertialCommands(month: string, people: Array<[role: 'EXPOSED' | 'BUYER', ageBand: string, count: number]>): unknown[] {
  const passes = Array.from({ length: 10 }, (_, n) => ({ passId: randomUUID(), date: `${month}-${String(n + 2).padStart(2, '0')}` }));
  const commands: unknown[] = passes.map((p) => ({ type: 'RecordPass', commandId: randomUUID(), ...p, kind: 'SURVEILLANCE', units: ['POLIS', 'MIKA'] }));
  let n = 0;
  for (const [role, ageBand, count] of people) {
    for (let k = 0; k < count; k += 1) {
      const { passId } = passes[n % passes.length] as { passId: string };
      const encounterId = randomUUID();
      commands.push({ type: 'RecordEncounter', commandId: randomUUID(), passId, encounterId, role, ageBand, homeKommun: '0180' });
      if (n % 3 !== 0) commands.push({ type: 'OfferSupport', commandId: randomUUID(), passId, encounterId, unit: 'MIKA' });
      n += 1;
    }
  }
  return commands;
}

const LOG = [
  ...tertialCommands('2023-05', [['EXPOSED', 'AGE_15_17', 6], ['EXPOSED', 'AGE_21_25', 20], ['BUYER', 'AGE_26_35', 15]]),
  ...tertialCommands('2023-10', [
    ['EXPOSED', 'UNDER_15', 3], ['EXPOSED', 'AGE_18_20', 8], ['EXPOSED', 'AGE_21_25', 25],
    ['BUYER', 'UNDER_15', 2], ['BUYER', 'AGE_15_17', 9], ['BUYER', 'AGE_18_20', 6], ['BUYER', 'AGE_26_35', 20],
  ]),
];

const F = FIELDS.join(' ');
const FIGURES = `tertial ${F}`;
const SUMMARY = `tertial current { ${FIGURES} } previous { ${FIGURES} } sameTertialLastYear { ${FIGURES} } cumulative { ${F} } changeFromPrevious { ${F} } changeFromSameTertialLastYear { ${F} }`;
const REPORT = `query ($t: String!, $d: Disclosure) { tertialReport(tertial: $t, disclosure: $d) { summary { ${SUMMARY} }
  passesByMonth { month passes { value masked } } encountersByRoleAndAgeBand { role ageBand encounters { value masked } }
  encountersByHomeKommun { code agreementStatus encounters { value masked } } } }`;
const TERTIAL_SUMMARY = `query ($t: String!, $d: Disclosure) { tertialSummary(tertial: $t, disclosure: $d) { ${SUMMARY} } }`;


async function xlsxReport(server: RunningServer, tertial: string): Promise<ExcelJS.Workbook> {
  const response = await fetch(`${server.url}/reports/tertial/${tertial}.xlsx?disclosure=PUBLIC`, { headers: await server.authorization(STYRGRUPP) });
  expect(response.status).to.equal(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  return workbook;
}

/** The XLSX shows what the query shows: each of its numbers, masked or not, is one the report publishes. */
function expectSameNumbers(workbook: ExcelJS.Workbook, report: Report): void {
  const shown = (value: unknown) => (value === 'dolt/masked' ? null : value);
  // Each sheet's table starts after its header row, which follows the lines saying where the figures come from.
  const rows = (name: string) => {
    const all = ((workbook.getWorksheet(name)?.getSheetValues() ?? []) as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    const extracted = all.findIndex((row) => row[0] === 'Uttaget / extracted');
    return all.slice(extracted);
  };
  // The rows of 18 and over are the whole less those under 18, shown only where both are: no number of their own.
  const summary = rows('Sammanfattning').slice(2).filter((row) => !String(row[0]).includes('18 år och äldre')).slice(0, FIELDS.length);
  FIELDS.forEach((field, k) => {
    const s = report.summary;
    expect(summary[k]?.slice(1, 6).map(shown), field).to.deep.equal([s.current[field], s.previous[field], s.sameTertialLastYear[field], s.cumulative[field], s.changeFromPrevious[field]]);
  });
  expect(rows('Per månad').slice(2, 2 + report.passesByMonth.length).map((r) => [r[0], shown(r[1])])).to.deep.equal(report.passesByMonth.map((m) => [m.month, m.passes.value]));
  expect(rows('Roll och ålder').slice(2, 2 + report.encountersByRoleAndAgeBand.length).map((r) => [r[0], r[2], shown(r[4])])).to.deep.equal(
    // Columns: role code, its label, age band code, its label, count (Swedish labels beside the codes).
    report.encountersByRoleAndAgeBand.map((x) => [x.role, x.ageBand, x.encounters.value]),
  );
  expect(rows('Hemkommun').slice(2, 2 + report.encountersByHomeKommun.length).map((r) => [r[0], r[2], shown(r[4])])).to.deep.equal(
    report.encountersByHomeKommun.map((k) => [k.code, k.agreementStatus, k.encounters.value]),
  );
}

describe('Small-cell suppression across reports: two consecutive PUBLIC tertial reports (real server)', function () {
  this.timeout(120_000);
  let server: RunningServer;
  const reports = new Map<string, Report>();
  const summaries = new Map<string, Summary>();

  before(async () => {
    server = await startServer(
      async (store) => {
        const result = await recordCommands(store, LOG, { actor: { userId: 'test', org: 'MIKA', role: 'field' }, correlationId: 'report-disclosure', now: NOW });
        if (!result.ok) throw new Error(`the test log was refused: ${JSON.stringify(result.failures[0])}`);
      },
      { now: NOW, as: STYRGRUPP },
    );
    for (const d of ['INTERNAL', 'PUBLIC']) {
      for (const t of [BEFORE, AFTER]) {
        const report = await server.graphql(REPORT, { t, d });
        expect(report.body.errors, JSON.stringify(report.body.errors)).to.equal(undefined);
        reports.set(`${d} ${t}`, (report.body.data as { tertialReport: Report }).tertialReport);
        const summary = await server.graphql(TERTIAL_SUMMARY, { t, d });
        expect(summary.body.errors, JSON.stringify(summary.body.errors)).to.equal(undefined);
        summaries.set(`${d} ${t}`, (summary.body.data as { tertialSummary: Summary }).tertialSummary);
      }
    }
  });
  after(async () => server.stop());

  const get = <T>(map: Map<string, T>, key: string) => map.get(key) as T;

  it('is built so that masking each table alone gave two masked counts away (INTERNAL shows the numbers)', () => {
    const after = get(reports, `INTERNAL ${AFTER}`);
    expect(after.summary.current).to.deep.include({ exposedUnder18: 3, suspectedBuyersUnder18: 11 });
    expect([get(reports, `INTERNAL ${BEFORE}`).summary.cumulative.exposedUnder18, after.summary.cumulative.exposedUnder18]).to.deep.equal([6, 9]);
    const band = (r: Report, role: string, ageBand: string) => r.encountersByRoleAndAgeBand.find((x) => x.role === role && x.ageBand === ageBand)?.encounters.value;
    expect([band(after, 'BUYER', 'UNDER_15'), band(after, 'BUYER', 'AGE_15_17')]).to.deep.equal([2, 9]);
    for (const r of reports.values()) expect(r.summary.tertial).to.be.oneOf([BEFORE, AFTER]);
  });

  it('no longer gives exposedUnder18 away as cumulative(T) − cumulative(T−1), in reports or tertialSummary queries', () => {
    for (const source of [reports, summaries]) {
      const [before, after] = [BEFORE, AFTER].map((t) => {
        const s = source === reports ? get(reports, `PUBLIC ${t}`).summary : get(summaries, `PUBLIC ${t}`);
        return s;
      }) as [Summary, Summary];
      expect(after.current.exposedUnder18, 'the small figure itself').to.equal(null);
      const difference = before.cumulative.exposedUnder18 === null || after.cumulative.exposedUnder18 === null ? null : after.cumulative.exposedUnder18 - before.cumulative.exposedUnder18;
      expect(difference, 'cumulative(2023-T3) − cumulative(2023-T2)').to.equal(null);
    }
  });

  it('no longer gives a masked role × age cell away as the role’s under-18 figure minus the other minor band', () => {
    const r = get(reports, `PUBLIC ${AFTER}`);
    const band = (ageBand: string) => r.encountersByRoleAndAgeBand.find((x) => x.role === 'BUYER' && x.ageBand === ageBand)?.encounters as Cell;
    expect(band('UNDER_15')).to.deep.equal({ value: null, masked: true });
    const minors = r.summary.current.suspectedBuyersUnder18;
    expect(minors === null || band('AGE_15_17').value === null, 'suspectedBuyersUnder18 − BUYER × AGE_15_17').to.equal(true);
  });

  it('leaves no masked number of both reports determined by all their shown numbers (query, tertialSummary and XLSX together)', async () => {
    const shown = new Published();
    const truth = new Published();
    for (const t of [BEFORE, AFTER]) {
      const report = get(reports, `PUBLIC ${t}`);
      shown.report(report, `tertialReport(${t})`);
      shown.summary(get(summaries, `PUBLIC ${t}`), `tertialSummary(${t})`);
      expectSameNumbers(await xlsxReport(server, t), report);
      truth.report(get(reports, `INTERNAL ${t}`), `INTERNAL tertialReport(${t})`);
      truth.summary(get(summaries, `INTERNAL ${t}`), `INTERNAL tertialSummary(${t})`);
    }
    expect([...truth.values.keys()].sort()).to.deep.equal([...shown.values.keys()].sort());
    for (const [name, value] of shown.values) {
      const real = truth.values.get(name) as number;
      if (value !== null) expect(value, `${name} shown as it is`).to.equal(real);
      if (!name.startsWith('change ')) expect(value !== null && value >= 1 && value <= 4, `${name} = ${value} is small yet shown`).to.equal(false);
    }
    const masked = [...shown.values].filter(([, v]) => v === null).map(([name]) => name);
    expect(masked, 'the attacks above have something to find').to.include.members([`figure ${AFTER} exposedUnder18`, `role-age ${AFTER} BUYER UNDER_15`]);
    expect(determined(shown, truth, [BEFORE, AFTER]), 'masked numbers the shown ones determine').to.deep.equal([]);
  });

  it('the same check finds both attacks in what masking each table alone published', () => {
    // The numbers as the old per-table suppression showed them for this log: both reports' cumulative
    // exposedUnder18 shown, and BUYER × AGE_15_17 with suspectedBuyersUnder18 shown.
    const shown = new Published();
    const truth = new Published();
    for (const t of [BEFORE, AFTER]) truth.report(get(reports, `INTERNAL ${t}`), 'INTERNAL');
    for (const [name, value] of truth.values) {
      const small = (value as number) >= 1 && (value as number) <= 4;
      const complement = [`role-age ${AFTER} BUYER AGE_18_20`, `role-age ${AFTER} EXPOSED AGE_18_20`].includes(name);
      const change = name.startsWith('change ') && (name.includes('exposedUnder18') || name.includes('suspectedBuyersUnder18'));
      shown.values.set(name, small || complement || change ? null : value);
    }
    expect(determined(shown, truth, [BEFORE, AFTER])).to.include.members([`figure ${AFTER} exposedUnder18`, `role-age ${AFTER} BUYER UNDER_15`]);
  });
});

describe('Small-cell suppression across reports: every PUBLIC report of the demo log at once (real server)', function () {
  this.timeout(180_000);
  const TERTIALS = ['2021-T1', '2021-T2', '2021-T3', '2022-T1', '2022-T2', '2022-T3'];
  let server: RunningServer;
  before(async () => {
    server = await startServer(recordDemo, { as: STYRGRUPP });
  });
  after(async () => server.stop());

  it('leaves no masked number determined by the shown numbers of all six tertials’ reports together', async () => {
    const shown = new Published();
    const truth = new Published();
    for (const t of TERTIALS) {
      for (const [d, into] of [['PUBLIC', shown], ['INTERNAL', truth]] as const) {
        const { body } = await server.graphql(REPORT, { t, d });
        expect(body.errors, JSON.stringify(body.errors)).to.equal(undefined);
        into.report((body.data as { tertialReport: Report }).tertialReport, `${d} tertialReport(${t})`);
      }
    }
    const masked = [...shown.values].filter(([, v]) => v === null);
    expect(masked.length, 'the demo has small cells').to.be.greaterThan(20);
    for (const [name, value] of shown.values) if (value !== null) expect(value, name).to.equal(truth.values.get(name));
    expect(determined(shown, truth, TERTIALS)).to.deep.equal([]);
    // Most of what the styrgrupp reads still shows.
    expect(shown.values.get('cumulative 2022-T2 jointPasses')).to.equal(201);
    expect(shown.values.get('cumulative 2022-T2 exposed')).to.equal(364);
  });
});
