import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { privateSqliteFile } from './private-files.js';

/**
 * Data keys for crypto-shredding: one AES-256 key per stream (a pass), kept apart from the log so
 * that destroying a key erases the stream's free text while the log itself, its hash chain and
 * every count stay as they were. Destroyed keys are overwritten on disk (secure_delete) and the file
 * is vacuumed, so a deleted key does not linger in free pages.
 */
export interface DataKeyStore {
  /** The stream's key, made on first use. */
  keyFor(owner: string): Buffer;
  /** The stream's key if it exists and was not destroyed. */
  find(owner: string): Buffer | undefined;
  /** Whether a key was made for the stream and later destroyed. */
  destroyed(owner: string): boolean;
  /** Destroys the keys of these streams; answers how many existed. */
  destroy(owners: readonly string[], reason: string): number;
  close(): void;
}

export const DEFAULT_DATA_KEYS_SUFFIX = '.keys';

export function openDataKeys(path: string): DataKeyStore {
  privateSqliteFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS data_keys (owner TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS destroyed_keys (owner TEXT PRIMARY KEY, destroyed_at TEXT NOT NULL, reason TEXT NOT NULL) STRICT;
  `);
  const select = db.prepare<[string], { key: Buffer }>('SELECT key FROM data_keys WHERE owner = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO data_keys (owner, key, created_at) VALUES (?, ?, ?)');
  const wasDestroyed = db.prepare<[string], { owner: string }>('SELECT owner FROM destroyed_keys WHERE owner = ?');
  const remove = db.prepare('DELETE FROM data_keys WHERE owner = ?');
  const remember = db.prepare('INSERT OR IGNORE INTO destroyed_keys (owner, destroyed_at, reason) VALUES (?, ?, ?)');
  // Not cached in memory: `samlogg retention` destroys keys from another process, and a server must
  // stop opening the text at once.
  const find = (owner: string) => select.get(owner)?.key;
  return {
    find,
    keyFor(owner) {
      const existing = find(owner);
      if (existing) return existing;
      // A destroyed key is never remade: text sealed later for the same stream would read as erased anyway.
      if (wasDestroyed.get(owner)) throw new Error(`the data key of ${owner} was destroyed by retention; nothing more can be sealed for it`);
      insert.run(owner, randomBytes(32), new Date().toISOString());
      return find(owner) as Buffer;
    },
    destroyed: (owner) => wasDestroyed.get(owner) !== undefined,
    destroy(owners, reason) {
      const now = new Date().toISOString();
      let count = 0;
      db.transaction(() => {
        for (const owner of owners) {
          count += remove.run(owner).changes;
          remember.run(owner, now, reason);
        }
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      return count;
    },
    close: () => db.close(),
  };
}
