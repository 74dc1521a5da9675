import { join } from 'node:path';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from './temp.js';

/** A fresh SQLite log in a temp dir for each test of the surrounding describe; read it as `fixture.store`. */
export function useTempStore(): { readonly store: SqliteEventStore } {
  let temp: ReturnType<typeof tempDir> | undefined;
  let store: SqliteEventStore | undefined;
  beforeEach(() => {
    temp = tempDir();
    store = openSqliteStore(join(temp.dir, 'log.db'));
  });
  afterEach(async () => {
    await store?.close();
    temp?.remove();
  });
  return {
    get store() {
      if (!store) throw new Error('useTempStore: the store exists only inside a test');
      return store;
    },
  };
}
