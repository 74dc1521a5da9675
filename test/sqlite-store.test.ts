import { expect } from 'chai';
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
