import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';
import { stateWitnesses, type StateWitness } from '../file-projection-states.js';

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
interface ChainedColumns {
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
    // A log that had a head had a chain: its hash column was dropped around the store, and chaining it
    // again would bless whatever was edited meanwhile.
    if (db.prepare("SELECT 1 FROM meta WHERE key = 'chain_head'").get() !== undefined) {
      throw new StoreUnavailableError('the log was chained but its hash column is gone: it was changed around the store; run samlogg verify and restore a backup');
    }
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

type ChainVerdict =
  | { readonly intact: true; readonly events: number; readonly head: string }
  | { readonly intact: false; readonly events: number; readonly brokenAt: number; readonly reason: string }
  /** A log with no hash column: nothing in it can be checked, which is a failure, not a pass. */
  | { readonly intact: false; readonly unchained: true; readonly events: number; readonly reason: string };

interface VerifyOptions {
  /** Called now and then with (events checked, events in the log). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * A head recorded elsewhere (`position:hash`, e.g. in the styrgrupp's minutes): the log must hold
   * exactly that hash at exactly that position. Events appended after it are the log growing.
   */
  readonly expectHead?: string;
  /**
   * Reads each chained event as the application would (its decoding step, given by the caller: the
   * store knows no event types) and throws, with a reason that names no value, when it cannot.
   */
  readonly readEvent?: (type: string, data: unknown, metadata: Readonly<Record<string, unknown>>) => void;
}

const HEAD_FORMAT = /^(\d{1,15}):([0-9a-f]{64})$/;

/** Whether a text is a head as `formatHead` writes it (`position:64 hex digits`). */
export function isHead(text: string): boolean {
  return HEAD_FORMAT.test(text);
}

function unreadableEvent(row: ChainRow, readEvent: NonNullable<VerifyOptions['readEvent']>): string | undefined {
  try {
    readEvent(row[4], JSON.parse(row[5]), JSON.parse(row[6]) as Record<string, unknown>);
    return undefined;
  } catch (error) {
    return error instanceof SyntaxError ? 'its data or metadata is not JSON' : (error as Error).message;
  }
}

/**
 * Recomputes the chain of the SQLite log at `path` from the genesis value and reports the first position
 * where it breaks: a changed column, a missing or inserted event, a head in `meta` that is not the last
 * row's hash and position, a count that does not match, or a head recorded elsewhere that the log does
 * not hold. The file is opened read-only: verify never migrates, re-chains or writes anything.
 * Reasons name what broke, never what the row holds.
 */
export function verifyChain(path: string, options: VerifyOptions = {}): ChainVerdict {
  if (!existsSync(path)) throw new StoreUnavailableError(`no SQLite log at ${path}`);
  const expected = options.expectHead === undefined ? undefined : HEAD_FORMAT.exec(options.expectHead);
  if (options.expectHead !== undefined && !expected) throw new RangeError('expectHead: must be a head as verify prints it, position:64 hex digits');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the SQLite log at ${path}: ${(error as Error).message}`, error);
  }
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (!tables.has('events') || !tables.has('meta')) throw new StoreUnavailableError(`${path} is not a samlogg log (it has no events and meta tables)`);
    // Read before the log's snapshot: a state is saved only at a position already in the log, so every
    // witness read first lies within the snapshot, however fast a server appends meanwhile.
    const witnesses = stateWitnesses(`${path}.projections`);
    // One read transaction: a writer appending meanwhile cannot make a consistent log look broken.
    return db.transaction((): ChainVerdict => verifyInTransaction(db, witnesses, options, expected ?? undefined))();
  } finally {
    db.close();
  }
}

type Witness = StateWitness;

/** What the walk along the chain found: a break, or where the chain ends. */
type Walked =
  | { readonly broken: ChainVerdict }
  | { readonly broken?: undefined; readonly position: number; readonly previous: Uint8Array; readonly checked: number; readonly expectedFound: boolean };

function verifyInTransaction(db: Database.Database, witnesses: readonly Witness[], options: VerifyOptions, expected: RegExpExecArray | undefined): ChainVerdict {
  const total = Number(db.prepare('SELECT COUNT(*) FROM events').pluck().get());
  if (!hasHashColumn(db)) {
    return { intact: false, unchained: true, events: total, reason: 'the log has no hash column: it is unchained and nothing in it can be verified' };
  }
  const logId = db.prepare("SELECT value FROM meta WHERE key = 'log_id'").pluck().get() as string | undefined;
  if (logId === undefined) {
    return total === 0 ? { intact: true, events: 0, head: '0:' } : { intact: false, events: 0, brokenAt: 1, reason: 'the log id is missing' };
  }
  // Each authenticated projection state says the log once held this hash at this position.
  const witnessAt = new Map(witnesses.filter((w) => w.logId === logId).map((w) => [w.position, w]));
  const walked = walkChain(db, genesisHash(logId), witnessAt, options, expected, total);
  if (walked.broken) return walked.broken;
  const { position, previous, checked } = walked;
  const lastWitness = Math.max(0, ...witnessAt.keys());
  if (lastWitness > position) {
    const witness = witnessAt.get(lastWitness) as { name: string };
    return { intact: false, events: checked, brokenAt: position + 1, reason: `the log ends at position ${position}, but the projection state ${witness.name} was folded at position ${lastWitness}: events were cut off the end` };
  }
  if (checked !== total) return { intact: false, events: checked, brokenAt: position + 1, reason: `the log holds ${total} events but its chain runs through ${checked}` };
  const head = position === 0 ? '0:' : formatHead(position, previous);
  if (expected && !walked.expectedFound) {
    return { intact: false, events: checked, brokenAt: position + 1, reason: `the expected head ${options.expectHead} is not in the log: it ends at ${head}` };
  }
  return recordedHeadVerdict(db, position, checked, head);
}

/** Recomputes every event's hash from the genesis value, checking each against its row, the witnesses and the expected head. */
function walkChain(db: Database.Database, genesis: Buffer, witnessAt: ReadonlyMap<number, Witness>, options: VerifyOptions, expected: RegExpExecArray | undefined, total: number): Walked {
  const page = db.prepare(ROWS_AFTER).raw();
  const expectedPosition = expected ? Number(expected[1]) : -1;
  let previous: Uint8Array = genesis;
  let position = 0;
  let checked = 0;
  let expectedFound = expectedPosition === 0 && expected?.[2] === genesis.toString('hex');
  for (;;) {
    const rows = page.all(position, 5000) as ChainRow[];
    for (const row of rows) {
      const next = position + 1;
      if (row[0] !== next) return { broken: { intact: false, events: checked, brokenAt: next, reason: 'an event is missing' } };
      const stored = row[8];
      const textual = [row[1], row[2], row[4], row[5], row[6], row[7]].every((v) => typeof v === 'string') && typeof row[3] === 'number';
      const computed = textual ? eventHash(previous, columnsOf(row)) : undefined;
      if (!computed || !(stored instanceof Uint8Array) || !computed.equals(stored)) {
        return { broken: { intact: false, events: checked, brokenAt: next, reason: 'the event does not match its hash' } };
      }
      const unreadable = options.readEvent ? unreadableEvent(row, options.readEvent) : undefined;
      if (unreadable !== undefined) return { broken: { intact: false, events: checked, brokenAt: next, reason: `the event is chained but this version cannot read it: ${unreadable}` } };
      previous = computed;
      position = next;
      checked += 1;
      const witness = witnessAt.get(position);
      if (witness && witness.chainHash !== computed.toString('hex')) {
        return { broken: { intact: false, events: checked, brokenAt: position, reason: `the projection state ${witness.name} was folded when the log held another event at position ${position}: the log was rewritten` } };
      }
      if (position === expectedPosition) {
        if (computed.toString('hex') !== expected?.[2]) {
          return { broken: { intact: false, events: checked, brokenAt: position, reason: `the expected head ${options.expectHead} is not in the log: at position ${position} the log holds ${formatHead(position, computed)}` } };
        }
        expectedFound = true;
      }
    }
    options.onProgress?.(checked, total);
    if (rows.length < 5000) break;
  }
  return { position, previous, checked, expectedFound };
}

/** The verdict on the head recorded in meta, once the chain itself is whole. */
function recordedHeadVerdict(db: Database.Database, position: number, checked: number, head: string): ChainVerdict {
  const recorded = db.prepare("SELECT value FROM meta WHERE key = 'chain_head'").pluck().get() as string | undefined;
  if (position === 0 && recorded === undefined) return { intact: true, events: 0, head };
  if (recorded === undefined) return { intact: false, events: checked, brokenAt: 1, reason: 'the recorded head is missing from meta' };
  if (recorded !== head) {
    const recordedPosition = HEAD_FORMAT.test(recorded) ? Number(recorded.split(':')[0]) : position;
    const brokenAt = recordedPosition > position ? position + 1 : recordedPosition < position ? recordedPosition + 1 : position;
    return { intact: false, events: checked, brokenAt, reason: 'the log does not end at the head recorded in meta' };
  }
  return { intact: true, events: checked, head };
}
