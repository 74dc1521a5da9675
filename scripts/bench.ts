/**
 * `npm run bench [-- --events 1000000 --json]`: how fast samlogg's embedded store and projection engine are,
 * measured against a plain better-sqlite3 baseline over the same rows in the same run.
 *
 * Phases:
 *   1. bulk append — a realistic log of N pass events through `store.appendBatch` (one transaction per batch,
 *      synchronous=FULL), and the same rows into a raw SQLite file with the same schema and pragmas;
 *   2. one-command appends — single-stream `store.append` calls of 1–3 events, one transaction each (before the
 *      rebuild, so that the rebuild's checkpoint is the head and the restart finds nothing new);
 *   3. rebuild — every projection from position 0 (state persisted at the end) vs. a plain paged read +
 *      JSON.parse + count per type;
 *   4. restart — reopen store and engine on the checkpoint the rebuild saved and catch up with nothing new;
 *   5. query latency — the real server (createApp, listening on 127.0.0.1) over the same store answers
 *      `steeringFigures` and a two-dimension `statistics` query, each under autocannon load (--connections
 *      connections for --load-seconds s). autocannon runs in a child process, so it has its own event loop,
 *      but it shares the machine's cores with the server. Every request is the same query: cached answers;
 *   6. uncached — every request a different question (period 30–730 days, seeded; figures and statistics in
 *      1, 2 and 3 dimensions and filtered): the projection function, the same questions on DuckDB (one
 *      thread) and SQL GROUP BY over a covering-indexed SQLite read model built from the same register,
 *      every answer compared; sequential HTTP; autocannon at 20 and 100 connections while /healthz is polled;
 *   7. as-of report — tertialReport as the log stood halfway, cold and then from a snapshot;
 *   8. mutations — recordPass over GraphQL from 1, 10 and 50 clients (group commit), beside raw
 *      better-sqlite3 single-row and 50-row commits on the same disk.
 * The longest event-loop block (perf_hooks.monitorEventLoopDelay) is reported for each server phase (5–8).
 *
 * Figures only: a missed target is reported as MISS, never as a non-zero exit. The last line of output is
 * one JSON object with every figure.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { createApp } from '../src/api/app.js';
import { loadOrCreateDevSigningKey } from '../src/auth/dev-signing-key.js';
import { devTokenIssuer, devVerifier } from '../src/auth/token-verifier.js';
import { passRegister } from '../projections/pass-register.js';
import type { PassRegister } from '../projections/pass-register-rows.js';
import { statistics } from '../queries/statistics.js';
import { steeringFigures } from '../queries/steering-figures.js';
import { resolvePeriod } from '../src/domain/period.js';
import { openProjectionEngine } from '../src/projections/engine.js';
import type { AnyProjection } from '../src/projections/projection.js';
import { PROJECTIONS } from '../src/projections/registry.js';
import type { AppendRequest, EventStore, ProjectionStateStore } from '../src/store/port.js';
import { EVENTS_TABLE_SQL } from '../src/store/sqlite/schema.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { openDataKeys } from '../src/store/data-keys.js';
import { firstRevision, LogGenerator } from './bench-log.js';
import { autocannonInChild, compareEngines, graphqlBody, healthzDuring, LoopBlocks, percentile, questions, rawCommits, runVariedLoad, SHAPES, type EngineComparison, type Question, type Shape, type VariedLoadResult } from './bench-uncached.js';
import { groupCommitterFor } from '../src/application/group-commit.js';
import { uncachedFunctionsOnly } from './bench-uncached-functions.js';

// ---------------------------------------------------------------------------------------------------------
// Options

function positiveInt(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

const program = new Command('bench')
  .description('Measure samlogg’s SQLite store and projection engine against a raw better-sqlite3 baseline.')
  .option('--events <n>', 'events in the generated log', positiveInt, 1_000_000)
  .option('--batch-size <n>', 'events per appendBatch call (one transaction)', positiveInt, 1000)
  .option('--commands <n>', 'one-command appends (one transaction each)', positiveInt, 5000)
  .option('--seed <n>', 'seed of the log generator', positiveInt, 20240601)
  .option('--dir <path>', 'parent directory of the work directory (default: the OS temp dir)')
  .option('--connections <n>', 'query latency: concurrent autocannon connections', positiveInt, 100)
  .option('--load-seconds <n>', 'query latency: seconds of load per query', positiveInt, 10)
  .option('--uncached-questions <n>', 'uncached: different questions per shape for the projection function, DuckDB, SQLite and sequential HTTP', positiveInt, 60)
  .option('--uncached-load-seconds <n>', 'uncached: seconds of load per shape and connection count', positiveInt, 3)
  .option('--mutation-seconds <n>', 'mutations: seconds of load per client count', positiveInt, 3)
  .option('--only-uncached-functions', 'only the uncached projection functions against DuckDB and SQLite, the log folded in memory (no store, no server)', false)
  .option('--keep', 'keep the work directory (its path is printed)', false)
  .option('--json', 'print only the JSON result on stdout; progress goes to stderr', false)
  .parse();

const opts = program.opts<{
  events: number;
  batchSize: number;
  commands: number;
  seed: number;
  dir?: string;
  connections: number;
  loadSeconds: number;
  uncachedQuestions: number;
  uncachedLoadSeconds: number;
  mutationSeconds: number;
  onlyUncachedFunctions: boolean;
  keep: boolean;
  json: boolean;
}>();

const say = (line = ''): void => {
  if (opts.json) process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const fmt = (n: number): string => nf.format(n);
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
const rssMb = (): number => process.resourceUsage().maxRSS / 1024;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

// ---------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------
// The raw baseline: better-sqlite3, the same schema and pragmas, a plain prepared INSERT

type RawRow = [position: number, id: string, streamId: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];

function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(EVENTS_TABLE_SQL);
  return db;
}

function rawAppender(db: Database.Database): (requests: readonly AppendRequest[]) => void {
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
function fsyncMicros(path: string): number {
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

// ---------------------------------------------------------------------------------------------------------
// Query latency

const FIGURES_QUERY =
  '{ steeringFigures(from: "2021-04-01", to: "2026-12-31") { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } }';
const STATISTICS_QUERY =
  '{ statistics(filter: { tertial: "2022-T2" }, groupBy: [UNIT, AGE_BAND]) { rows { key { dimension value } passes encounters } total { passes encounters } } }';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

/** One POST; refuses (throws) anything but HTTP 200 with data and no `errors`. Answers the data and the round trip. */
/** The bench signs in as the beredningsgrupp, who may run both measured queries. */
let benchAuthorization = '';

async function graphqlOnce(url: string, body: string, name: string): Promise<{ data: Record<string, unknown>; ms: number }> {
  const t = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: benchAuthorization }, body });
  const text = await response.text();
  const ms = performance.now() - t;
  let parsed: GraphQLResponse;
  try {
    parsed = JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new Error(`${name}: HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
  }
  if (response.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(`${name}: HTTP ${response.status}, the query failed — nothing to measure: ${text.slice(0, 1000)}`);
  }
  return { data: parsed.data, ms };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** The fields of autocannon's result this bench reads (latencies in ms, as autocannon records them: whole ms). */
interface LoadResult {
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly latency: { readonly average: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly requests: { readonly average: number; readonly total: number; readonly sent: number };
}

/**
 * autocannon's programmatic API, run in a child Node process so the load generator has its own event
 * loop (it still shares the machine's cores with the server). The child prints autocannon's result as JSON.
 */
const LOAD_CHILD = `
const { default: autocannon } = await import(process.env.SAMLOGG_BENCH_AUTOCANNON);
const result = await autocannon(JSON.parse(process.env.SAMLOGG_BENCH_LOAD));
process.stdout.write(JSON.stringify(result));
`;

function runLoad(url: string, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const options = { url, method: 'POST', headers: { 'content-type': 'application/json', authorization: benchAuthorization }, body, connections, duration: seconds, pipelining: 1 };
  return autocannonInChild<LoadResult>(LOAD_CHILD, options);
}

function readAutocannonVersion(): string {
  try {
    const path = new URL('package.json', import.meta.resolve('autocannon'));
    return `v${(JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version}`;
  } catch {
    return '(version unknown)';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reporting

interface Check {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean;
}
const checks: Check[] = [];
function check(name: string, value: string, target: string, pass: boolean): void {
  checks.push({ name, value, target, pass });
  say(`  ${pass ? 'PASS' : 'MISS'}  ${name} ${value} (target ${target})`);
}

function phase(title: string): void {
  say('');
  say(`== ${title}`);
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (opts.onlyUncachedFunctions) {
    say(`samlogg bench, uncached projection functions only — ${fmt(opts.events)} events, seed ${opts.seed}, ${opts.uncachedQuestions} questions per shape, node ${process.version}`);
    process.stdout.write(`${JSON.stringify(await uncachedFunctionsOnly(opts, say))}\n`);
    return;
  }
  const parent = opts.dir ? resolve(opts.dir) : tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'samlogg-bench-'));
  const storePath = join(dir, 'samlogg.db');
  const rawPath = join(dir, 'raw.db');
  const { events: total, batchSize } = opts;

  say(`samlogg bench — ${fmt(total)} events, batches of ${fmt(batchSize)}, ${fmt(opts.commands)} one-command appends, seed ${opts.seed}`);
  const memory = new Database(':memory:');
  say(`node ${process.version}, SQLite ${memory.prepare('SELECT sqlite_version()').pluck().get() as string}, work dir ${dir}`);
  memory.close();
  say('both files: WAL, synchronous=FULL, the same schema (EVENTS_TABLE_SQL); event ids are random UUIDv4 (crypto.randomUUID),');
  say('everything else comes from a seeded PRNG. Store and raw batches alternate, each timed on its own; generation is not timed.');

  try {
    const fsyncUs = fsyncMicros(join(dir, 'fsync.probe'));
    say(`disk: write + fsync of 8 KB takes ${fmt(fsyncUs)} µs (median of 300) — the floor of one durable commit`);

    // -- 1. bulk append -----------------------------------------------------------------------------------
    phase(`bulk append: ${fmt(total)} events, appendBatch of ~${fmt(batchSize)} events = one transaction`);
    const generator = new LogGenerator(opts.seed, total);
    let store = openSqliteStore(storePath);
    let raw = openRaw(rawPath);
    let rawAppend = rawAppender(raw);
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
      if (!storeFirst) {
        const t = performance.now();
        rawAppend(batch);
        rawMs += performance.now() - t;
      }
      const t0 = performance.now();
      await store.appendBatch(batch);
      storeMs += performance.now() - t0;
      if (storeFirst) {
        const t = performance.now();
        rawAppend(batch);
        rawMs += performance.now() - t;
      }
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
    check('appendRatio', n2.format(appendRatio), '≥ 0.70', appendRatio >= 0.7);

    // -- 2. one-command appends ---------------------------------------------------------------------------
    phase(`one-command appends: ${fmt(opts.commands)} × store.append(stream, 1–3 events, expectedRevision), one transaction each`);
    const commands: AppendRequest[] = [];
    for (let i = 0; i < opts.commands; i += 1) commands.push(generator.nextRequest(3));
    const commandEvents = commands.reduce((sum, c) => sum + c.events.length, 0);
    gc();
    // Interleaved like the bulk phase: store and raw take turns going first, each call timed on its own.
    let oneCommandMs = 0;
    let rawOneCommandMs = 0;
    for (const [i, command] of commands.entries()) {
      if (i % 2 === 1) {
        const r = performance.now();
        rawAppend([command]);
        rawOneCommandMs += performance.now() - r;
      }
      const s0 = performance.now();
      await store.append(command.streamId, command.events, command.expectedRevision);
      oneCommandMs += performance.now() - s0;
      if (i % 2 === 0) {
        const r = performance.now();
        rawAppend([command]);
        rawOneCommandMs += performance.now() - r;
      }
    }
    const oneCommandAppendsPerSec = (commands.length * 1000) / oneCommandMs;
    const rawOneCommandAppendsPerSec = (commands.length * 1000) / rawOneCommandMs;
    const oneCommandRatio = oneCommandAppendsPerSec / rawOneCommandAppendsPerSec;
    say(`  ${fmt(commandEvents)} events; store ${fmt(oneCommandMs)} ms = ${fmt(oneCommandAppendsPerSec)} appends/s (${n2.format((oneCommandMs * 1000) / commands.length)} µs each)`);
    say(`  raw ${fmt(rawOneCommandMs)} ms = ${fmt(rawOneCommandAppendsPerSec)} appends/s; ratio ${n2.format(oneCommandRatio)}`);
    say(`  this disk: write + fsync of 8 KB takes ${fmt(fsyncUs)} µs, an upper bound of ~${fmt(1e6 / fsyncUs)} durable commits/s before SQLite writes its WAL frames and checkpoints`);
    check('oneCommandAppendsPerSec', fmt(oneCommandAppendsPerSec), '≥ 5,000', oneCommandAppendsPerSec >= 5000);
    commands.length = 0;

    await store.close();
    raw.close();
    const logEvents = total + commandEvents;
    const storeBytes = statSync(storePath).size;
    const rawBytes = statSync(rawPath).size;
    say(`  files: store ${fmt(storeBytes / 1048576)} MB, raw ${fmt(rawBytes / 1048576)} MB (after checkpoint on close)`);

    // -- 3. rebuild ---------------------------------------------------------------------------------------
    phase(`rebuild: ${fmt(logEvents)} events, every projection from position 0 (${PROJECTIONS.map((p) => p.name).join(', ')})`);
    // The raw read runs first, on a small heap, so the projection's state cannot slow its GC. Two raw
    // readers: the plain one (every column, each event's data and metadata parsed) is the baseline; the
    // lean one reads only what the engine reads (no metadata) and is printed beside it, to be honest
    // about how much of the ratio the engine owes to skipping metadata.
    const rawRead = (lean: boolean) => {
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
    };
    const plain = rawRead(false);
    const leanRaw = rawRead(true);
    const counts = plain.counts;
    const rawRebuildEventsPerSec = plain.eventsPerSec;
    const rawRebuildMs = plain.ms;
    say(`  raw: ${fmt(plain.read)} rows (paged .raw().all() by position, 2,000 a page) + JSON.parse of data and metadata + count per type: ${fmt(rawRebuildMs)} ms, ${fmt(rawRebuildEventsPerSec)} events/s`);
    say(`  lean raw (not a target: no metadata column, data parsed only): ${fmt(leanRaw.ms)} ms, ${fmt(leanRaw.eventsPerSec)} events/s`);
    say(`  types: ${[...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);

    // Not a target: the store's own read path alone, to tell store overhead from the projections' work.
    {
      gc();
      const started = performance.now();
      const store = openSqliteStore(storePath);
      let read = 0;
      for await (const page of store.readAll({ metadata: false })) read += page.length;
      await store.close();
      const ms = performance.now() - started;
      say(`  store.readAll() alone, no projection: ${fmt(ms)} ms, ${fmt((read * 1000) / ms)} events/s (${n2.format((read * 1000) / ms / leanRaw.eventsPerSec)} of the lean raw reader, which reads the same columns)`);
    }

    // The engine gets the registry's projections and the store's state store, each wrapped only to time
    // serialize and save, so the report can say where the time goes.
    const timing = { serializeMs: 0, saveMs: 0, saves: 0 };
    const timedProjections: AnyProjection[] = PROJECTIONS.map((p) => ({
      ...p,
      serialize: (state: unknown) => {
        const s0 = performance.now();
        const text = p.serialize(state);
        timing.serializeMs += performance.now() - s0;
        return text;
      },
    }));
    const timedStates = (inner: ProjectionStateStore): ProjectionStateStore => ({
      load: (name) => inner.load(name),
      save: async (saved) => {
        const s0 = performance.now();
        await inner.save(saved);
        timing.saveMs += performance.now() - s0;
        timing.saves += 1;
      },
      close: () => inner.close(),
    });

    const rebuild = async () => {
      gc();
      let t = performance.now();
      const store = openSqliteStore(storePath);
      const engine = await openProjectionEngine(store, timedStates(store.projectionStates), timedProjections);
      const openMs = performance.now() - t;
      t = performance.now();
      const report = await engine.rebuild();
      const ms = performance.now() - t;
      const eventsPerSec = (report.events * 1000) / ms;
      const ratio = eventsPerSec / rawRebuildEventsPerSec;
      const foldMs = ms - timing.serializeMs - timing.saveMs;
      say(`  engine: open ${fmt(openMs)} ms, rebuild ${fmt(report.events)} events to position ${fmt(report.position)} in ${fmt(ms)} ms, ${fmt(eventsPerSec)} events/s`);
      say(`    = read + fold ${fmt(foldMs)} ms (${fmt((report.events * 1000) / foldMs)} events/s) + serialize ${fmt(timing.serializeMs)} ms + save ${fmt(timing.saveMs)} ms (${timing.saves} save${timing.saves === 1 ? '' : 's'})`);
      const register = engine.state(timedProjections[0] as AnyProjection) as PassRegister;
      const ok = register.passes.count === (counts.get('PassRecorded') ?? 0) && register.encounters.count === (counts.get('PersonEncountered') ?? 0);
      say(`  state: ${fmt(register.passes.count)} passes, ${fmt(register.encounters.count)} encounters — ${ok ? 'matches' : 'DOES NOT MATCH'} the raw count`);
      let bytes = 0;
      for (const p of PROJECTIONS) bytes += (await store.projectionStates.load(p.name))?.state.length ?? 0;
      say(`  saved state: ${fmt(bytes / 1048576)} MB; maxRSS so far ${fmt(rssMb())} MB`);
      check('rebuildRatio', n2.format(ratio), '≥ 0.70', ratio >= 0.7);
      say(`  (against the lean raw reader, not a target: ${n2.format(eventsPerSec / leanRaw.eventsPerSec)})`);
      await engine.close();
      await store.close();
      return { events: report.events, ms, eventsPerSec, ratio, foldMs, savedBytes: bytes };
    };
    const rebuilt = await rebuild();

    // -- 4. restart ---------------------------------------------------------------------------------------
    phase('restart: open the store, load the saved state, catch up with nothing new');
    gc();
    const restarted = performance.now();
    const store2 = openSqliteStore(storePath);
    const opened = performance.now();
    const engine = await openProjectionEngine(store2, store2.projectionStates, PROJECTIONS);
    const loaded = performance.now();
    const caughtUp = await engine.catchUp();
    const restartMs = performance.now() - restarted;
    say(`  open ${fmt(opened - restarted)} ms + load state ${fmt(loaded - opened)} ms + catch-up ${fmt(caughtUp.ms)} ms (${fmt(caughtUp.events)} new events, position ${fmt(caughtUp.position)}) = ${fmt(restartMs)} ms`);
    check('restartMs', fmt(restartMs), '< 1,000', restartMs < 1000);
    await engine.close();
    await store2.close();
    // The store and projection engine's peak (phases 1–4), as before the query phase was added.
    const peakRssMb = rssMb();

    // -- 5. query latency ---------------------------------------------------------------------------------
    const { connections, loadSeconds } = opts;
    phase(`query latency: the real server over this store, autocannon ${fmt(connections)} connections × ${fmt(loadSeconds)} s per query`);
    say(`  server: createApp (Express + Apollo behind the cached-answer front door, pino silent) in this process, listening on 127.0.0.1;`);
    say(`  signed in as beredningsgrupp (a development token); load: autocannon ${readAutocannonVersion()}`);
    say('  Every request of a run is the same query, so after the first the answer comes from the cache kept for the');
    say('  current log position. "The projection function alone" below is the work of an uncached answer; "cache hits" counts');
    say('  the answers served from the cache during a load.');
    say(`  (programmatic API) in a child Node process, POST application/json to /graphql, pipelining 1, no rate limit.`);
    say(`  The child has its own event loop but shares this machine's ${availableParallelism()} core(s) (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`);
    say('  with the server, so load generation takes CPU the server would otherwise have; latencies are measured by autocannon');
    say('  (whole milliseconds, 2xx responses), round trip from its side of the loopback socket.');
    gc();
    const store3 = openSqliteStore(storePath);
    // Counts the server's reads of the raw log: the queries must answer from the projections in memory.
    const reads = { readAll: 0, readStream: 0 };
    const countedStore: EventStore = {
      kind: store3.kind,
      atomicBatches: store3.atomicBatches,
      append: (streamId, events, expectedRevision) => store3.append(streamId, events, expectedRevision),
      appendBatch: (requests) => store3.appendBatch(requests),
      readStream: (streamId) => {
        reads.readStream += 1;
        return store3.readStream(streamId);
      },
      readAll: (options) => {
        reads.readAll += 1;
        return store3.readAll(options);
      },
      headPosition: () => store3.headPosition(),
      subscribeToAll: (options) => store3.subscribeToAll(options),
      close: () => store3.close(),
    };
    const started = performance.now();
    const key = await loadOrCreateDevSigningKey(join(dir, 'dev-signing-key.json'));
    benchAuthorization = `Bearer ${await devTokenIssuer(key).issue({ role: 'beredningsgrupp', org: 'BENCH' })}`;
    const samlogg = await createApp({
      store: countedStore,
      projectionStates: store3.projectionStates,
      dataKeys: openDataKeys(join(dir, 'samlogg.keys')),
      log: pino({ level: 'silent' }),
      signIn: { verifier: devVerifier(key) },
      // All the load comes from one address: the failed-sign-in limit counts requests in flight until they succeed.
      failedSignInLimit: 1_000_000,
    });
    const server: Server = await samlogg.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const head = await store3.headPosition();
    say(`  server up in ${fmt(performance.now() - started)} ms (projections loaded from the saved state, position ${fmt(samlogg.engine.position)} of head ${fmt(head)}); ${url}`);
    const queries = [
      { name: 'steeringFigures', key: 'figures', body: JSON.stringify({ query: FIGURES_QUERY }) },
      { name: 'statistics', key: 'statistics', body: JSON.stringify({ query: STATISTICS_QUERY }) },
    ] as const;
    const unloadedMs = new Map<string, number>();
    const loops = new LoopBlocks();
    loops.start();
    let comparison: EngineComparison | undefined;
    const uncachedHttp = new Map<Shape, { p50: number; p99: number }>();
    const uncachedLoads = new Map<string, { result: VariedLoadResult; healthzMaxMs: number; healthzFailures: number; hits: number }>();
    let uncachedCacheHits = 0;
    let uncachedSeconds = 0;
    let asOfReportMs = 0;
    let asOfReportWarmMs = 0;
    let rawCommitsPerSec = 0;
    let raw50RowCommitRowsPerSec = 0;
    const mutations = new Map<number, { perSec: number; perCommit: number; p99: number; failures: number }>();
    const underLoad = new Map<string, { load: LoadResult; readsDuringLoad: number }>();
    try {
      // One request of each first: a query that fails has no latency worth reporting.
      const figures = (await graphqlOnce(url, queries[0].body, 'steeringFigures')).data.steeringFigures as Record<string, number>;
      say(`  steeringFigures 2021-04-01..2026-12-31: ${Object.entries(figures).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
      const stats = (await graphqlOnce(url, queries[1].body, 'statistics')).data.statistics as { rows: unknown[]; total: { passes: number; encounters: number } };
      say(`  statistics 2022-T2 by UNIT × AGE_BAND: ${fmt(stats.rows.length)} rows, total ${fmt(stats.total.passes)} passes, ${fmt(stats.total.encounters)} encounters`);
      if (stats.rows.length === 0 || figures.jointPasses === 0) throw new Error('the queries answered, but with nothing counted: the server does not see the generated log');

      // Not a target: unloaded, one request at a time (fetch from this process), after 5 unmeasured ones;
      // and the projection function alone on the server's state, to tell its work from HTTP + GraphQL's.
      const register = samlogg.engine.state(passRegister);
      const figuresPeriod = resolvePeriod({ from: '2021-04-01', to: '2026-12-31' }, new Date());
      const statisticsPeriod = resolvePeriod({ tertial: '2022-T2' }, new Date());
      if (!figuresPeriod.ok || !statisticsPeriod.ok) throw new Error('the bench’s periods do not resolve');
      const direct = {
        steeringFigures: () => steeringFigures(register, figuresPeriod.period),
        statistics: () => statistics(register, { from: statisticsPeriod.period.from, to: statisticsPeriod.period.to, groupBy: ['UNIT', 'AGE_BAND'] }),
      };
      for (const q of queries) {
        for (let i = 0; i < 5; i += 1) await graphqlOnce(url, q.body, q.name);
        const times: number[] = [];
        for (let i = 0; i < 25; i += 1) times.push((await graphqlOnce(url, q.body, q.name)).ms);
        const fn = direct[q.name];
        const fnTimes: number[] = [];
        for (let i = 0; i < 25; i += 1) {
          const t = performance.now();
          fn();
          fnTimes.push(performance.now() - t);
        }
        say(`  ${q.name} unloaded (not a target): median ${n2.format(median(times))} ms, min ${n2.format(Math.min(...times))} ms over 25 sequential requests; the projection function alone: median ${n2.format(median(fnTimes))} ms`);
        unloadedMs.set(q.name, median(times));
      }

      for (const q of queries) {
        gc();
        const before = reads.readAll + reads.readStream;
        const hitsBefore = samlogg.answers.hits;
        const load = await runLoad(url, q.body, connections, loadSeconds);
        const hits = samlogg.answers.hits - hitsBefore;
        const readsDuringLoad = reads.readAll + reads.readStream - before;
        const failures = load.errors + load.non2xx;
        underLoad.set(q.name, { load, readsDuringLoad });
        say(`  ${q.name} under load: ${fmt(load.requests.total)} answered (${fmt(load.requests.sent)} sent) in ${n2.format(load.duration)} s = ${fmt(load.requests.average)} requests/s`);
        say(`    latency p50 ${fmt(load.latency.p50)} ms, p90 ${fmt(load.latency.p90)} ms, p99 ${fmt(load.latency.p99)} ms, max ${fmt(load.latency.max)} ms, mean ${n2.format(load.latency.average)} ms`);
        say(`    (closed loop: ${fmt(connections)} connections, each sending its next request when the last is answered; connections ÷ requests/s = ${n2.format((connections * 1000) / load.requests.average)} ms,`);
        say(`    so a p99 under 20 ms at ${fmt(connections)} connections needs the server to answer more than ${fmt((connections * 1000) / 20)} requests/s)`);
        say(`    errors ${fmt(load.errors)} (timeouts ${fmt(load.timeouts)}), non-2xx ${fmt(load.non2xx)}; server reads of the raw log during the load: ${fmt(readsDuringLoad)}; cache hits ${fmt(hits)}`);
        check(`${q.key}P99Ms`, `${fmt(load.latency.p99)} ms${failures > 0 ? `, ${fmt(failures)} failed requests` : ''}`, '< 20 ms, none failed', load.latency.p99 < 20 && failures === 0);
      }
      // Still right after the load?
      await graphqlOnce(url, queries[0].body, 'steeringFigures');
      await graphqlOnce(url, queries[1].body, 'statistics');
      loops.stop('cached');

      // -- 6. uncached: a different question per request ------------------------------------------------
      phase(`uncached: every request a different question (period 30–730 days, seeded), ${opts.uncachedQuestions} per shape; DuckDB and SQLite on the same rows`);
      const uncachedStarted = performance.now();
      const hitsAtStart = samlogg.answers.hits;
      const used = new Set<string>();
      const byShape = new Map<Shape, Question[]>(SHAPES.map((shape, i) => [shape, questions(opts.seed + 100 + i, shape, opts.uncachedQuestions, used)]));
      // Not watched for event-loop blocks: building the read models and timing the engines is the bench's own synchronous work.
      comparison = await compareEngines(samlogg.engine.state(passRegister), dir, byShape, say);
      // The read models' garbage is the bench's, not the server's: collect it before the server is measured again.
      gc();
      loops.start();
      // Sequential HTTP: new questions again, so none is answered from the cache.
      for (const [i, shape] of SHAPES.entries()) {
        const times: number[] = [];
        for (const q of questions(opts.seed + 200 + i, shape, opts.uncachedQuestions, used)) times.push((await graphqlOnce(url, graphqlBody(q), shape)).ms);
        uncachedHttp.set(shape, { p50: median(times), p99: percentile(times, 0.99) });
        say(`  ${shape} sequential HTTP: p50 ${n2.format(median(times))} ms, p99 ${n2.format(percentile(times, 0.99))} ms over ${times.length} different questions`);
      }
      for (const connections of [20, 100]) {
        for (const [i, shape] of SHAPES.entries()) {
          // More different questions than the load can send, so autocannon never repeats one.
          const bodies = questions(opts.seed + 300 + connections + i, shape, 4000, used).map(graphqlBody);
          const hitsBefore = samlogg.answers.hits;
          const run = await healthzDuring(url.replace('/graphql', '/healthz'), () => runVariedLoad(url, benchAuthorization, bodies, join(dir, 'bodies.json'), connections, opts.uncachedLoadSeconds));
          uncachedLoads.set(`${shape}@${connections}`, { ...run, hits: samlogg.answers.hits - hitsBefore });
          // The load generator stops at its deadline, the server may still hold requests: let it finish them before the next run.
          await graphqlOnce(url, graphqlBody((questions(opts.seed + 900 + connections + i, shape, 1, used)[0]) as Question), shape);
          say(`  ${shape} at ${connections} connections: ${fmt(run.result.requests.average)} req/s, p50 ${fmt(run.result.latency.p50)} ms, p99 ${fmt(run.result.latency.p99)} ms, errors/resets ${fmt(run.result.errors + run.result.non2xx)}; /healthz slowest ${fmt(run.healthzMaxMs)} ms${run.healthzFailures ? `, ${run.healthzFailures} failed` : ''}`);
          if (run.result.requests.total > bodies.length) say(`    (sent more requests than questions: some were repeats)`);
        }
      }
      loops.stop('uncached-http');
      uncachedCacheHits = samlogg.answers.hits - hitsAtStart;
      uncachedSeconds = (performance.now() - uncachedStarted) / 1000;
      say(`  cache hits during the uncached phase: ${fmt(uncachedCacheHits)}; the phase took ${n2.format(uncachedSeconds)} s`);
      check('uncachedStatistics2dFnP50Ms', `${n2.format(comparison.fnP50Ms.statistics2d as number)} ms`, '≤ 10 ms at 1M events', (comparison.fnP50Ms.statistics2d as number) <= 10);

      // -- 7. as of an instant: the report as presented then --------------------------------------------
      phase('as-of report: tertialReport as the log stood when half of it was recorded (cold, then warm from snapshots)');
      loops.start();
      const middle = Math.floor(head / 2);
      let asOfInstant = '';
      for await (const page of store3.readAll({ after: middle - 1, pageSize: 1, metadata: false })) {
        asOfInstant = page[0]?.recordedAt ?? '';
        break;
      }
      const reportBody = (asOf: string) => JSON.stringify({ query: `{ tertialReport(tertial: "2022-T2", asOf: "${asOf}") { summary { current { jointPasses } } changedSince { measure then now } } }` });
      asOfReportMs = (await graphqlOnce(url, reportBody(asOfInstant), 'tertialReport')).ms;
      const later = new Date(Date.parse(asOfInstant) + 1).toISOString();
      asOfReportWarmMs = (await graphqlOnce(url, reportBody(later), 'tertialReport')).ms;
      loops.stop('as-of');
      say(`  as of ${asOfInstant} (position ${fmt(middle)} of ${fmt(head)}): ${fmt(asOfReportMs)} ms cold, ${fmt(asOfReportWarmMs)} ms for another instant (from a snapshot)`);

      // -- 8. mutations: recordPass from 1, 10 and 50 clients, group commit ----------------------------------
      phase(`mutations: recordPass over GraphQL from 1, 10 and 50 clients, ${opts.mutationSeconds} s each; raw better-sqlite3 commits on the same disk`);
      const raw = rawCommits(join(dir, 'raw-commits.db'));
      rawCommitsPerSec = raw.commitsPerSec;
      raw50RowCommitRowsPerSec = raw.rows50PerSec;
      say(`  raw better-sqlite3 (WAL, synchronous=FULL): ${fmt(raw.commitsPerSec)} single-row commits/s, ${fmt(raw.rows50PerSec)} rows/s at 50 rows per commit`);
      const fieldAuthorization = `Bearer ${await devTokenIssuer(key).issue({ role: 'field', org: 'MIKA', sub: 'bench-field' })}`;
      const committer = groupCommitterFor(countedStore);
      loops.start();
      for (const clients of [1, 10, 50]) {
        const bodies = Array.from({ length: 40_000 }, () =>
          JSON.stringify({
            query: 'mutation ($input: RecordPassInput!) { recordPass(input: $input) { passId revision } }',
            variables: { input: { commandId: randomUUID(), passId: randomUUID(), date: '2026-06-01', kind: 'SURVEILLANCE', units: ['POLIS', 'MIKA'] } },
          }),
        );
        const before = { ...committer.stats };
        const headBefore = await store3.headPosition();
        const run = await runVariedLoad(url, fieldAuthorization, bodies, join(dir, 'mutations.json'), clients, opts.mutationSeconds);
        const appended = (await store3.headPosition()) - headBefore;
        const commits = committer.stats.commits - before.commits;
        const committed = committer.stats.committedCommands - before.committedCommands;
        // Commands applied, not events: each recordPass also appends the claim of its pass id.
        const perSec = committed / run.duration;
        mutations.set(clients, { perSec, perCommit: commits > 0 ? committed / commits : 0, p99: run.latency.p99, failures: run.errors + run.non2xx });
        say(`  ${clients} client(s): ${fmt(perSec)} mutations/s (${fmt(committed)} passes recorded, ${fmt(appended)} events), ${n2.format(commits > 0 ? committed / commits : 0)} mutations per commit, p99 ${fmt(run.latency.p99)} ms, failures ${fmt(run.errors + run.non2xx)} (timeouts ${fmt(run.timeouts)}, status codes ${JSON.stringify(run.statusCodeStats ?? {})})`);
      }
      loops.stop('mutations');
      for (const [name, ms] of loops.byPhase) say(`  longest event-loop block, ${name}: ${n2.format(ms)} ms`);
    } finally {
      await new Promise((resolvePromise) => {
        server.close(resolvePromise);
        server.closeAllConnections();
      });
      await samlogg.close();
      await store3.close();
    }
    say(`  maxRSS of the process including the server phase: ${fmt(rssMb())} MB (peakRssMb below is phases 1–4)`);
    const figuresRun = underLoad.get('steeringFigures') as { load: LoadResult; readsDuringLoad: number };
    const statisticsRun = underLoad.get('statistics') as { load: LoadResult; readsDuringLoad: number };

    const uncachedFigures = () => {
      const c = comparison as EngineComparison;
      const statShapes = ['statistics1d', 'statistics2d', 'statistics3d', 'statisticsFiltered'] as const;
      const load = (shape: Shape, connections: number) => uncachedLoads.get(`${shape}@${connections}`);
      const flat: Record<string, number> = {
        uncachedCacheHits,
        uncachedPhaseSeconds: round(uncachedSeconds, 1),
        uncachedQuestionsCompared: c.compared,
        uncachedAnswersDiffering: Object.values(c.mismatches).reduce((n, m) => n + m, 0),
        uncachedFiguresFnP50Ms: round(c.fnP50Ms.figures as number, 2),
      };
      const name = (shape: Shape) => (shape === 'figures' ? 'Figures' : `Statistics${shape.slice('statistics'.length)}`);
      for (const shape of SHAPES) {
        const key = `uncached${name(shape)}`;
        flat[`${key}FnP50Ms`] = round(c.fnP50Ms[shape] as number, 2);
        if (shape !== 'figures') {
          flat[`${key}DuckdbP50Ms`] = round(c.duckdbP50Ms[shape] as number, 2);
          flat[`${key}SqliteP50Ms`] = round(c.sqliteP50Ms[shape] as number, 2);
        }
        flat[`${key}HttpP50Ms`] = round(uncachedHttp.get(shape)?.p50 ?? 0, 2);
        flat[`${key}HttpP99Ms`] = round(uncachedHttp.get(shape)?.p99 ?? 0, 2);
        for (const connections of [20, 100]) {
          const run = load(shape, connections);
          flat[`${key}Rps${connections}`] = round(run?.result.requests.average ?? 0);
          flat[`${key}P99Ms${connections}`] = run?.result.latency.p99 ?? 0;
        }
      }
      flat.uncachedStatisticsVsDuckdb = round(Math.min(...statShapes.map((s) => (c.duckdbP50Ms[s] as number) / (c.fnP50Ms[s] as number))), 2);
      flat.uncachedStatisticsVsSql = round(Math.min(...statShapes.map((s) => (c.sqliteP50Ms[s] as number) / (c.fnP50Ms[s] as number))), 2);
      flat.uncachedResets20 = SHAPES.reduce((n, s) => n + (load(s, 20)?.result.errors ?? 0) + (load(s, 20)?.result.non2xx ?? 0), 0);
      flat.uncachedResets100 = SHAPES.reduce((n, s) => n + (load(s, 100)?.result.errors ?? 0) + (load(s, 100)?.result.non2xx ?? 0), 0);
      flat.uncachedHealthzMaxMs = round(Math.max(...[...uncachedLoads.values()].map((l) => l.healthzMaxMs)), 1);
      flat.maxEventLoopBlockMs = round(Math.max(...loops.byPhase.values()), 1);
      for (const [phaseName, ms] of loops.byPhase) flat[`eventLoopBlockMs_${phaseName.replaceAll('-', '_')}`] = round(ms, 1);
      flat.asOfReportMs = round(asOfReportMs, 1);
      flat.asOfReportWarmMs = round(asOfReportWarmMs, 1);
      for (const clients of [1, 10, 50]) {
        const m = mutations.get(clients);
        flat[`mutationsPerSec${clients}`] = round(m?.perSec ?? 0);
        flat[`mutationsPerCommit${clients}`] = round(m?.perCommit ?? 0, 2);
        flat[`mutationsP99Ms${clients}`] = m?.p99 ?? 0;
        flat[`mutationFailures${clients}`] = m?.failures ?? 0;
      }
      flat.rawCommitsPerSec = round(rawCommitsPerSec);
      flat.raw50RowCommitRowsPerSec = round(raw50RowCommitRowsPerSec);
      return flat;
    };

    // -- summary ------------------------------------------------------------------------------------------
    phase('summary');
    check('peakRssMb', fmt(peakRssMb), '< 1,024', peakRssMb < 1024);
    const missed = checks.filter((c) => !c.pass).map((c) => c.name);
    say(`  ${missed.length === 0 ? 'every target met' : `missed: ${[...new Set(missed)].join(', ')}`}`);

    const result = {
      events: total,
      batchSize,
      eventIds: 'random-uuidv4',
      seed: opts.seed,
      appendEventsPerSec: round(appendEventsPerSec),
      rawAppendEventsPerSec: round(rawAppendEventsPerSec),
      appendRatio: round(appendRatio, 3),
      oneCommandAppends: opts.commands,
      oneCommandAppendsPerSec: round(oneCommandAppendsPerSec),
      rawOneCommandAppendsPerSec: round(rawOneCommandAppendsPerSec),
      oneCommandRatio: round(oneCommandRatio, 3),
      rebuildEvents: rebuilt.events,
      rebuildMs: round(rebuilt.ms),
      rebuildEventsPerSec: round(rebuilt.eventsPerSec),
      rawRebuildEventsPerSec: round(rawRebuildEventsPerSec),
      rebuildRatio: round(rebuilt.ratio, 3),
      leanRawRebuildEventsPerSec: round(leanRaw.eventsPerSec),
      rebuildRatioVsLeanRaw: round(rebuilt.eventsPerSec / leanRaw.eventsPerSec, 3),
      rebuildFoldMs: round(rebuilt.foldMs),
      rebuildSerializeMs: round(timing.serializeMs),
      rebuildSaveMs: round(timing.saveMs),
      restartMs: round(restartMs),
      peakRssMb: round(peakRssMb),
      storeFileMb: round(storeBytes / 1048576, 1),
      savedStateMb: round(rebuilt.savedBytes / 1048576, 1),
      fsyncUs: round(fsyncUs),
      queryConnections: connections,
      queryLoadSeconds: loadSeconds,
      figuresP50Ms: figuresRun.load.latency.p50,
      figuresP99Ms: figuresRun.load.latency.p99,
      figuresRequestsPerSec: round(figuresRun.load.requests.average),
      figuresFailures: figuresRun.load.errors + figuresRun.load.non2xx,
      figuresUnloadedMs: round(unloadedMs.get('steeringFigures') as number, 2),
      statisticsP50Ms: statisticsRun.load.latency.p50,
      statisticsP99Ms: statisticsRun.load.latency.p99,
      statisticsRequestsPerSec: round(statisticsRun.load.requests.average),
      statisticsFailures: statisticsRun.load.errors + statisticsRun.load.non2xx,
      statisticsUnloadedMs: round(unloadedMs.get('statistics') as number, 2),
      serverLogReadsDuringLoad: figuresRun.readsDuringLoad + statisticsRun.readsDuringLoad,
      ...uncachedFigures(),
      targetsMissed: missed,
    };
    if (opts.keep) say(`work dir kept: ${dir}`);
    say('');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
