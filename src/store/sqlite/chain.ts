import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

/**
 * The hash chain that makes an edit of the SQLite log evident. Each event's hash is SHA-256 over a canonical
 * byte encoding of the previous event's hash and the event's columns exactly as stored (no re-serialisation),
 * so `verifyChain` can recompute it from the file alone. The first event chains to a genesis value derived
 * from the log id. The newest position and hash are also kept in `meta` (`chain_head`), so that cutting
 * events off the end shows too.
 *
 * What it does not do: someone who can write the file can recompute the whole chain. The head printed by
 * `samlogg verify` must be kept somewhere else (e.g. in the styrgrupp's minutes) to catch that.
 *
 * Encoding (all integers big-endian):
 *   "samlogg/event/v1" (16 bytes ASCII) | previous hash (32) | position (u64) | id | stream id |
 *   revision (u64) | type | data | metadata | recorded at
 * where every string is its UTF-8 bytes preceded by their length (u32).
 */

const EVENT_TAG = Buffer.from('samlogg/event/v1', 'ascii');
const GENESIS_TAG = 'samlogg/genesis/v1\u0000';
export const HASH_BYTES = 32;

export function genesisHash(logId: string): Buffer {
  return hash('sha256', Buffer.from(GENESIS_TAG + logId, 'utf8'), 'buffer');
}

/** One event's stored columns, in the order they are hashed. */
export interface ChainedColumns {
  readonly position: number;
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

/** Reused between events: encoding into one buffer and hashing it once is the cheap path. */
let scratch = Buffer.alloc(64 * 1024);
EVENT_TAG.copy(scratch, 0);

function writeU64(buffer: Buffer, value: number, offset: number): number {
  buffer.writeUInt32BE(Math.floor(value / 0x1_0000_0000), offset);
  buffer.writeUInt32BE(value >>> 0, offset + 4);
  return offset + 8;
}

function writeText(buffer: Buffer, text: string, offset: number): number {
  const length = buffer.write(text, offset + 4, 'utf8');
  buffer.writeUInt32BE(length, offset);
  return offset + 4 + length;
}

export function eventHash(previous: Uint8Array, e: ChainedColumns): Buffer {
  // A UTF-16 code unit is at most 3 UTF-8 bytes; 6 length prefixes, 2 integers, tag and previous hash.
  const bound = EVENT_TAG.length + HASH_BYTES + 16 + 24 + 3 * (e.id.length + e.streamId.length + e.type.length + e.data.length + e.metadata.length + e.recordedAt.length);
  if (bound > scratch.length) {
    scratch = Buffer.alloc(Math.max(bound, scratch.length * 2));
    EVENT_TAG.copy(scratch, 0);
  }
  const b = scratch;
  b.set(previous, EVENT_TAG.length);
  let at = writeU64(b, e.position, EVENT_TAG.length + HASH_BYTES);
  at = writeText(b, e.id, at);
  at = writeText(b, e.streamId, at);
  at = writeU64(b, e.revision, at);
  at = writeText(b, e.type, at);
  at = writeText(b, e.data, at);
  at = writeText(b, e.metadata, at);
  at = writeText(b, e.recordedAt, at);
  return hash('sha256', b.subarray(0, at), 'buffer');
}

export function formatHead(position: number, head: Uint8Array): string {
  return `${position}:${Buffer.from(head).toString('hex')}`;
}

type ChainRow = [position: number, id: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string, hash: Uint8Array | null];

const ROWS_AFTER =
  'SELECT position, id, stream_id, revision, type, data, metadata, recorded_at, hash FROM events WHERE position > ? ORDER BY position LIMIT ?';

function columnsOf(row: ChainRow): ChainedColumns {
  return { position: row[0], id: row[1], streamId: row[2], revision: row[3], type: row[4], data: row[5], metadata: row[6], recordedAt: row[7] };
}

function hasHashColumn(db: Database.Database): boolean {
  return (db.prepare('PRAGMA table_info(events)').all() as Array<{ name: string }>).some((c) => c.name === 'hash');
}

/**
 * A log written before the chain existed gets its `hash` column and the chain over every event it holds,
 * once, in one transaction (so another process opening it at the same moment waits, then finds it done).
 */
export function ensureChain(db: Database.Database, genesis: Uint8Array): void {
  if (hasHashColumn(db)) return;
  db.transaction(() => {
    if (hasHashColumn(db)) return;
    db.exec('ALTER TABLE events ADD COLUMN hash BLOB');
    const page = db.prepare(ROWS_AFTER).raw();
    const update = db.prepare('UPDATE events SET hash = ? WHERE position = ?');
    let previous: Uint8Array = genesis;
    let position = 0;
    for (;;) {
      const rows = page.all(position, 5000) as ChainRow[];
      for (const row of rows) {
        previous = eventHash(previous, columnsOf(row));
        position = row[0];
        update.run(previous, position);
      }
      if (rows.length < 5000) break;
    }
    if (position > 0) db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('chain_head', ?)").run(formatHead(position, previous));
  }).immediate();
}

export type ChainVerdict =
  | { readonly intact: true; readonly events: number; readonly head: string }
  | { readonly intact: false; readonly events: number; readonly brokenAt: number; readonly reason: string };

export interface VerifyOptions {
  /** Called now and then with (events checked, events in the log). */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Recomputes the chain of the SQLite log at `path` from the genesis value and reports the first position
 * where it breaks: a changed column, a missing or inserted event, or a head that is not the recorded one.
 * Reasons name what broke, never what the row holds.
 */
export function verifyChain(path: string, options: VerifyOptions = {}): ChainVerdict {
  if (!existsSync(path)) throw new StoreUnavailableError(`no SQLite log at ${path}`);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the SQLite log at ${path}: ${(error as Error).message}`, error);
  }
  try {
    const logId = db.prepare("SELECT value FROM meta WHERE key = 'log_id'").pluck().get() as string | undefined;
    const total = Number(db.prepare('SELECT COUNT(*) FROM events').pluck().get());
    if (logId === undefined) {
      return total === 0 ? { intact: true, events: 0, head: '0:' } : { intact: false, events: 0, brokenAt: 1, reason: 'the log id is missing' };
    }
    const genesis = genesisHash(logId);
    ensureChain(db, genesis);
    // One read transaction: a writer appending meanwhile cannot make a consistent log look broken.
    return db.transaction((): ChainVerdict => {
      const page = db.prepare(ROWS_AFTER).raw();
      let previous: Uint8Array = genesis;
      let position = 0;
      let checked = 0;
      for (;;) {
        const rows = page.all(position, 5000) as ChainRow[];
        for (const row of rows) {
          const expected = position + 1;
          if (row[0] !== expected) return { intact: false, events: checked, brokenAt: expected, reason: 'an event is missing' };
          const stored = row[8];
          const textual = [row[1], row[2], row[4], row[5], row[6], row[7]].every((v) => typeof v === 'string') && typeof row[3] === 'number';
          const computed = textual ? eventHash(previous, columnsOf(row)) : undefined;
          if (!computed || !(stored instanceof Uint8Array) || !computed.equals(stored)) {
            return { intact: false, events: checked, brokenAt: expected, reason: 'the event does not match its hash' };
          }
          previous = computed;
          position = expected;
          checked += 1;
        }
        options.onProgress?.(checked, total);
        if (rows.length < 5000) break;
      }
      const recorded = db.prepare("SELECT value FROM meta WHERE key = 'chain_head'").pluck().get() as string | undefined;
      const recordedPosition = recorded === undefined ? 0 : Number(recorded.split(':')[0]);
      if (position === 0 && recorded === undefined) return { intact: true, events: 0, head: '0:' };
      const head = formatHead(position, previous);
      if (recorded !== head) {
        const brokenAt = recordedPosition > position ? position + 1 : recordedPosition < position ? recordedPosition + 1 : position;
        return { intact: false, events: checked, brokenAt, reason: 'the log does not end at the recorded head' };
      }
      return { intact: true, events: checked, head };
    })();
  } finally {
    db.close();
  }
}
