/**
 * The bench's store phases (1–4): bulk append, one-command appends, rebuild and restart, each measured
 * against a plain better-sqlite3 baseline over the same rows in the same run.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { PassRegister } from '../projections/pass-register-rows.js';
import { openProjectionEngine } from '../src/projections/engine.js';
import type { AnyProjection } from '../src/projections/projection.js';
import { PROJECTIONS } from '../src/projections/registry.js';
import type { AppendRequest, EventStore, ProjectionStateStore } from '../src/store/port.js';
import { EVENTS_TABLE_SQL } from '../src/store/sqlite/schema.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { firstRevision, type LogGenerator } from './bench-log.js';
import { fmt, gc, n2, rssMb, type Reporter } from './bench-report.js';

// ---------------------------------------------------------------------------------------------------------
// The raw baseline: better-sqlite3, the same schema and pragmas, a plain prepared INSERT

type RawRow = [position: number, id: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];

export function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(EVENTS_TABLE_SQL);
  return db;
}

type RawAppend = (requests: readonly AppendRequest[]) => void;

export function rawAppender(db: Database.Database): RawAppend {
  const insert = db.prepare('INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((requests: readonly AppendRequest[]) => {
    const recordedAt = new Date().toISOString();
    for (const request of requests) {
      let revision = firstRevision(request.expectedRevision);
      for (const event of request.events) {
        insert.run(event.id, request.streamId, revision, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
        revision += 1;
      }
    }
  });
  return (requests) => batch(requests);
}

/** Median time of an 8 KB write + fsync in `path`'s directory: what one synchronous=FULL commit waits for. */
export function fsyncMicros(path: string): number {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(8192, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 300; i += 1) {
      const t = performance.now();
      writeSync(fd, block, 0, block.length, i * block.length);
      fsyncSync(fd);
      times.push((performance.now() - t) * 1000);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

/** Times `work` into the total of one side. */
function timed(work: () => unknown): number {
  const t = performance.now();
  work();
  return performance.now() - t;
}

// ---------------------------------------------------------------------------------------------------------
// 1. bulk append

export interface BulkAppend {
  readonly appendEventsPerSec: number;
  readonly rawAppendEventsPerSec: number;
  readonly appendRatio: number;
}

export async function bulkAppend(report: Reporter, generator: LogGenerator, store: EventStore, rawAppend: RawAppend, total: number, batchSize: number): Promise<BulkAppend> {
  const { say } = report;
  report.phase(`bulk append: ${fmt(total)} events, appendBatch of ~${fmt(batchSize)} events = one transaction`);
  let storeMs = 0;
  let rawMs = 0;
  let batches = 0;
  let requests = 0;
  let nextReport = total / 10;
  while (generator.emitted < total) {
    const batch = generator.nextBatch(batchSize, total);
    batches += 1;
    requests += batch.length;
    // Alternate which goes first, so neither always runs right after the other's fsync.
    const storeFirst = batches % 2 === 1;
    if (!storeFirst) rawMs += timed(() => rawAppend(batch));
    const t0 = performance.now();
    await store.appendBatch(batch);
    storeMs += performance.now() - t0;
    if (storeFirst) rawMs += timed(() => rawAppend(batch));
    if (generator.emitted >= nextReport) {
      say(`  ${fmt(generator.emitted).padStart(11)} events  store ${fmt((generator.emitted * 1000) / storeMs).padStart(8)} ev/s  raw ${fmt((generator.emitted * 1000) / rawMs).padStart(8)} ev/s  maxRSS ${fmt(rssMb())} MB`);
      nextReport += total / 10;
    }
  }
  const appendEventsPerSec = (total * 1000) / storeMs;
  const rawAppendEventsPerSec = (total * 1000) / rawMs;
  const appendRatio = appendEventsPerSec / rawAppendEventsPerSec;
  say(`  ${fmt(generator.passes)} passes, ${fmt(requests)} append requests in ${fmt(batches)} batches`);
  say(`  store: ${fmt(storeMs)} ms, ${fmt(appendEventsPerSec)} events/s;  raw: ${fmt(rawMs)} ms, ${fmt(rawAppendEventsPerSec)} events/s`);
  report.check('appendRatio', n2.format(appendRatio), '≥ 0.70', appendRatio >= 0.7);
  return { appendEventsPerSec, rawAppendEventsPerSec, appendRatio };
}

// ---------------------------------------------------------------------------------------------------------
// 2. one-command appends

export interface OneCommandAppends {
  readonly commandEvents: number;
  readonly oneCommandAppendsPerSec: number;
  readonly rawOneCommandAppendsPerSec: number;
  readonly oneCommandRatio: number;
}

export async function oneCommandAppends(report: Reporter, generator: LogGenerator, store: EventStore, rawAppend: RawAppend, count: number, fsyncUs: number): Promise<OneCommandAppends> {
  const { say } = report;
  report.phase(`one-command appends: ${fmt(count)} × store.append(stream, 1–3 events, expectedRevision), one transaction each`);
  const commands: AppendRequest[] = [];
  for (let i = 0; i < count; i += 1) commands.push(generator.nextRequest(3));
  const commandEvents = commands.reduce((sum, c) => sum + c.events.length, 0);
  gc();
  // Interleaved like the bulk phase: store and raw take turns going first, each call timed on its own.
  let oneCommandMs = 0;
  let rawOneCommandMs = 0;
  for (const [i, command] of commands.entries()) {
    if (i % 2 === 1) rawOneCommandMs += timed(() => rawAppend([command]));
    const s0 = performance.now();
    await store.append(command.streamId, command.events, command.expectedRevision);
    oneCommandMs += performance.now() - s0;
    if (i % 2 === 0) rawOneCommandMs += timed(() => rawAppend([command]));
  }
  const oneCommandAppendsPerSec = (commands.length * 1000) / oneCommandMs;
  const rawOneCommandAppendsPerSec = (commands.length * 1000) / rawOneCommandMs;
  const oneCommandRatio = oneCommandAppendsPerSec / rawOneCommandAppendsPerSec;
  say(`  ${fmt(commandEvents)} events; store ${fmt(oneCommandMs)} ms = ${fmt(oneCommandAppendsPerSec)} appends/s (${n2.format((oneCommandMs * 1000) / commands.length)} µs each)`);
  say(`  raw ${fmt(rawOneCommandMs)} ms = ${fmt(rawOneCommandAppendsPerSec)} appends/s; ratio ${n2.format(oneCommandRatio)}`);
  say(`  this disk: write + fsync of 8 KB takes ${fmt(fsyncUs)} µs, an upper bound of ~${fmt(1e6 / fsyncUs)} durable commits/s before SQLite writes its WAL frames and checkpoints`);
  report.check('oneCommandAppendsPerSec', fmt(oneCommandAppendsPerSec), '≥ 5,000', oneCommandAppendsPerSec >= 5000);
  return { commandEvents, oneCommandAppendsPerSec, rawOneCommandAppendsPerSec, oneCommandRatio };
}

// ---------------------------------------------------------------------------------------------------------
// 3. rebuild

interface RawRead {
  readonly read: number;
  readonly ms: number;
  readonly counts: Map<string, number>;
  readonly eventsPerSec: number;
}

/**
 * The raw read: the plain one (every column, each event's data and metadata parsed) is the baseline; the
 * lean one reads only what the engine reads (no metadata), to be honest about how much of the ratio the
 * engine owes to skipping metadata.
 */
function rawRead(rawPath: string, lean: boolean): RawRead {
  gc();
  const started = performance.now();
  const db = openRaw(rawPath);
  const page = db
    .prepare(`SELECT position, id, stream_id, revision, type, data, ${lean ? "''" : 'metadata'}, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?`)
    .raw();
  const counts = new Map<string, number>();
  let read = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after, 2000) as RawRow[];
    for (const row of rows) {
      JSON.parse(row[5]);
      if (!lean) JSON.parse(row[6]);
      counts.set(row[4], (counts.get(row[4]) ?? 0) + 1);
    }
    read += rows.length;
    if (rows.length < 2000) break;
    after = (rows[rows.length - 1] as RawRow)[0];
  }
  const ms = performance.now() - started;
  db.close();
  return { read, ms, counts, eventsPerSec: (read * 1000) / ms };
}

/** Not a target: the store's own read path alone, to tell store overhead from the projections' work. */
async function storeReadAlone(report: Reporter, storePath: string, leanRaw: RawRead): Promise<void> {
  gc();
  const started = performance.now();
  const store = openSqliteStore(storePath);
  let read = 0;
  for await (const page of store.readAll({ metadata: false })) read += page.length;
  await store.close();
  const ms = performance.now() - started;
  report.say(`  store.readAll() alone, no projection: ${fmt(ms)} ms, ${fmt((read * 1000) / ms)} events/s (${n2.format((read * 1000) / ms / leanRaw.eventsPerSec)} of the lean raw reader, which reads the same columns)`);
}

interface SaveTiming {
  serializeMs: number;
  saveMs: number;
  saves: number;
}

/** The registry's projections, each wrapped only to time serialize, so the report can say where the time goes. */
function timedProjections(timing: SaveTiming): AnyProjection[] {
  return PROJECTIONS.map((p) => ({
    ...p,
    serialize: (state: unknown) => {
      const s0 = performance.now();
      const text = p.serialize(state);
      timing.serializeMs += performance.now() - s0;
      return text;
    },
  }));
}

/** The store's state store, wrapped only to time save. */
function timedStates(inner: ProjectionStateStore, timing: SaveTiming): ProjectionStateStore {
  return {
    load: (name) => inner.load(name),
    save: async (saved) => {
      const s0 = performance.now();
      await inner.save(saved);
      timing.saveMs += performance.now() - s0;
      timing.saves += 1;
    },
    close: () => inner.close(),
  };
}

export interface Rebuild {
  readonly events: number;
  readonly ms: number;
  readonly eventsPerSec: number;
  readonly ratio: number;
  readonly foldMs: number;
  readonly savedBytes: number;
  readonly plain: RawRead;
  readonly leanRaw: RawRead;
  readonly timing: SaveTiming;
}

export async function rebuildPhase(report: Reporter, storePath: string, rawPath: string, logEvents: number): Promise<Rebuild> {
  const { say } = report;
  report.phase(`rebuild: ${fmt(logEvents)} events, every projection from position 0 (${PROJECTIONS.map((p) => p.name).join(', ')})`);
  // The raw read runs first, on a small heap, so the projection's state cannot slow its GC.
  const plain = rawRead(rawPath, false);
  const leanRaw = rawRead(rawPath, true);
  say(`  raw: ${fmt(plain.read)} rows (paged .raw().all() by position, 2,000 a page) + JSON.parse of data and metadata + count per type: ${fmt(plain.ms)} ms, ${fmt(plain.eventsPerSec)} events/s`);
  say(`  lean raw (not a target: no metadata column, data parsed only): ${fmt(leanRaw.ms)} ms, ${fmt(leanRaw.eventsPerSec)} events/s`);
  say(`  types: ${[...plain.counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  await storeReadAlone(report, storePath, leanRaw);
  const timing: SaveTiming = { serializeMs: 0, saveMs: 0, saves: 0 };
  const rebuilt = await engineRebuild(report, storePath, plain, leanRaw, timing);
  return { ...rebuilt, plain, leanRaw, timing };
}

async function engineRebuild(report: Reporter, storePath: string, plain: RawRead, leanRaw: RawRead, timing: SaveTiming) {
  const { say } = report;
  gc();
  const projections = timedProjections(timing);
  let t = performance.now();
  const store = openSqliteStore(storePath);
  const engine = await openProjectionEngine(store, timedStates(store.projectionStates, timing), projections);
  const openMs = performance.now() - t;
  t = performance.now();
  const rebuilt = await engine.rebuild();
  const ms = performance.now() - t;
  const eventsPerSec = (rebuilt.events * 1000) / ms;
  const ratio = eventsPerSec / plain.eventsPerSec;
  const foldMs = ms - timing.serializeMs - timing.saveMs;
  say(`  engine: open ${fmt(openMs)} ms, rebuild ${fmt(rebuilt.events)} events to position ${fmt(rebuilt.position)} in ${fmt(ms)} ms, ${fmt(eventsPerSec)} events/s`);
  say(`    = read + fold ${fmt(foldMs)} ms (${fmt((rebuilt.events * 1000) / foldMs)} events/s) + serialize ${fmt(timing.serializeMs)} ms + save ${fmt(timing.saveMs)} ms (${timing.saves} save${timing.saves === 1 ? '' : 's'})`);
  const register = engine.state(projections[0] as AnyProjection) as PassRegister;
  const ok = register.passes.count === (plain.counts.get('PassRecorded') ?? 0) && register.encounters.count === (plain.counts.get('PersonEncountered') ?? 0);
  say(`  state: ${fmt(register.passes.count)} passes, ${fmt(register.encounters.count)} encounters — ${ok ? 'matches' : 'DOES NOT MATCH'} the raw count`);
  let bytes = 0;
  for (const p of PROJECTIONS) bytes += (await store.projectionStates.load(p.name))?.state.length ?? 0;
  say(`  saved state: ${fmt(bytes / 1048576)} MB; maxRSS so far ${fmt(rssMb())} MB`);
  report.check('rebuildRatio', n2.format(ratio), '≥ 0.70', ratio >= 0.7);
  say(`  (against the lean raw reader, not a target: ${n2.format(eventsPerSec / leanRaw.eventsPerSec)})`);
  await engine.close();
  await store.close();
  return { events: rebuilt.events, ms, eventsPerSec, ratio, foldMs, savedBytes: bytes };
}

// ---------------------------------------------------------------------------------------------------------
// 4. restart

/** Opens the store and engine on the checkpoint the rebuild saved and catches up with nothing new; answers the ms. */
export async function restartPhase(report: Reporter, storePath: string): Promise<number> {
  report.phase('restart: open the store, load the saved state, catch up with nothing new');
  gc();
  const restarted = performance.now();
  const store = openSqliteStore(storePath);
  const opened = performance.now();
  const engine = await openProjectionEngine(store, store.projectionStates, PROJECTIONS);
  const loaded = performance.now();
  const caughtUp = await engine.catchUp();
  const restartMs = performance.now() - restarted;
  report.say(`  open ${fmt(opened - restarted)} ms + load state ${fmt(loaded - opened)} ms + catch-up ${fmt(caughtUp.ms)} ms (${fmt(caughtUp.events)} new events, position ${fmt(caughtUp.position)}) = ${fmt(restartMs)} ms`);
  report.check('restartMs', fmt(restartMs), '< 1,000', restartMs < 1000);
  await engine.close();
  await store.close();
  return restartMs;
}
