import { join } from 'node:path';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from './temp.js';

/** A fresh SQLite log in a temp dir for each test of the surrounding describe; read it as `fixture.store`, its file as `fixture.path`. */
export function useTempStore(): { readonly store: SqliteEventStore; readonly path: string } {
  let temp: ReturnType<typeof tempDir> | undefined;
  let store: SqliteEventStore | undefined;
  let path: string | undefined;
  beforeEach(() => {
    temp = tempDir();
    path = join(temp.dir, 'log.db');
    store = openSqliteStore(path);
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
    get path() {
      if (!path) throw new Error('useTempStore: the store exists only inside a test');
      return path;
    },
  };
}
