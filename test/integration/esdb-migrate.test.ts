import { expect } from 'chai';
import { join } from 'node:path';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { migrateLog } from '../../src/application/migrate-log.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double.js';
import { lastJson, runCli } from '../support/cli.js';
import { event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';

/** `samlogg migrate` and `migrateLog` from SQLite into EventStoreDB (the wire-level double); split from esdb-store.test.ts so the two run in parallel. */
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

  it('esdb: copies the demo log losslessly, a re-run appends nothing and reads no target stream one by one, and the figures are the same on both stores', async () => {
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

    const streamEventsBefore = double.stats.streamEventsRead;
    const again = await runCli(['migrate', '--from', sqlite, '--to', double.url, '--json'], env);
    expect(lastJson<{ appended: number; identical: boolean }>(again.stdout)).to.deep.include({ appended: 0, identical: true });
    // Where each of its 1,300 streams stands comes from one read of $all, not a read per stream.
    expect(double.stats.streamEventsRead - streamEventsBefore, 'events read stream by stream on the re-run').to.equal(0);
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
