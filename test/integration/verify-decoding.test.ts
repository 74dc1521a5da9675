import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { lastJson, runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/** `samlogg verify --decode` reads every fact in full (zod), as the folds would: a chained event this version cannot read fails it. */

describe('samlogg verify --decode decodes every event', () => {
  let temp: ReturnType<typeof tempDir>;
  let dbPath: string;
  let env: Record<string, string>;
  beforeEach(() => {
    temp = tempDir();
    mkdirSync(join(temp.dir, 'data'));
    dbPath = join(temp.dir, 'data', 'samlogg.db');
    env = { SAMLOGG_STORE: `sqlite:${dbPath}` };
  });
  afterEach(() => temp.remove());

  const pass = '7c9e6679-7425-40de-944b-e07fc1f90001';
  const recorded = { passId: pass, date: '2022-05-12', kind: 'RAID', units: ['MIKA', 'POLIS'] };
  const encountered = { passId: pass, encounterId: '7c9e6679-7425-40de-944b-e07fc1f90002', role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' };

  async function log(encounter: Record<string, unknown>, schemaVersion = 1): Promise<void> {
    const store = openSqliteStore(dbPath);
    await store.append(`pass-${pass}`, [
      { id: '0b0e2c1a-0000-4000-8000-000000000001', type: 'PassRecorded', data: recorded, metadata: { schemaVersion: 1 } },
      { id: '0b0e2c1a-0000-4000-8000-000000000002', type: 'PersonEncountered', data: encounter, metadata: { schemaVersion } },
    ], 'no_stream');
    await store.close();
  }

  it('passes a log whose every event decodes, and the demo log', async () => {
    await log(encountered);
    const run = await runCli(['verify', '--decode'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('intact (2 events)');
    temp.remove();
    mkdirSync(join(temp.dir, 'data'), { recursive: true });
    expect((await runCli(['demo'], env)).code).to.equal(0);
    const demo = await runCli(['verify', '--decode'], env);
    expect(demo.code, demo.stdout).to.equal(0);
  });

  it('reads only the chain without --decode, as before', async () => {
    await log({ ...encountered, homeKommun: '9999' });
    expect((await runCli(['verify'], env)).code).to.equal(0);
  });

  it('fails at an event whose chain holds but whose data this version cannot read, naming the field, not the value', async () => {
    await log({ ...encountered, homeKommun: '9999' });
    const run = await runCli(['verify', '--decode', '--json'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/broken at position 2: the event is chained but this version cannot read it: PersonEncountered \(schema version 1\): data\.homeKommun must be a home kommun/);
    expect(run.stdout).to.not.include('9999');
    expect(lastJson(run.stdout)).to.deep.include({ intact: false, brokenAt: 2 });
  });

  it('checks the application’s own records too: an id claim with a field it does not know fails', async () => {
    await log(encountered);
    const store = openSqliteStore(dbPath);
    await store.append(`id-${pass}`, [{ id: '0b0e2c1a-0000-4000-8000-000000000003', type: 'IdReserved', data: { id: pass, field: 'passId', streamId: `pass-${pass}`, note: 'Anna' }, metadata: { schemaVersion: 1 } }], 'no_stream');
    await store.close();
    const run = await runCli(['verify', '--decode'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/broken at position 3: .*IdReserved: data\.\(data\) has a field this version does not know/);
    expect(run.stdout).to.not.include('Anna');
  });

  it('fails at an event of a schema version newer than this one', async () => {
    await log(encountered, 5);
    const run = await runCli(['verify', '--decode'], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/broken at position 2: .*schemaVersion must be a version from 1 to 1/);
  });
});
