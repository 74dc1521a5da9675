import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DuplicateEventIdError, NoLogError, StoreBusyError, StoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ProjectionStateStore,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { memoryProjectionStates, openFileProjectionStates } from '../file-projection-states.js';
import { privateSqliteFile } from '../private-files.js';
import { ensureChain, eventHash, formatHead, genesisHash, HASH_BYTES } from './chain.js';
import { EVENTS_TABLE_SQL } from './schema.js';
import { backgroundCheckpoints } from './background-checkpoints.js';

export interface SqliteStoreOptions {
  /** FULL (default) survives power loss after every commit; NORMAL only loses the last commits. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How often a subscription looks for events written by other processes. */
  readonly pollIntervalMs?: number;
  /** The clock that stamps recordedAt (default the host's); the same one the commands are decided with. */
  readonly now?: () => Date;
  /** Whether a missing file (or one without an events table) becomes a new log (default true); false refuses it. */
  readonly create?: boolean;
  /**
   * How long an append waits for another process's write lock before it gives up with StoreBusyError
   * (default 3000 ms). The wait is asynchronous: the event loop keeps serving meanwhile.
   */
  readonly lockWaitMs?: number;
  /** Told why a saved projection state was not trusted (default: a line on stderr). */
  readonly onStateRefused?: (name: string, reason: string) => void;
}

/**
 * better-sqlite3 is synchronous, so SQLite's own busy wait blocks the whole event loop: it is kept to a
 * few milliseconds, and an append that finds the lock taken retries on a timer instead.
 */
const BUSY_TIMEOUT_MS = 5;
const DEFAULT_LOCK_WAIT_MS = 3000;
const MAX_RETRY_DELAY_MS = 50;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type SqliteEventStore = EventStore & {
  readonly path: string;
  readonly projectionStates: ProjectionStateStore;
};

type Row = [position: number, id: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];
/** A row of a read without metadata: the metadata's schemaVersion alone (SQL NULL where none was written). */
type VersionRow = [position: number, id: string, streamId: string, revision: number, type: string, data: string, schemaVersion: unknown, recordedAt: string];

const DEFAULT_PAGE = 2000;

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});
/** One frozen metadata object per schema version: a rebuild's events share them. */
const VERSION_ONLY: Array<Readonly<Record<string, unknown>>> = [];
const versionOnly = (version: unknown): Readonly<Record<string, unknown>> => {
  if (version === null) return NO_METADATA;
  // Anything but a small whole number is handed on as it is, for the reader to refuse.
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version > 255) return { schemaVersion: version };
  return (VERSION_ONLY[version] ??= Object.freeze({ schemaVersion: version }));
};

function recorded(row: Row | VersionRow, metadata: Readonly<Record<string, unknown>>): RecordedEvent {
  return { position: row[0], id: row[1], streamId: row[2], revision: row[3], type: row[4], data: JSON.parse(row[5]), metadata, recordedAt: row[7] };
}

const toRecorded = (row: Row): RecordedEvent => recorded(row, JSON.parse(row[6]));
const toRecordedWithVersion = (row: VersionRow): RecordedEvent => recorded(row, versionOnly(row[6]));

/** The log's identity, made once when the file is created. */
function logIdOf(db: Database.Database): string {
  const select = db.prepare("SELECT value FROM meta WHERE key = 'log_id'").pluck();
  const known = select.get() as string | undefined;
  if (known !== undefined) return known;
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('log_id', ?)").run(randomUUID());
  return select.get() as string;
}

function matches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1;
  if (expected === 'stream_exists') return actual >= 0;
  return expected === actual;
}

function isUniqueIdViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.id')
  );
}

/** Opens (and creates on first use) the embedded log: one SQLite file in WAL mode. */
/** Why an open SQLite file is not a samlogg log, or undefined when it has the events table. */
function whyNotALog(db: Database.Database): string | undefined {
  try {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() ? undefined : 'the file holds no events table';
  } catch {
    return 'the file is not a SQLite database';
  }
}

/** Refuses (NoLogError) a path that holds no log, reading only: for commands that must never write, such as verify. */
export function assertSqliteLog(path: string): void {
  if (!existsSync(path)) throw new NoLogError(path, 'the file does not exist');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the SQLite log at ${path}: ${(error as Error).message}`, error);
  }
  try {
    const why = whyNotALog(db);
    if (why) throw new NoLogError(path, why);
  } finally {
    db.close();
  }
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteEventStore {
  const db = openDatabase(path, options);
  const logId = logIdOf(db);
  const genesis = genesisHash(logId);
  ensureChain(db, genesis);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const statements = statementsOf(db);
  const wakeUps = new Set<() => void>();
  const subscriptions = new Set<Subscription>();
  const notify = () => {
    for (const wake of wakeUps) wake();
  };
  // A file's WAL is checkpointed after a large commit in a thread of its own, not inside it (background-checkpoints.ts).
  const checkpoints = path === ':memory:' ? undefined : backgroundCheckpoints(db, path);
  const transaction = appendTransactionOf(db, statements, genesis, options.now);
  const commit = (requests: readonly AppendRequest[]): AppendResult[] => {
    const run = () => transaction.immediate(requests);
    return checkpoints ? checkpoints.commit(requests.reduce((n, r) => n + r.events.length, 0), run) : run();
  };
  const appendBatch = appenderOf(commit, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS, notify);
  return {
    kind: 'sqlite',
    path,
    atomicBatches: true,
    projectionStates: projectionStatesOf(path, logId, statements, genesis, options),
    append: async (streamId, events, expectedRevision) => {
      const [result] = await appendBatch([{ streamId, events, expectedRevision }]);
      return result as AppendResult;
    },
    appendBatch,
    readStream: async (streamId) => (statements.streamRows.all(streamId) as Row[]).map(toRecorded),
    readAll: (readOptions) => readAll(statements, readOptions),
    headPosition: async () => Number(statements.head.get()),
    subscribeToAll: (subscribe) => subscribeToAll(statements, subscribe, options.pollIntervalMs ?? 250, wakeUps, subscriptions),
    async close() {
      await Promise.all([...subscriptions].map((s) => s.close()));
      await checkpoints?.close();
      if (db.open) db.close();
    },
  };
}

/** Opens the file (a new one 0600 in a 0700 folder), refuses one that is no log, and sets the journal and durability. */
function openDatabase(path: string, options: SqliteStoreOptions): Database.Database {
  const create = options.create ?? true;
  if (path !== ':memory:' && !create && !existsSync(path)) throw new NoLogError(path, 'the file does not exist');
  let db: Database.Database;
  try {
    // A new log is made 0600 in a 0700 folder; an existing one is tightened.
    privateSqliteFile(path);
    db = new Database(path, create ? {} : { fileMustExist: true });
  } catch (error) {
    throw new StoreUnavailableError(`cannot open the SQLite log at ${path}: ${(error as Error).message}`, error);
  }
  // Asked before anything below writes to the file: a file that is not a log is left as it was.
  if (!create && path !== ':memory:') {
    const why = whyNotALog(db);
    if (why) {
      db.close();
      throw new NoLogError(path, why);
    }
  }
  // Opening may wait longer for another process (the CLI beside the server): nothing is served yet.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec(EVENTS_TABLE_SQL);
  return db;
}

function statementsOf(db: Database.Database) {
  return {
    insert: db.prepare('INSERT INTO events (position, id, stream_id, revision, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    streamRevision: db.prepare('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck(),
    lastEvent: db.prepare('SELECT position, recorded_at, hash FROM events ORDER BY position DESC LIMIT 1').raw(),
    saveChainHead: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('chain_head', ?)"),
    eventById: db.prepare('SELECT position, stream_id, revision FROM events WHERE id = ?').raw(),
    streamRows: db.prepare('SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE stream_id = ? ORDER BY revision').raw(),
    pageRows: db.prepare('SELECT position, id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?').raw(),
    // The schema version without parsing the metadata: the application writes it first, so a glance at
    // the text's start answers for nearly every row; anything else is read from the JSON.
    pageRowsWithoutMetadata: db.prepare(
      `SELECT position, id, stream_id, revision, type, data,
         CASE WHEN metadata GLOB '{"schemaVersion":[0-9],*' THEN CAST(substr(metadata, 18, 1) AS INTEGER) ELSE metadata ->> '$.schemaVersion' END,
         recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ).raw(),
    head: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    hashAt: db.prepare('SELECT hash FROM events WHERE position = ?').pluck(),
  };
}

type Statements = ReturnType<typeof statementsOf>;

function currentRevision(statements: Statements, streamId: string): number {
  const value = statements.streamRevision.get(streamId) as number | null;
  return value ?? -1;
}

/**
 * A retry of an append already made: every event id is recorded, in this stream, one after the other.
 * Anything else that reuses an id is a real duplicate.
 */
function retryResult(statements: Statements, request: AppendRequest): AppendResult | undefined {
  let previous: [number, string, number] | undefined;
  for (const event of request.events) {
    const found = statements.eventById.get(event.id) as [number, string, number] | undefined;
    if (!found || found[1] !== request.streamId || (previous && found[2] !== previous[2] + 1)) {
      if (found) throw new DuplicateEventIdError(event.id, request.streamId);
      return undefined;
    }
    previous = found;
  }
  if (!previous) return undefined;
  return { streamId: request.streamId, nextRevision: currentRevision(statements, request.streamId), position: previous[0], alreadyRecorded: true };
}

/** A NULL hash is a row written around the store; chaining on from zeros keeps it evident to verify. */
const BROKEN_LINK = new Uint8Array(HASH_BYTES);

/** The chain's tail while a batch is appended: advanced only once an insert has succeeded. */
interface Tail {
  position: number;
  hash: Uint8Array;
}

function appendTransactionOf(db: Database.Database, statements: Statements, genesis: Uint8Array, clock: (() => Date) | undefined) {
  return db.transaction((requests: readonly AppendRequest[]): AppendResult[] => {
    const last = statements.lastEvent.get() as [number, string, Uint8Array | null] | undefined;
    // Recorded times never go backwards in log order, so "recorded at or before T" is a prefix of the log.
    const now = (clock?.() ?? new Date()).toISOString();
    const recordedAt = last !== undefined && last[1] > now ? last[1] : now;
    const tail: Tail = { position: last?.[0] ?? 0, hash: last ? (last[2] ?? BROKEN_LINK) : genesis };
    const revisions = new Map<string, number>();
    const results: AppendResult[] = [];
    for (const request of requests) {
      const actual = revisions.get(request.streamId) ?? currentRevision(statements, request.streamId);
      if (!matches(request.expectedRevision, actual)) {
        const retry = request.events.length > 0 ? retryResult(statements, request) : undefined;
        if (retry) {
          results.push(retry);
          continue;
        }
        throw new WrongExpectedRevisionError(request.streamId, request.expectedRevision, actual);
      }
      const inserted = insertRequest(statements, request, actual, recordedAt, tail);
      if ('alreadyRecorded' in inserted) {
        results.push(inserted);
        continue;
      }
      revisions.set(request.streamId, inserted.revision);
      // An empty request records nothing; its position is the head it was checked against.
      results.push({ streamId: request.streamId, nextRevision: inserted.revision, position: inserted.position || Number(statements.head.get()), alreadyRecorded: false });
    }
    if (tail.position !== (last?.[0] ?? 0)) statements.saveChainHead.run(formatHead(tail.position, tail.hash));
    return results;
  });
}

/** Inserts one request's events on the chain's tail; a whole request already recorded answers its retry result. */
function insertRequest(statements: Statements, request: AppendRequest, actual: number, recordedAt: string, tail: Tail): { revision: number; position: number } | AppendResult {
  let revision = actual;
  let position = 0;
  try {
    for (const event of request.events) {
      revision += 1;
      const columns = {
        position: tail.position + 1,
        id: event.id,
        streamId: request.streamId,
        revision,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recordedAt,
      };
      const chained = eventHash(tail.hash, columns);
      statements.insert.run(columns.position, columns.id, columns.streamId, revision, columns.type, columns.data, columns.metadata, recordedAt, chained);
      position = tail.position = columns.position;
      tail.hash = chained;
    }
  } catch (error) {
    if (!isUniqueIdViolation(error)) throw error;
    // Only a whole, untouched request can be a retry; the transaction undoes any partial insert.
    const retry = revision === actual + 1 ? retryResult(statements, request) : undefined;
    if (!retry) {
      const clash = request.events[revision - actual - 1] as NewEvent;
      throw new DuplicateEventIdError(clash.id, request.streamId);
    }
    return retry;
  }
  return { revision, position };
}

/** Retries with backoff while another process holds the write lock, up to `lockWaitMs`. */
function appenderOf(commit: (requests: readonly AppendRequest[]) => AppendResult[], lockWaitMs: number, notify: () => void): (requests: readonly AppendRequest[]) => Promise<AppendResult[]> {
  return async (requests) => {
    const started = performance.now();
    for (let delay = 1; ; delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS)) {
      let results: AppendResult[];
      try {
        results = commit(requests);
      } catch (error) {
        if (!isBusy(error)) throw error;
        const waited = performance.now() - started;
        if (waited + delay > lockWaitMs) throw new StoreBusyError(waited);
        await sleep(delay);
        continue;
      }
      if (results.some((r) => !r.alreadyRecorded)) notify();
      return results;
    }
  };
}

async function* readAll(statements: Statements, options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
  let after = options.after ?? 0;
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  const withMetadata = options.metadata ?? true;
  for (;;) {
    const page = withMetadata
      ? (statements.pageRows.all(after, pageSize) as Row[]).map(toRecorded)
      : (statements.pageRowsWithoutMetadata.all(after, pageSize) as VersionRow[]).map(toRecordedWithVersion);
    if (page.length === 0) return;
    after = (page[page.length - 1] as RecordedEvent).position;
    yield page;
    if (page.length < pageSize) return;
  }
}

/** Reads on from `after` page by page; between pages, waits for an append here or polls for other processes'. */
function subscribeToAll(statements: Statements, subscribe: SubscribeOptions, pollMs: number, wakeUps: Set<() => void>, subscriptions: Set<Subscription>): Subscription {
  let closed = false;
  let after = subscribe.after;
  let wake: (() => void) | undefined;
  const done = (async () => {
    while (!closed) {
      try {
        const rows = statements.pageRows.all(after, DEFAULT_PAGE) as Row[];
        if (rows.length > 0) {
          const page = rows.map(toRecorded);
          await subscribe.onEvents(page);
          after = (page[page.length - 1] as RecordedEvent).position;
          // The next page in a turn of its own: a long import read back to back was one block of the loop.
          if (rows.length === DEFAULT_PAGE) await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
      } catch (error) {
        if (closed) return;
        subscribe.onError?.(error);
        closed = true;
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        wakeUps.add(wake);
      });
      if (wake) wakeUps.delete(wake);
      wake = undefined;
    }
  })();
  const subscription: Subscription = {
    async close() {
      closed = true;
      wake?.();
      await done;
      subscriptions.delete(subscription);
    },
  };
  subscriptions.add(subscription);
  return subscription;
}

function projectionStatesOf(path: string, logId: string, statements: Statements, genesis: Uint8Array, options: SqliteStoreOptions): ProjectionStateStore {
  const chainHashAt = (position: number): Uint8Array | undefined => (position === 0 ? genesis : ((statements.hashAt.get(position) as Uint8Array | null | undefined) ?? undefined));
  return path === ':memory:'
    ? memoryProjectionStates()
    : openFileProjectionStates(`${path}.projections`, logId, {
        chainHashAt,
        ...(options.onStateRefused ? { onRefused: options.onStateRefused } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
}
