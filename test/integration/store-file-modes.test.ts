import { expect } from 'chai';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadOrCreateDevSigningKey } from '../../src/auth/dev-signing-key.js';
import { openDataKeys } from '../../src/store/data-keys.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Runs `work` with the most permissive umask, so a mode that is right here is right under any umask. */
async function underOpenUmask<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.umask(0);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

describe('files of the log are readable by their owner only', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('creates the log, its -wal and -shm, the keys file and the projection states 0600 and their folders 0700, whatever the umask', async () => {
    const folder = join(temp.dir, 'data');
    const path = join(folder, 'samlogg.db');
    await underOpenUmask(async () => {
      const store = openSqliteStore(path);
      const keys = openDataKeys(`${path}.keys`);
      keys.keyFor('pass-1');
      await store.append('pass-1', [event('PassRecorded')], 'no_stream');
      await store.projectionStates.save({ name: 'pass-register', version: 1, position: 1, state: Buffer.from('s') });
      for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}.keys`, `${path}.keys-wal`, `${path}.keys-shm`, join(`${path}.projections`, 'pass-register.state')]) {
        expect(existsSync(file), file).to.equal(true);
        expect(modeOf(file).toString(8), file).to.equal('600');
      }
      expect(modeOf(folder).toString(8)).to.equal('700');
      expect(modeOf(`${path}.projections`).toString(8)).to.equal('700');
      keys.close();
      await store.close();
    });
  });

  it('tightens a log, a keys file and states that an older version left 0644', async () => {
    const path = join(temp.dir, 'old.db');
    const store = openSqliteStore(path);
    await store.append('pass-1', [event('PassRecorded')], 'no_stream');
    await store.projectionStates.save({ name: 'pass-register', version: 1, position: 1, state: Buffer.from('s') });
    await store.close();
    const keys = new Database(`${path}.keys`);
    keys.close();
    const state = join(`${path}.projections`, 'pass-register.state');
    for (const file of [path, `${path}.keys`, state]) chmodSync(file, 0o644);
    chmodSync(`${path}.projections`, 0o755);

    const reopened = openSqliteStore(path);
    const reopenedKeys = openDataKeys(`${path}.keys`);
    for (const file of [path, `${path}.keys`, state]) expect(modeOf(file).toString(8), file).to.equal('600');
    expect(modeOf(`${path}.projections`).toString(8)).to.equal('700');
    reopenedKeys.close();
    await reopened.close();
  });

  it('makes the development signing key 0600 in a folder of its own 0700', async () => {
    const path = join(temp.dir, 'fresh', 'dev-signing-key.json');
    await underOpenUmask(() => loadOrCreateDevSigningKey(path));
    expect(modeOf(path).toString(8)).to.equal('600');
    expect(modeOf(join(temp.dir, 'fresh')).toString(8)).to.equal('700');
  });
});
