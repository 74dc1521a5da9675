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
 * The longest event-loop block (perf_hooks.monitorEventLoopDelay) and the longest request job are reported
 * for each server phase (5–8), and the server's own peak RSS apart from the comparison engines' child
 * process. `--server-phases` runs only some of 5–8 (the keys of the others are then 0 or null).
 *
 * Figures only: a missed target is reported as MISS, never as a non-zero exit. The last line of output is
 * one JSON object with every figure.
 *
 * This file reads the options and runs the phases in order. The phases live in bench-store.ts (1–4 and the
 * raw baseline) and bench-server.ts (5–8, with bench-uncached.ts's questions, engines and loads); the log
 * they write comes from bench-log.ts; bench-http.ts asks the server, bench-report.ts prints and checks,
 * bench-result.ts assembles the JSON line.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Command, InvalidArgumentError } from 'commander';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { LogGenerator } from './bench-log.js';
import { fmt, n2, Reporter, rssMb } from './bench-report.js';
import { benchResult, type StoreFigures } from './bench-result.js';
import { SERVER_PHASES, serverPhases, type ServerPhase } from './bench-server.js';
import { bulkAppend, fsyncMicros, oneCommandAppends, openRaw, rawAppender, rebuildPhase, restartPhase } from './bench-store.js';
import { uncachedFunctionsOnly } from './bench-uncached-functions.js';

// ---------------------------------------------------------------------------------------------------------
// Options

function serverPhaseList(value: string): Set<ServerPhase> {
  const list = value.split(',').map((v) => v.trim());
  if (list.some((v) => !(SERVER_PHASES as readonly string[]).includes(v))) throw new InvalidArgumentError(`must be a comma-separated list of ${SERVER_PHASES.join(', ')}`);
  return new Set(list as ServerPhase[]);
}

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
  .option('--server-phases <list>', `server phases to run, of ${SERVER_PHASES.join(', ')} (the store phases always run)`, serverPhaseList, new Set(SERVER_PHASES))
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
  serverPhases: Set<ServerPhase>;
  onlyUncachedFunctions: boolean;
  keep: boolean;
  json: boolean;
}>();

const report = new Reporter(opts.json);
const { say } = report;

function introduce(dir: string): void {
  say(`samlogg bench — ${fmt(opts.events)} events, batches of ${fmt(opts.batchSize)}, ${fmt(opts.commands)} one-command appends, seed ${opts.seed}`);
  const memory = new Database(':memory:');
  say(`node ${process.version}, SQLite ${memory.prepare('SELECT sqlite_version()').pluck().get() as string}, work dir ${dir}`);
  memory.close();
  say('both files: WAL, synchronous=FULL, the same schema (EVENTS_TABLE_SQL); event ids are random UUIDv4 (crypto.randomUUID),');
  say('everything else comes from a seeded PRNG. Store and raw batches alternate, each timed on its own; generation is not timed.');
}

/** Phases 1–4: the store and the projection engine, against the raw baseline. */
async function storePhases(dir: string): Promise<StoreFigures> {
  const storePath = join(dir, 'samlogg.db');
  const rawPath = join(dir, 'raw.db');
  const { events, batchSize } = opts;
  const fsyncUs = fsyncMicros(join(dir, 'fsync.probe'));
  say(`disk: write + fsync of 8 KB takes ${fmt(fsyncUs)} µs (median of 300) — the floor of one durable commit`);
  const generator = new LogGenerator(opts.seed, events);
  const store = openSqliteStore(storePath);
  const raw = openRaw(rawPath);
  const rawAppend = rawAppender(raw);
  const bulk = await bulkAppend(report, generator, store, rawAppend, events, batchSize);
  // Before the rebuild, so that the rebuild's checkpoint is the head and the restart finds nothing new.
  const oneCommand = await oneCommandAppends(report, generator, store, rawAppend, opts.commands, fsyncUs);
  await store.close();
  raw.close();
  const storeBytes = statSync(storePath).size;
  const rawBytes = statSync(rawPath).size;
  say(`  files: store ${fmt(storeBytes / 1048576)} MB, raw ${fmt(rawBytes / 1048576)} MB (after checkpoint on close)`);
  const rebuilt = await rebuildPhase(report, storePath, rawPath, events + oneCommand.commandEvents);
  const restartMs = await restartPhase(report, storePath);
  // The store and projection engine's peak (phases 1–4), as before the query phase was added.
  const peakRssMb = rssMb();
  return { events, batchSize, seed: opts.seed, commands: opts.commands, bulk, oneCommand, rebuilt, restartMs, peakRssMb, storeBytes, fsyncUs };
}

/** Issue 12's targets on the JSON line's keys, for the server phases that ran. */
function checkServerTargets(flat: Record<string, unknown>): void {
  const n = (key: string) => flat[key] as number;
  const phases = opts.serverPhases;
  const at1M = opts.events >= 1_000_000 ? '' : ' (set at 1M events)';
  if (phases.size > 0) {
    report.check('maxEventLoopBlockMs', `${n2.format(n('maxEventLoopBlockMs'))} ms, of which the main thread ran at most ${n2.format(n('maxEventLoopBlockOnCpuMs'))} ms in one stall`, `≤ 50 ms${at1M}`, n('maxEventLoopBlockMs') <= 50);
  }
  if (phases.has('uncached')) {
    report.check('uncachedStatisticsVsDuckdb', `${n2.format(n('uncachedStatisticsVsDuckdb'))}×`, '≥ 3×', n('uncachedStatisticsVsDuckdb') >= 3);
    report.check('uncachedResets100', fmt(n('uncachedResets100')), '0', n('uncachedResets100') === 0);
    report.check('uncachedHealthzMaxMs', `${fmt(n('uncachedHealthzMaxMs'))} ms`, '< 100 ms', n('uncachedHealthzMaxMs') < 100);
    if (opts.events <= 200_000) report.check('uncachedPhaseSeconds', `${n2.format(n('uncachedPhaseSeconds'))} s`, '≤ 60 s at 200k events', n('uncachedPhaseSeconds') <= 60);
  }
  if (phases.has('mutations')) {
    const ratio = n('mutationsPerSec50') / n('mutationsPerSec1');
    report.check('mutationsPerSec50', `${fmt(n('mutationsPerSec50'))}/s = ${n2.format(ratio)}× one client's ${fmt(n('mutationsPerSec1'))}/s`, '≥ 3× one client', ratio >= 3);
    report.check('mutationsPerCommit50', n2.format(n('mutationsPerCommit50')), '≥ 4', n('mutationsPerCommit50') >= 4);
  }
}

async function main(): Promise<void> {
  if (opts.onlyUncachedFunctions) {
    say(`samlogg bench, uncached projection functions only — ${fmt(opts.events)} events, seed ${opts.seed}, ${opts.uncachedQuestions} questions per shape, node ${process.version}`);
    process.stdout.write(`${JSON.stringify(await uncachedFunctionsOnly(opts, say))}\n`);
    return;
  }
  const parent = opts.dir ? resolve(opts.dir) : tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'samlogg-bench-'));
  introduce(dir);
  try {
    const store = await storePhases(dir);
    const server = await serverPhases(report, opts, dir, join(dir, 'samlogg.db'));
    say(`  maxRSS of the process including the server phase: ${fmt(rssMb())} MB (peakRssMb below is phases 1–4; serverPeakRssMb ${fmt(server.serverPeakRssMb)} MB is the server's own, sampled; readModelsPeakRssMb ${fmt(server.readModelsPeakRssMb)} MB the comparison engines' child)`);
    report.check('serverPeakRssMb', fmt(server.serverPeakRssMb), '< 1,024', server.serverPeakRssMb < 1024);
    report.phase('summary');
    report.check('peakRssMb', fmt(store.peakRssMb), '< 1,024', store.peakRssMb < 1024);
    const figures = benchResult(store, server, opts);
    checkServerTargets(figures);
    const missed = report.missed();
    say(`  ${missed.length === 0 ? 'every target met' : `missed: ${[...new Set(missed)].join(', ')}`}`);
    const result = { ...figures, targetsMissed: missed };
    if (opts.keep) say(`work dir kept: ${dir}`);
    say('');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
