import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { recordCommands } from '../../src/application/record-commands.js';
import { demoCommands, DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTIONS } from '../../src/projections/registry.js';
import { passRegister } from '../../projections/pass-register.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { esdbProjectionStates } from '../../src/store/esdb/esdb-projection-states.js';
import { migrateLog } from '../../src/application/migrate-log.js';
import { memoryProjectionStates } from '../../src/store/file-projection-states.js';
import { BadStoreUrlError, StoreUnavailableError } from '../../src/store/errors.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double.js';
import { lastJson, runCli } from '../support/cli.js';
import { describeStoreContract, event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';
import { esdbDemoLog } from '../support/esdb-demo.js';

/** The store contract and the adapter's own behaviour on EventStoreDB: always against the wire-level double, and against a real server when ESDB_TEST_URL names one. */
/** The contract on every append path: unary Append on a server that advertises BatchAppend (the default), the client's batch path, and an older server without ServerFeatures. */
for (const [name, doubleOptions, storeOptions] of [
  ['esdb (wire-level test double, 24.10 with ServerFeatures; unary Append)', { features: true }, {}],
  ['esdb (wire-level test double, 24.10; the client’s BatchAppend path)', { features: true }, { batchAppend: true }],
  ['esdb (wire-level test double, no ServerFeatures: unary fallback)', { features: false }, {}],
] as const) {
  describeStoreContract(name, async () => {
    const double = await startEsdbDouble(doubleOptions);
    const store = openEsdbStore(double.url, storeOptions);
    return {
      store,
      dispose: async () => {
        await store.close();
        if (double.stats.appends > 0) expect(double.stats.batchAppends > 0, 'the append path taken').to.equal('batchAppend' in storeOptions);
        await double.stop();
      },
    };
  });
}

const realServer = process.env.ESDB_TEST_URL;
describeStoreContract(
  'esdb (real server, ESDB_TEST_URL)',
  realServer
    ? async () => {
        const store = openEsdbStore(realServer);
        return { store, dispose: () => store.close() };
      }
    : undefined,
  'no EventStoreDB server (set ESDB_TEST_URL, e.g. esdb://admin:changeit@localhost:2113?tls=true&tlsCAFile=./certs/ca/ca.crt; each case writes its own streams, so any server will do)',
);

describe('esdb adapter against the wire-level double', function () {
  this.timeout(30_000);
  let double: EsdbDouble;
  beforeEach(async () => {
    double = await startEsdbDouble();
  });
  afterEach(async () => double.stop());

  it('esdb: gives the demo log the same steering figures as SQLite (201 / 364 / 18 / 306 / 3 / 670), also when the connection drops mid-read', async function () {
    // Records the demo log twice through gRPC (thousands of round trips each): on two shared cores,
    // beside another test file in the other mocha worker, that takes longer than the suite's 30 s.
    this.timeout(120_000);
    const retries: number[] = [];
    const store = openEsdbStore(double.url, { onRetry: (attempt) => retries.push(attempt) });
    try {
      const result = await recordCommands(store, demoCommands(), { actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo', now: new Date(), synthetic: true });
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
    }
  });

  it('esdb: connects through discovery (esdb+discover://) to the gossip’s leader', async () => {
    const store = openEsdbStore(double.discoverUrl);
    try {
      await store.append('pass-discovered', [event('A')], 'no_stream');
      expect((await store.readStream('pass-discovered')).map((e) => e.type)).to.deep.equal(['A']);
    } finally {
      await store.close();
    }
  });

  it('esdb: resubscribes from its checkpoint after a dropped connection, handing over each event once', async () => {
    const retries: number[] = [];
    const store = openEsdbStore(double.url, { onRetry: (attempt) => retries.push(attempt) });
    const seen: number[] = [];
    const subscription = store.subscribeToAll({ after: 0, onEvents: (events: readonly RecordedEvent[]) => void seen.push(...events.map((e) => (e.data as { i: number }).i)) });
    try {
      await store.append('pass-r', [event('E', { i: 1 }), event('E', { i: 2 })], 'no_stream');
      for (let waited = 0; seen.length < 2 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      double.dropSubscriptions();
      await store.append('pass-r', [event('E', { i: 3 })], 1);
      for (let waited = 0; seen.length < 3 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).to.deep.equal([1, 2, 3]);
      expect(retries.length).to.be.greaterThan(0);
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it('esdb: says the store is unavailable after retrying with backoff, and refuses a URL it cannot read', async () => {
    const retries: Array<[number, number]> = [];
    const store = openEsdbStore('esdb://127.0.0.1:9?tls=false', { maxAttempts: 3, onRetry: (attempt, delayMs) => retries.push([attempt, delayMs]) });
    try {
      await store.readStream(`pass-${randomUUID()}`);
      expect.fail('an unreachable server must fail');
    } catch (error) {
      expect(error).to.be.instanceOf(StoreUnavailableError);
      expect((error as Error).message).to.match(/EventStoreDB is unavailable/);
    } finally {
      await store.close();
    }
    expect(retries).to.deep.equal([
      [1, 100],
      [2, 200],
    ]);
    expect(() => openEsdbStore('esdb://')).to.throw(BadStoreUrlError);
  });
});

describe('samlogg migrate from SQLite to EventStoreDB (esdb, the wire-level double)', function () {
  this.timeout(120_000);
  let double: EsdbDouble;
  let temp: ReturnType<typeof tempDir>;
  before(async () => {
    double = await startEsdbDouble();
    temp = tempDir();
  });
  after(async () => {
    await double.stop();
    temp.remove();
  });

  it('esdb: copies the demo log losslessly, a re-run appends nothing, and the figures are the same on both stores', async () => {
    const sqlite = `sqlite:${join(temp.dir, 'samlogg.db')}`;
    const env = { SAMLOGG_DATA_KEYS: join(temp.dir, 'keys') };
    expect((await runCli(['demo', '--store', sqlite], env)).code).to.equal(0);
    const first = await runCli(['migrate', '--from', sqlite, '--to', double.url, '--json'], env);
    expect(first.code, first.stderr).to.equal(0);
    const report = lastJson<{ events: number; appended: number; identical: boolean }>(first.stdout);
    expect(report.identical).to.equal(true);
    expect(report.appended).to.equal(report.events);
    expect(double.userEvents()).to.have.length(report.events);
    const [original] = double.userEvents();
    expect(JSON.parse(Buffer.from(original?.customMetadata ?? []).toString('utf8'))).to.have.nested.property('migratedFrom.recordedAt');

    const again = await runCli(['migrate', '--from', sqlite, '--to', double.url, '--json'], env);
    expect(lastJson<{ appended: number; identical: boolean }>(again.stdout)).to.deep.include({ appended: 0, identical: true });
    expect(double.userEvents()).to.have.length(report.events);

    const figures = async (store: string) => lastJson<Record<string, unknown>>((await runCli(['figures', '--store', store, '--from', '2021-04-01', '--to', '2022-08-31', '--json'], env)).stdout);
    const onSqlite = await figures(sqlite);
    expect(await figures(double.url)).to.deep.equal(onSqlite);
    expect(onSqlite).to.deep.include({ jointPasses: 201, exposed: 364 });
  });

  it('esdb: fails loudly when the target holds something the source does not', async () => {
    const sqlite = `sqlite:${join(temp.dir, 'samlogg.db')}`;
    const store = openEsdbStore(double.url);
    await store.append('pass-extra', [event('Extra')], 'no_stream');
    await store.close();
    const run = await runCli(['migrate', '--from', sqlite, '--to', double.url], { SAMLOGG_DATA_KEYS: join(temp.dir, 'keys') });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(/MIGRATION MISMATCH: the target differs from the source/);
  });
});

describe('migrate into EventStoreDB: appends below 1 MiB, one read of each target stream (esdb, the wire-level double)', function () {
  this.timeout(60_000);

  it('esdb: migrate splits a run of audit events larger than 1 MiB into appends the server takes, reads each target stream’s last revision once, and a re-run appends nothing', async () => {
    const temp = tempDir();
    const double = await startEsdbDouble();
    const source = openSqliteStore(join(temp.dir, 'source.db'));
    const target = openEsdbStore(double.url);
    try {
      // 60 × 30 KB in one stream, one after the other: 1.8 MB in a single run.
      const filler = 'q'.repeat(30 * 1024);
      for (let i = 0; i < 60; i += 1) await source.append('audit-2022-05-01', [event('QueryAudited', { i, filler })], i === 0 ? 'no_stream' : i - 1);
      await source.append('pass-m1', [event('PassRecorded', { i: 0 })], 'no_stream');
      const report = await migrateLog(source, target);
      expect(report).to.deep.include({ events: 61, appended: 61, identical: true });
      const appends = double.stats.appends;
      // One reservation of each event id (ids unique across the log), and the copies in 3 or 4 appends.
      expect(appends - report.events).to.be.within(3, 4);
      // One event backwards per target stream, and one after each append: never a whole stream.
      expect(double.stats.streamEventsRead).to.be.at.most(2 + appends - report.events);
      const again = await migrateLog(source, target);
      expect(again).to.deep.include({ appended: 0, identical: true });
      expect(double.stats.appends).to.equal(appends);
    } finally {
      await target.close();
      await source.close();
      await double.stop();
      temp.remove();
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

