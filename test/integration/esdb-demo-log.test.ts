import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DEMO_FIGURES, demoCommands } from '../../src/demo/demo-log.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTION_CATEGORIES, PROJECTIONS } from '../../src/projections/registry.js';
import { passRegister } from '../../projections/pass-register.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { memoryProjectionStates } from '../../src/store/file-projection-states.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { categoryOf, type RecordedEvent } from '../../src/store/port.js';
import { startEsdbDouble, type EsdbDouble, type EsdbLogCopy } from '../support/esdb-double.js';
import { recordDemo } from '../support/demo.js';
import { esdbDemoLog, esdbDemoRecording } from '../support/esdb-demo.js';
import { event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';
import { join } from 'node:path';
import { esdbProjectionStates } from '../../src/store/esdb/esdb-projection-states.js';
import { recordCommands } from '../../src/application/record-commands.js';
import { writeFileSync } from 'node:fs';
import { loadOrCreateReportKey } from '../../src/application/report-key.js';
import type { SignedReport } from '../../src/application/signed-report.js';
import { lastJson, runCli } from '../support/cli.js';
import { signedReport } from '../../src/reports/proven-report.js';

const NOW = new Date('2026-11-15T12:00:00+01:00');

/**
 * Every test that starts from the demo log as the EventStoreDB adapter records it (test/support/esdb-demo.ts):
 * recording it is about 7,000 gRPC calls (10 s on a shared core), done once per process, so these
 * live in one file, which mocha --parallel runs in one worker: the suite records it once.
 */
describe('the demo log recorded through the EventStoreDB adapter (the wire-level double)', function () {
  this.timeout(30_000);

  it('esdb: gives the demo log the same steering figures as SQLite (201 / 364 / 18 / 306 / 3 / 670), also when the connection drops mid-read', async function () {
    // The demo log as recorded into a fresh double by the adapter (once per process, the recording's
    // answer kept), in a double of its own; this test records it again through gRPC (thousands of
    // round trips): on two shared cores, beside other test files, that takes longer than 30 s.
    this.timeout(120_000);
    const recorded = await esdbDemoRecording();
    const double = await startEsdbDouble({ startingWith: recorded.log });
    const retries: number[] = [];
    const store = openEsdbStore(double.url, { onRetry: (attempt) => retries.push(attempt) });
    try {
      const result = recorded.result;
      expect(result.ok).to.equal(true);
      const engine = await openProjectionEngine(store, memoryProjectionStates(), PROJECTIONS);
      // Two reads of $all break part-way: the projections must count each event once all the same.
      double.faults.breakReadAll(50, 2);
      await engine.catchUp();
      expect(retries.length, 'the connection dropped during the read').to.equal(2);
      const figures = steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' });
      expect(figures).to.deep.include(DEMO_FIGURES);
      await engine.close();
      // A second run is a retry of every command: nothing new.
      const head = await store.headPosition();
      const again = await recordCommands(store, demoCommands(), { actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo', now: new Date(), synthetic: true });
      expect(again.ok && again.appended).to.equal(0);
      expect(await store.headPosition()).to.equal(head);
    } finally {
      await store.close();
      await double.stop();
    }
  });
});

const until = async (done: () => boolean, ms = 5_000) => {
  for (let waited = 0; !done() && waited < ms; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** Events the app writes that no projection reads: an audit record and an id claim. */
const audit = () => ({ stream: `audit-2021-05-0${1 + Math.floor(Math.random() * 8)}`, events: [event('QueryAudited', { query: 'passes' })] });
const claim = () => ({ stream: `id-${randomUUID()}`, events: [event('IdClaimed', { by: 'pass' })] });

describe('the projections read only their categories of $all (esdb, the wire-level double)', function () {
  this.timeout(60_000);
  let double: EsdbDouble;
  let demo: EsdbLogCopy;
  before(async function () {
    this.timeout(180_000);
    demo = await esdbDemoLog();
  });
  // Each esdb case starts a double of its own holding the demo log, as recorded through the adapter.
  beforeEach(async () => {
    double = await startEsdbDouble({ startingWith: demo });
  });
  afterEach(async () => double.stop());

  it('every event a projection reads is in PROJECTION_CATEGORIES (the demo log on SQLite)', async () => {
    const temp = tempDir();
    const store = openSqliteStore(`${temp.dir}/samlogg.db`);
    try {
      await recordDemo(store);
      const read = new Set<string>();
      for await (const page of store.readAll()) for (const e of page) if (PROJECTIONS.some((p) => p.eventTypes.has(e.type))) read.add(categoryOf(e.streamId));
      expect([...read].sort()).to.deep.equal([...PROJECTION_CATEGORIES].sort());
    } finally {
      await store.close();
      temp.remove();
    }
  });

  it('esdb: a subscription with the categories is sent only their events, at start and while following; audit and claim events are not delivered', async () => {
    const store = openEsdbStore(double.url);
    const delivered = new Map<string, number>();
    const checkpoints: number[] = [];
    try {
      for (const { stream, events } of [audit(), claim(), audit()]) await store.append(stream, events, 'any');
      let expected = 0;
      for await (const page of store.readAll()) for (const e of page) if (PROJECTION_CATEGORIES.includes(categoryOf(e.streamId))) expected += 1;
      const subscription = store.subscribeToAll({
        after: 0,
        categories: PROJECTION_CATEGORIES,
        onEvents: (events: readonly RecordedEvent[]) => {
          for (const e of events) delivered.set(categoryOf(e.streamId), (delivered.get(categoryOf(e.streamId)) ?? 0) + 1);
        },
        onCheckpoint: (position) => void checkpoints.push(position),
      });
      try {
        const head = await store.headPosition();
        await until(() => checkpoints.some((c) => c >= head));
        const atStart = [...delivered.values()].reduce((a, b) => a + b, 0);
        expect(atStart, 'events delivered at start').to.equal(expected);
        expect(double.stats.subscriptionEventsSent, 'events the server sent').to.equal(expected);
        expect(delivered.has('audit') || delivered.has('id') || delivered.has('eventid')).to.equal(false);

        // Live: a pass event, an audit record and an id claim; only the pass event arrives.
        await store.append('pass-live-filter', [event('Unread')], 'no_stream');
        const claimed = claim();
        const audited = audit();
        await store.append(claimed.stream, claimed.events, 'any');
        const last = await store.append(audited.stream, audited.events, 'any');
        await until(() => checkpoints.some((c) => c >= last.position));
        expect(checkpoints.some((c) => c >= last.position), 'a checkpoint at or past the audit record').to.equal(true);
        expect([...delivered.values()].reduce((a, b) => a + b, 0), 'events delivered in all').to.equal(expected + 1);
        expect(double.stats.subscriptionEventsSent, 'events the server sent, live').to.equal(expected + 1);
        expect([...delivered.keys()].every((c) => PROJECTION_CATEGORIES.includes(c))).to.equal(true);
      } finally {
        await subscription.close();
      }
    } finally {
      await store.close();
    }
  });

  it('esdb: the catch-up read with the categories is sent only their events, gives the demo figures (201 / 364 / 18 / 306 / 3), and ends past a trailing audit record', async () => {
    const store = openEsdbStore(double.url);
    try {
      for (const { stream, events } of [claim(), audit()]) await store.append(stream, events, 'any');
      let expected = 0;
      let total = 0;
      for await (const page of store.readAll()) {
        total += page.length;
        for (const e of page) if (PROJECTION_CATEGORIES.includes(categoryOf(e.streamId))) expected += 1;
      }
      const tail = await store.headPosition();
      const readBefore = double.stats.eventsRead;
      const engine = await openProjectionEngine(store, memoryProjectionStates(), PROJECTIONS, { categories: PROJECTION_CATEGORIES });
      try {
        const report = await engine.catchUp();
        expect(report.events, 'events handed to the engine').to.equal(expected);
        expect(expected).to.be.below(total);
        expect(double.stats.subscriptionEventsSent, 'events the server sent').to.equal(expected);
        // Only looks at the head (a few records each): the unfiltered read would be the whole log.
        expect(double.stats.eventsRead - readBefore, 'events read unfiltered').to.be.below(20);
        expect(steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' })).to.deep.include(DEMO_FIGURES);
        expect(engine.position).to.be.at.least(tail);
        await engine.waitFor(tail, 100);
      } finally {
        await engine.close();
      }
    } finally {
      await store.close();
    }
  });

  it('esdb: an engine following with the categories gives the demo figures (201 / 364 / 18 / 306 / 3), and waitFor the position of an audit record or id claim does not time out', async () => {
    const store = openEsdbStore(double.url);
    try {
      // The log ends with an audit record: its position is the head a wait may ask for.
      const tail = await store.append(audit().stream, audit().events, 'any');
      const engine = await openProjectionEngine(store, memoryProjectionStates(), PROJECTIONS, { categories: PROJECTION_CATEGORIES });
      try {
        // No catch-up read: the filtered subscription folds the whole log.
        engine.follow((error) => {
          throw error;
        });
        await engine.waitFor(tail.position, 10_000);
        expect(steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' })).to.deep.include(DEMO_FIGURES);
        expect(double.stats.checkpointsSent).to.be.greaterThan(0);

        // A write whose returned position is an event the filter leaves out, while following.
        const claim1 = claim();
        const claimed = await store.append(claim1.stream, claim1.events, 'no_stream');
        await engine.waitFor(claimed.position, 2_000);
        const audit1 = audit();
        const audited = await store.append(audit1.stream, audit1.events, 'any');
        await engine.waitFor(audited.position, 2_000);
        expect(engine.position).to.be.at.least(audited.position);
      } finally {
        await engine.close();
      }
    } finally {
      await store.close();
    }
  });
});

describe('start-up on EventStoreDB without folding the whole log again (esdb, the wire-level double)', function () {
  this.timeout(120_000);

  it('esdb: an instance persists its projection states with their EventStoreDB position, and its next start reads only what came after; states from another log are not trusted', async () => {
    const temp = tempDir();
    // A double of its own holding the demo log, as recorded through the adapter (once per process).
    const double = await startEsdbDouble({ startingWith: await esdbDemoLog() });
    const store = openEsdbStore(double.url);
    const states = () => esdbProjectionStates(join(temp.dir, 'esdb.projections'), () => store.logId());
    try {
      const first = await openProjectionEngine(store, states(), PROJECTIONS);
      const folded = await first.catchUp();
      expect(folded.events).to.be.greaterThan(1_000);
      await first.close();

      await store.append('pass-after-restart', [event('Unrelated')], 'no_stream');
      const readBefore = double.stats.eventsRead;
      const second = await openProjectionEngine(store, states(), PROJECTIONS);
      const resumed = await second.catchUp();
      // Two looks at the head (a few records each) and the two records after the checkpoint: not the log's 3,900.
      expect(double.stats.eventsRead - readBefore, 'events read from $all on the second start').to.be.below(20);
      expect(resumed.events).to.be.below(10);
      const figures = steeringFigures(second.state(passRegister), { from: '2021-04-01', to: '2022-08-31' });
      expect(figures).to.deep.include(DEMO_FIGURES);
      await second.close();

      // A different log (a fresh server) behind the same folder: the saved states are not used.
      const other = await startEsdbDouble();
      const otherStore = openEsdbStore(other.url);
      try {
        await otherStore.append('pass-other', [event('Unrelated')], 'no_stream');
        const engine = await openProjectionEngine(otherStore, esdbProjectionStates(join(temp.dir, 'esdb.projections'), () => otherStore.logId()), PROJECTIONS);
        await engine.catchUp();
        expect(steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' })).to.not.deep.include(DEMO_FIGURES);
        await engine.close();
      } finally {
        await otherStore.close();
        await other.stop();
      }
    } finally {
      await store.close();
      await double.stop();
      temp.remove();
    }
  });
});

describe('Signed reports on EventStoreDB (the wire-level double)', function () {
  this.timeout(120_000);

  it('signs without a chain head and verify-report says what it could and could not check', async () => {
    const temp = tempDir();
    // A double of its own holding the demo log, as recorded through the adapter (once per process).
    const double = await startEsdbDouble({ startingWith: await esdbDemoLog() });
    const store = openEsdbStore(double.url);
    try {
      const engine = await openProjectionEngine(store, memoryProjectionStates(), PROJECTIONS);
      await engine.catchUp();
      const reportKey = await loadOrCreateReportKey(join(temp.dir, 'report-key.json'));
      const signed = await signedReport({ store, engine, clock: () => NOW, reportKey }, 'tertial', '2022-T2', { asOf: null, disclosure: 'INTERNAL', threshold: 4 });
      await engine.close();
      if ('code' in signed) throw new Error(signed.rule);
      expect(signed).to.deep.include({ store: 'esdb', chainHead: null });
      const file = join(temp.dir, 'report.json');
      writeFileSync(file, JSON.stringify(signed));
      const env = { SAMLOGG_STORE: double.url, SAMLOGG_REPORT_KEY: join(temp.dir, 'report-key.json'), SAMLOGG_DATA_KEYS: join(temp.dir, 'keys') };
      const run = await runCli(['verify-report', file, '--json'], env);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.include('chain: not kept by this store (esdb)');
      expect(lastJson<{ chain: { checked: boolean } }>(run.stdout).chain.checked).to.equal(false);

      const edited = structuredClone(signed) as SignedReport & { report: { summary: { cumulative: { jointPasses: number } } } };
      edited.report.summary.cumulative.jointPasses = 200;
      writeFileSync(file, JSON.stringify(edited));
      const refused = await runCli(['verify-report', file], env);
      expect(refused.code).to.equal(1);
      expect(refused.stdout).to.include('report.summary.cumulative.jointPasses: report 200, log 201');
    } finally {
      await store.close();
      await double.stop();
      temp.remove();
    }
  });
});
