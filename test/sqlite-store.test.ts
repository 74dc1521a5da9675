import { expect } from 'chai';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { describeStoreContract } from './support/store-contract.js';
import { tempDir } from './support/temp.js';

describeStoreContract('sqlite', async () => {
  const temp = tempDir();
  const store = openSqliteStore(join(temp.dir, 'log.db'), { pollIntervalMs: 20 });
  return {
    store,
    dispose: async () => {
      await store.close();
      temp.remove();
    },
  };
});

describe('sqlite store', () => {
  it('creates the file and its folder on first use, in WAL mode', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'nested', 'samlogg.db');
    const store = openSqliteStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    db.close();
    temp.remove();
  });

  it('sees events another connection appended, through a subscription', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'shared.db');
    const reader = openSqliteStore(path, { pollIntervalMs: 20 });
    const writer = openSqliteStore(path);
    const seen: string[] = [];
    let arrived: () => void = () => {};
    const got = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const subscription = reader.subscribeToAll({
      after: 0,
      onEvents: (events) => {
        seen.push(...events.map((e) => e.type));
        arrived();
      },
    });
    await writer.append('pass-x', [{ id: '0b9f4c55-0d6c-4b8e-9a5c-1f1f2e3d4c5b', type: 'FromElsewhere', data: {}, metadata: {} }], 'no_stream');
    await got;
    await subscription.close();
    await writer.close();
    await reader.close();
    expect(seen).to.deep.equal(['FromElsewhere']);
    temp.remove();
  });
});

describe('projection states beside the SQLite log', () => {
  it('keeps a saved state and its position for the same log across reopening', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'log.db');
    const store = openSqliteStore(path);
    await store.projectionStates.save({ name: 'pass-register', version: 3, position: 42, state: Buffer.from('state') });
    await store.close();
    const reopened = openSqliteStore(path);
    const saved = await reopened.projectionStates.load('pass-register');
    expect([saved?.version, saved?.position, Buffer.from(saved?.state ?? []).toString()]).to.deep.equal([3, 42, 'state']);
    await reopened.close();
    temp.remove();
  });

  it('never hands a state folded from another log to a new log at the same path', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'log.db');
    const store = openSqliteStore(path);
    await store.projectionStates.save({ name: 'pass-register', version: 1, position: 1, state: Buffer.from('old') });
    await store.close();
    rmSync(path);
    const fresh = openSqliteStore(path);
    expect(await fresh.projectionStates.load('pass-register')).to.equal(undefined);
    await fresh.close();
    temp.remove();
  });

  it('treats a torn state file as no state', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'log.db');
    const store = openSqliteStore(path);
    await store.projectionStates.save({ name: 'pass-register', version: 1, position: 1, state: Buffer.from('x') });
    writeFileSync(join(`${path}.projections`, 'pass-register.state'), Buffer.from([200, 0, 0, 0, 123]));
    expect(await store.projectionStates.load('pass-register')).to.equal(undefined);
    await store.close();
    temp.remove();
  });
});
