import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../src/application/record-commands.js';
import { recordDemo } from './support/demo.js';
import { startServer, type Caller, type RunningServer } from './support/server.js';

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
const FIELDS = ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18', 'offeredSupport'] as const;
type Field = (typeof FIELDS)[number];
const ROLE_FIELDS = { EXPOSED: ['exposed', 'exposedUnder18'], BUYER: ['suspectedBuyers', 'suspectedBuyersUnder18'] } as const;
const MINOR = new Set(['UNDER_15', 'AGE_15_17']);
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

type Figures = Record<Field, number | null> & { tertial?: string };
interface Summary {
  tertial: string;
  current: Figures;
  previous: Figures;
  sameTertialLastYear: Figures;
  cumulative: Figures;
  changeFromPrevious: Figures;
  changeFromSameTertialLastYear: Figures;
}
type Cell = { value: number | null; masked: boolean };
interface Report {
  summary: Summary;
  passesByMonth: Array<{ month: string; passes: Cell }>;
  encountersByRoleAndAgeBand: Array<{ role: string; ageBand: string; encounters: Cell }>;
  encountersByHomeKommun: Array<{ code: string; agreementStatus: string; encounters: Cell }>;
}

/** Every number a set of reports publishes, by what it counts: one name, one value, wherever it appears. */
class Published {
  readonly values = new Map<string, number | null>();

  put(name: string, value: number | null, where: string): void {
    if (this.values.has(name)) expect(value, `${name} in ${where} differs from where it was shown before`).to.equal(this.values.get(name));
    else this.values.set(name, value);
  }

  summary(s: Summary, where: string): void {
    const prior = priorTertial;
    for (const field of FIELDS) {
      this.put(`figure ${s.current.tertial} ${field}`, s.current[field], where);
      this.put(`figure ${s.previous.tertial} ${field}`, s.previous[field], where);
      this.put(`figure ${s.sameTertialLastYear.tertial} ${field}`, s.sameTertialLastYear[field], where);
      this.put(`cumulative ${s.tertial} ${field}`, s.cumulative[field], where);
      this.put(`change ${s.tertial} ${prior(s.tertial, 1)} ${field}`, s.changeFromPrevious[field], where);
      this.put(`change ${s.tertial} ${prior(s.tertial, 3)} ${field}`, s.changeFromSameTertialLastYear[field], where);
    }
  }

  report(r: Report, where: string): void {
    const t = r.summary.tertial;
    this.summary(r.summary, where);
    for (const m of r.passesByMonth) this.put(`month ${t} ${m.month}`, m.passes.value, where);
    for (const x of r.encountersByRoleAndAgeBand) this.put(`role-age ${t} ${x.role} ${x.ageBand}`, x.encounters.value, where);
    for (const k of r.encountersByHomeKommun) this.put(`kommun ${t} ${k.code} ${k.agreementStatus}`, k.encounters.value, where);
  }
}

const priorTertial = (t: string, back: number) => {
  const index = Number(t.slice(0, 4)) * 3 + Number(t.slice(6)) - 1 - back;
  return `${Math.floor(index / 3)}-T${(index % 3) + 1}`;
};

interface KnownRelation {
  readonly terms: Map<string, number>;
  /** Adds up to a number the reader may know but no report shows (January–March 2021). */
  readonly constant: boolean;
}

/** What the reader knows the numbers obey, written from their meaning (not from the code that masks them). */
function relationsOf(names: readonly string[], tertials: readonly string[]): KnownRelation[] {
  const relations: KnownRelation[] = [];
  const add = (terms: Array<[string, number]>, constant = false) => {
    const relation = new Map<string, number>();
    for (const [name, c] of terms) relation.set(name, (relation.get(name) ?? 0) + c);
    relations.push({ terms: relation, constant });
  };
  const matching = (prefix: string) => names.filter((name) => name.startsWith(prefix));
  for (const t of tertials) {
    const fig = (field: Field) => `figure ${t} ${field}`;
    add([...matching(`month ${t} `).map((name) => [name, 1] as [string, number]), [fig('jointPasses'), -1]]);
    for (const [role, [all, minors]] of Object.entries(ROLE_FIELDS)) {
      const cells = matching(`role-age ${t} ${role} `);
      add([...cells.map((name) => [name, 1] as [string, number]), [fig(all), -1]]);
      add([...cells.filter((name) => MINOR.has(name.split(' ')[3] as string)).map((name) => [name, 1] as [string, number]), [fig(minors), -1]]);
    }
    add([...matching(`kommun ${t} `).map((name) => [name, 1] as [string, number]), [fig('exposed'), -1], [fig('suspectedBuyers'), -1]]);
    for (const field of FIELDS) {
      if (tertials.includes(priorTertial(t, 1))) add([[`cumulative ${t} ${field}`, 1], [`cumulative ${priorTertial(t, 1)} ${field}`, -1], [fig(field), -1]]);
      if (t === '2021-T1') add([[`cumulative ${t} ${field}`, 1], [fig(field), -1]], true);
    }
  }
  for (const field of FIELDS) {
    for (const name of names.filter((n) => n.startsWith('change ') && n.endsWith(` ${field}`))) {
      const [, to, from] = name.split(' ');
      add([[name, 1], [`figure ${to} ${field}`, -1], [`figure ${from} ${field}`, 1]]);
    }
  }
  return relations;
}

/** Rank by Gaussian elimination with partial pivoting; the relations have small integer coefficients. */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  const width = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < m.length; c += 1) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i += 1) if (Math.abs((m[i] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number)) pivot = i;
    if (Math.abs((m[pivot] as number[])[c] as number) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] as number) / (p[c] as number);
      if (f !== 0) for (let k = c; k < width; k += 1) row[k] = (row[k] as number) - f * (p[k] as number);
    }
    r += 1;
  }
  return r;
}

/** The masked names that the shown numbers and the relations determine. */
function determined(shown: Published, truth: Published, tertials: readonly string[] = [BEFORE, AFTER]): string[] {
  const names = [...truth.values.keys()];
  const relations = relationsOf(names, tertials);
  for (const { terms, constant } of relations) {
    const total = [...terms].reduce((n, [name, c]) => n + c * (truth.values.get(name) ?? Number.NaN), 0);
    if (!constant) expect(total, `relation ${[...terms.keys()].join(' ')} holds for the INTERNAL numbers`).to.equal(0);
  }
  const masked = names.filter((name) => shown.values.get(name) === null);
  const matrix = (columns: string[]) => relations.map(({ terms }) => columns.map((name) => terms.get(name) ?? 0));
  const full = rank(matrix(masked));
  return masked.filter((name) => rank(matrix(masked.filter((other) => other !== name))) < full);
}

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
  const rows = (name: string) => ((workbook.getWorksheet(name)?.getSheetValues() ?? []) as unknown[][]).filter(Boolean).map((row) => row.slice(1));
  const summary = rows('Sammanfattning').slice(2, 2 + FIELDS.length);
  FIELDS.forEach((field, k) => {
    const s = report.summary;
    expect(summary[k]?.slice(1, 6).map(shown), field).to.deep.equal([s.current[field], s.previous[field], s.sameTertialLastYear[field], s.cumulative[field], s.changeFromPrevious[field]]);
  });
  expect(rows('Per månad').slice(2, 2 + report.passesByMonth.length).map((r) => [r[0], shown(r[1])])).to.deep.equal(report.passesByMonth.map((m) => [m.month, m.passes.value]));
  expect(rows('Roll och ålder').slice(2, 2 + report.encountersByRoleAndAgeBand.length).map((r) => [r[0], r[1], shown(r[2])])).to.deep.equal(
    report.encountersByRoleAndAgeBand.map((x) => [x.role, x.ageBand, x.encounters.value]),
  );
  expect(rows('Hemkommun').slice(2, 2 + report.encountersByHomeKommun.length).map((r) => [r[0], r[2], shown(r[3])])).to.deep.equal(
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
    expect(determined(shown, truth), 'masked numbers the shown ones determine').to.deep.equal([]);
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
    expect(determined(shown, truth)).to.include.members([`figure ${AFTER} exposedUnder18`, `role-age ${AFTER} BUYER UNDER_15`]);
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
