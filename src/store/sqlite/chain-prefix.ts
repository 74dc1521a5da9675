import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';
import { eventHash, formatHead, genesisHash } from './chain.js';

/**
 * The chain as it stood at one position: what a signed report records (the head at its position) and
 * what checking it years later recomputes. Read-only: the file is opened readonly and never migrated.
 */

type Row = [position: number, id: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string, hash: Uint8Array | null];

function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new StoreUnavailableError(`no SQLite log at ${path}`);
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    return db;
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the SQLite log at ${path}: ${(error as Error).message}`, error);
  }
}

function hasHashes(db: Database.Database): boolean {
  return (db.prepare('PRAGMA table_info(events)').all() as Array<{ name: string }>).some((c) => c.name === 'hash');
}

/** The stored head at `position` ("P:hex"), or undefined when the log has no chain or no such event. */
export function storedHeadAt(path: string, position: number): string | undefined {
  const db = openReadOnly(path);
  try {
    if (!hasHashes(db)) return undefined;
    const hash = db.prepare('SELECT hash FROM events WHERE position = ?').pluck().get(position) as Uint8Array | null | undefined;
    return hash instanceof Uint8Array ? formatHead(position, hash) : undefined;
  } finally {
    db.close();
  }
}

export type PrefixVerdict = { readonly intact: true; readonly head: string } | { readonly intact: false; readonly brokenAt: number; readonly reason: string };

/** Recomputes the chain from the genesis value to `position` and compares each stored hash on the way. */
export function verifyChainTo(path: string, position: number): PrefixVerdict {
  const db = openReadOnly(path);
  try {
    if (!hasHashes(db)) return { intact: false, brokenAt: 1, reason: 'the log is not chained' };
    const logId = db.prepare("SELECT value FROM meta WHERE key = 'log_id'").pluck().get() as string | undefined;
    if (logId === undefined) return { intact: false, brokenAt: 1, reason: 'the log id is missing' };
    return db.transaction((): PrefixVerdict => {
      const page = db.prepare('SELECT position, id, stream_id, revision, type, data, metadata, recorded_at, hash FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT 5000').raw();
      let previous: Uint8Array = genesisHash(logId);
      let at = 0;
      for (;;) {
        const rows = page.all(at, position) as Row[];
        for (const row of rows) {
          if (row[0] !== at + 1) return { intact: false, brokenAt: at + 1, reason: 'an event is missing' };
          const computed = eventHash(previous, { position: row[0], id: row[1], streamId: row[2], revision: row[3], type: row[4], data: row[5], metadata: row[6], recordedAt: row[7] });
          if (!(row[8] instanceof Uint8Array) || !computed.equals(row[8])) return { intact: false, brokenAt: row[0], reason: 'the event does not match its hash' };
          previous = computed;
          at = row[0];
        }
        if (rows.length < 5000) break;
      }
      if (at !== position) return { intact: false, brokenAt: at + 1, reason: 'the log ends before the position' };
      return { intact: true, head: formatHead(position, previous) };
    })();
  } finally {
    db.close();
  }
}
