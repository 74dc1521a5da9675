import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { recordCommands } from '../../src/application/record-commands.js';
import type { Tertial } from '../../src/domain/time.js';
import { openProjectionEngine, type ProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTIONS } from '../../src/projections/registry.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { livePlan, planOf } from '../../src/reports/disclosure-plans.js';
import { foldPrefix, liveState, stateAsOf } from '../../src/reports/log-prefix.js';
import { parseReportPeriod, type ReportPeriod } from '../../src/reports/report-period.js';
import { loadReport, reportOf, REPORT_RULES_VERSION, type LoadedReport } from '../../src/reports/report-source.js';
import { tempDir } from '../support/temp.js';

const NOW = new Date('2024-06-01T12:00:00+02:00');
const T1: Tertial = { year: 2024, number: 1 };

describe('the disclosure plan of a report is kept per log prefix, and is the plan a fresh computation gives', function () {
  this.timeout(60_000);
  const clock = { at: NOW.getTime() };
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let engine: ProjectionEngine;
  const period = parseReportPeriod('tertial', '2024-T1') as ReportPeriod;
  const sources = () => ({ store, engine, clock: () => NOW });
  const passes = (month: string, n: number) =>
    Array.from({ length: n }, (_, k) => ({ type: 'RecordPass', commandId: randomUUID(), passId: randomUUID(), date: `${month}-${String(k + 2).padStart(2, '0')}`, kind: 'SURVEILLANCE', units: ['POLIS', 'KAST'] }));
  const record = async (commands: ReturnType<typeof passes>) => {
    clock.at += 60_000;
    const result = await recordCommands(store, commands, { actor: { userId: 'test', org: 'KAST', role: 'field' }, correlationId: 'plans', now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.failures[0]));
    await engine.waitFor(await store.headPosition());
  };
  const reportOfLoaded = (loaded: LoadedReport | { code: string }) => JSON.parse(JSON.stringify((loaded as LoadedReport).body.report)) as unknown;

  beforeEach(async () => {
    temp = tempDir();
    clock.at = NOW.getTime();
    store = openSqliteStore(join(temp.dir, 'samlogg.db'), { now: () => new Date(clock.at) });
    engine = await openProjectionEngine(store, store.projectionStates, PROJECTIONS);
    await engine.catchUp();
    engine.follow();
    await record([...passes('2023-05', 6), ...passes('2023-10', 3), ...passes('2024-02', 6), ...passes('2024-03', 7)]);
  });
  afterEach(async () => {
    await engine.close();
    await store.close();
    temp.remove();
  });

  it('answers the same plan for the same prefix, a new one after a write, each giving the report a fresh plan gives', async () => {
    const first = await livePlan(store, engine, REPORT_RULES_VERSION, T1, 4);
    expect((await livePlan(store, engine, REPORT_RULES_VERSION, T1, 4)).plan, 'kept, not computed again').to.equal(first.plan);
    const before = reportOfLoaded(await loadReport(sources(), 'tertial', '2024-T1', null, 'PUBLIC', 4));
    expect(before).to.deep.equal(JSON.parse(JSON.stringify(reportOf(liveState(engine), period, 'PUBLIC', 4))));
    const beforeWrite = new Date(clock.at);

    // Two passes more in 2024-T1's smallest month: another log prefix, another plan.
    await record(passes('2024-04', 2));
    const second = await livePlan(store, engine, REPORT_RULES_VERSION, T1, 4);
    expect(second.plan).to.not.equal(first.plan);
    expect(second.state.position).to.be.greaterThan(first.state.position);
    const after = reportOfLoaded(await loadReport(sources(), 'tertial', '2024-T1', null, 'PUBLIC', 4));
    expect(after, 'the write shows').to.not.deep.equal(before);
    expect(after).to.deep.equal(JSON.parse(JSON.stringify(reportOf(liveState(engine), period, 'PUBLIC', 4))));

    // As of before the write: the same prefix as the first plan, so the same plan, and the same report as then.
    const then = await stateAsOf(store, beforeWrite);
    expect(then.position).to.equal(first.state.position);
    expect(await planOf(store, then, REPORT_RULES_VERSION, T1, 4)).to.equal(first.plan);
    const asOf = (await loadReport(sources(), 'tertial', '2024-T1', beforeWrite, 'PUBLIC', 4)) as LoadedReport;
    expect(JSON.parse(JSON.stringify(asOf.body.report))).to.deep.equal(before);
    expect(asOf.changedSince.length, 'and says what changed since').to.be.greaterThan(0);
  });

  it('makes each live report while writes land the report of the log prefix it names', async () => {
    const reports: LoadedReport[] = [];
    for (let round = 0; round < 6; round += 1) {
      // The report and a write together: the write may land between two of the report's steps.
      const [loaded] = await Promise.all([loadReport(sources(), 'tertial', '2024-T1', null, 'PUBLIC', 4), record(passes(`2024-0${1 + (round % 4)}`, 1 + (round % 3)))]);
      reports.push(loaded as LoadedReport);
    }
    expect(new Set(reports.map((r) => r.position)).size, 'the log moved between reports').to.be.greaterThan(1);
    for (const loaded of reports) {
      const prefix = await foldPrefix(store, loaded.position);
      expect(JSON.parse(JSON.stringify(loaded.body.report)), `at ${loaded.position}`).to.deep.equal(JSON.parse(JSON.stringify(reportOf(prefix, period, 'PUBLIC', 4))));
    }
  });
});
