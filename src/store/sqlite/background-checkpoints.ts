import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * Checkpoints of the log's WAL after large commits, in a worker thread. SQLite checkpoints inside the
 * commit that fills the WAL past 1,000 pages: the commit of a group of fifty passes (some 250 pages,
 * the ids' indexes being random) then also copied about 4 MB into the database file and synced it, a
 * block of the server's event loop two to three times as long as the commit alone. Here a large commit
 * does not checkpoint; a connection of its own in the thread does, PASSIVE (it waits for no reader or
 * writer), after it, while the event loop goes on. Durability is unchanged: a commit is synced
 * in the WAL before it returns (synchronous=FULL), and a checkpoint syncs the WAL before it copies.
 * If the thread fails, every commit checkpoints as SQLite does by default again.
 *
 * One thread per process, started at the first checkpoint, with one connection per store: a store
 * closed before a checkpoint is due (a short CLI command) starts nothing.
 */

const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

/** Plain JavaScript, so the thread needs no TypeScript loader (the CLI and the server start differently). */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const connections = new Map();
parentPort.on('message', ({ op, store, path }) => {
  try {
    if (op === 'close') {
      connections.get(store)?.close();
      connections.delete(store);
    } else {
      let db = connections.get(store);
      if (!db) {
        db = new Database(path, { fileMustExist: true });
        db.pragma('synchronous = FULL');
        // RESTART waits this long for the writer's transaction of the moment (the writer retries on a timer meanwhile).
        db.pragma('busy_timeout = 1000');
        connections.set(store, db);
      }
      const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
      // A WAL starts anew only at a write that finds it all copied: once long and all copied, a RESTART
      // (nothing left to copy, so it holds the next writer back only for a moment) lets that writer do so.
      if (log > workerData.restartFrames && checkpointed === log) db.pragma('wal_checkpoint(RESTART)');
    }
    parentPort.postMessage({ store, ok: true });
  } catch (error) {
    parentPort.postMessage({ store, ok: false });
  }
});
`;

/** SQLite's own threshold, for the writing connection when the thread is not there. */
const DEFAULT_AUTOCHECKPOINT = 1000;
const MAX_FAILURES = 3;

interface Client {
  answered(ok: boolean): void;
  failed(): void;
}

/** The process's checkpoint thread and the stores it answers. */
const shared: { thread?: Worker; clients: Map<number, Client>; next: number; asked: number } = { clients: new Map(), next: 0, asked: 0 };

/** Asks the thread; it holds the process open only while a question is unanswered. */
function ask(message: { op: 'checkpoint' | 'close'; store: number; path: string }): void {
  const worker = thread();
  if (shared.asked === 0) worker.ref();
  shared.asked += 1;
  worker.postMessage(message);
}

function thread(): Worker {
  if (shared.thread) return shared.thread;
  const started = new Worker(CHECKPOINTER, { eval: true, workerData: { sqlite: SQLITE, restartFrames: DEFAULT_AUTOCHECKPOINT } });
  started.on('message', ({ store, ok }: { store: number; ok: boolean }) => {
    shared.asked -= 1;
    if (shared.asked === 0) started.unref();
    shared.clients.get(store)?.answered(ok);
  });
  const lost = () => {
    if (shared.thread !== started) return;
    shared.thread = undefined;
    shared.asked = 0;
    for (const client of [...shared.clients.values()]) client.failed();
  };
  started.on('error', lost);
  started.on('exit', lost);
  // Unanswered questions aside (see ask), it holds nothing open; unref after the listeners, which would hold it again.
  started.unref();
  shared.thread = started;
  return started;
}

interface BackgroundCheckpoints {
  /**
   * Runs an append's transaction of `events`. A large one (a group of commands, an import's batch) does
   * not checkpoint: the thread does, after it. A small one (a single command) checkpoints as SQLite
   * does by default: alone, a thread's checkpoint running beside a stream of short commits slowed them
   * by a sixth on a busy disk (their syncs and its syncs in each other's way).
   */
  commit<T>(events: number, transaction: () => T): T;
  /** Waits for a checkpoint under way and closes this store's connection in the thread. */
  close(): Promise<void>;
}

interface ClientState {
  fallenBack: boolean;
  closed: boolean;
  pending: number;
  failures: number;
}

/** What a store does with the thread's answers. */
function clientOf(db: Database.Database, state: ClientState, settle: () => void, schedule: () => void): Client {
  const client: Client = {
    answered(ok) {
      // Another process checkpointing at the same moment is no failure for long; one that keeps failing is.
      state.failures = ok ? 0 : state.failures + 1;
      if (state.failures >= MAX_FAILURES) return client.failed();
      settle();
      if (!ok) state.pending = Math.max(state.pending, 1);
      schedule();
    },
    failed() {
      state.fallenBack = true;
      settle();
    },
  };
  return client;
}

/**
 * When to checkpoint: once about as much has been appended as SQLite's 1,000 pages hold (a checkpoint
 * syncs the database file, and more of them slowed single-command commits on a busy disk), or a while
 * after the last append, so a quiet log's WAL is copied too.
 */
const CHECKPOINT_EVENTS = 300;
/** Four recorded passes (each an id claim and the pass) and more. */
const LARGE_COMMIT_EVENTS = 8;
const MAX_PENDING_EVENTS = 4 * CHECKPOINT_EVENTS;
const QUIET_MS = 1000;

/**
 * Whether this commit checkpoints as SQLite does: a small one; and one after large commits back to back
 * without a turn between (an import's loop), which give the thread no chance (the WAL grew with the import).
 */
function checkpointsItself(events: number, state: ClientState): boolean {
  if (state.pending >= MAX_PENDING_EVENTS) {
    state.pending = 0;
    return true;
  }
  return events < LARGE_COMMIT_EVENTS || state.fallenBack || state.closed;
}

export function backgroundCheckpoints(db: Database.Database, path: string, quietMs = QUIET_MS): BackgroundCheckpoints {
  const store = (shared.next += 1);
  const state = { fallenBack: false, closed: false, running: false, pending: 0, failures: 0, opened: false };
  let timer: NodeJS.Timeout | undefined;
  let idle: () => void = () => {};
  const settle = () => {
    state.running = false;
    idle();
  };
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    if (state.closed || state.fallenBack || state.running) return;
    state.running = true;
    state.pending = 0;
    state.opened = true;
    ask({ op: 'checkpoint', store, path });
  };
  let soon = false;
  const schedule = () => {
    if (state.running || state.closed || state.fallenBack || state.pending === 0) return;
    const now = state.pending >= CHECKPOINT_EVENTS;
    if (timer !== undefined && (soon || !now)) return;
    clearTimeout(timer);
    // Even when due, in a turn after the append's: its callers hear of their commit first.
    soon = now;
    timer = setTimeout(run, now ? 0 : quietMs);
    timer.unref();
  };
  shared.clients.set(store, clientOf(db, state, settle, schedule));
  return {
    commit(events, transaction) {
      if (checkpointsItself(events, state)) return transaction();
      db.pragma('wal_autocheckpoint = 0');
      try {
        return transaction();
      } finally {
        db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
        state.pending += events;
        schedule();
      }
    },
    async close() {
      state.closed = true;
      clearTimeout(timer);
      if (state.running) await new Promise<void>((resolve) => (idle = resolve));
      // Its connection there closed before the writer's: the last to close is the one that removes the WAL.
      if (shared.thread && state.opened && !state.fallenBack) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          state.running = true;
          ask({ op: 'close', store, path });
        });
      }
      shared.clients.delete(store);
    },
  };
}
