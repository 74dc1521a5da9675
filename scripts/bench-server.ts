/**
 * The bench's server phases (5–8): the real server (createApp, listening on 127.0.0.1) over the store
 * the store phases wrote, asked the same query under load (cached answers), a different question per
 * request (uncached), a report as the log stood halfway (as-of), and recordPass from many clients
 * (mutations). The longest event-loop block and the longest request job are reported for each, and the
 * server's own peak RSS (the comparison engines run in a child process of their own).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { passRegister } from '../projections/pass-register.js';
import { statistics } from '../queries/statistics.js';
import { steeringFigures } from '../queries/steering-figures.js';
import { groupCommitterFor } from '../src/application/group-commit.js';
import { loadOrCreateDevSigningKey } from '../src/auth/dev-signing-key.js';
import { devTokenIssuer, devVerifier } from '../src/auth/token-verifier.js';
import { resolvePeriod } from '../src/domain/period.js';
import { createApp, type SamloggApp } from '../src/server/app.js';
import { openDataKeys } from '../src/store/data-keys.js';
import type { EventStore } from '../src/store/port.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { prepareAsOf } from '../src/reports/log-prefix.js';
import { asOfAfterRestart } from './bench-as-of.js';
import { FIGURES_QUERY, graphqlOnce, readAutocannonVersion, runLoad, STATISTICS_QUERY, warmUpBenchClient, type LoadResult } from './bench-http.js';
import { fmt, gc, n2, type Reporter } from './bench-report.js';
import type { Stall } from './bench-loop-watch.js';
import { compareEnginesInChild, graphqlBody, healthzDuring, LOAD_GENERATOR_NICE, LoopBlocks, median, percentile, questions, rawCommits, runVariedLoad, SHAPES, type EngineComparison, type Question, type Shape, type VariedLoadResult } from './bench-uncached.js';

/** The server phases `--server-phases` may choose from. */
export const SERVER_PHASES = ['cached', 'uncached', 'as-of', 'mutations'] as const;
export type ServerPhase = (typeof SERVER_PHASES)[number];

export interface ServerOptions {
  /** The server phases to run (all unless told); the keys of the others are 0 or null. */
  readonly serverPhases: ReadonlySet<ServerPhase>;
  readonly seed: number;
  readonly connections: number;
  readonly loadSeconds: number;
  readonly uncachedQuestions: number;
  readonly uncachedLoadSeconds: number;
  readonly mutationSeconds: number;
}

/** The server under measurement, and what the phases ask it with. */
interface BenchServer {
  readonly report: Reporter;
  readonly options: ServerOptions;
  readonly dir: string;
  readonly storePath: string;
  readonly store: ReturnType<typeof openSqliteStore>;
  /** The store the server is given: counts its reads of the raw log. */
  readonly countedStore: EventStore;
  readonly reads: { readAll: number; readStream: number };
  readonly samlogg: SamloggApp;
  readonly server: Server;
  readonly url: string;
  readonly head: number;
  readonly key: Awaited<ReturnType<typeof loadOrCreateDevSigningKey>>;
  /** The bench signs in as the beredningsgrupp, who may run every measured query. */
  readonly authorization: string;
  readonly loops: LoopBlocks;
  /** The server's resident memory, sampled every 100 ms while it runs. */
  readonly rss: { peakMb: number; readonly timer: NodeJS.Timeout };
}

interface CachedQueries {
  readonly unloadedMs: Map<string, number>;
  readonly underLoad: Map<string, { load: LoadResult; readsDuringLoad: number }>;
}

interface UncachedQueries {
  readonly comparison: EngineComparison;
  /** The comparison engines' child process (DuckDB, the SQLite read model): its peak RSS. */
  readonly readModelsPeakRssMb: number;
  readonly uncachedHttp: Map<Shape, { p50: number; p99: number }>;
  readonly uncachedLoads: Map<string, { result: VariedLoadResult; healthzMaxMs: number; healthzFailures: number; hits: number }>;
  readonly uncachedCacheHits: number;
  readonly uncachedSeconds: number;
}

export interface AsOfReport {
  readonly asOfReportMs: number;
  readonly asOfReportWarmMs: number;
  readonly asOfPublicReportMs: number;
}

interface Mutations {
  readonly rawCommitsPerSec: number;
  readonly raw50RowCommitRowsPerSec: number;
  readonly mutations: Map<number, { perSec: number; perCommit: number; p99: number; failures: number; cpuMsPerMutation: number }>;
}

export interface ServerFigures extends CachedQueries, UncachedQueries, AsOfReport, Mutations {
  readonly loops: LoopBlocks;
  /** The server's own peak RSS through phases 5–8 (sampled; the process's maxRSS also holds phases 1–4's). */
  readonly serverPeakRssMb: number;
  readonly loadAverage: readonly number[];
}

const NO_COMPARISON: EngineComparison = { fnP50Ms: {}, duckdbP50Ms: {}, sqliteP50Ms: {}, mismatches: {}, compared: 0, buildMs: { rows: 0, sqlite: 0, duckdb: 0 } };

const QUERIES = [
  { name: 'steeringFigures', key: 'figures', body: JSON.stringify({ query: FIGURES_QUERY }) },
  { name: 'statistics', key: 'statistics', body: JSON.stringify({ query: STATISTICS_QUERY }) },
] as const;

/** Phases 5–8 against one server; the server is closed whatever happens. */
export async function serverPhases(report: Reporter, options: ServerOptions, dir: string, storePath: string): Promise<ServerFigures> {
  describeQueryLatency(report, options);
  gc();
  const bench = await startBenchServer(report, options, dir, storePath);
  const run = options.serverPhases;
  try {
    const cached: CachedQueries = run.has('cached') ? await cachedQueries(bench) : { unloadedMs: new Map(), underLoad: new Map() };
    const uncached: UncachedQueries = run.has('uncached') ? await uncachedQueries(bench) : { comparison: NO_COMPARISON, readModelsPeakRssMb: 0, uncachedHttp: new Map(), uncachedLoads: new Map(), uncachedCacheHits: 0, uncachedSeconds: 0 };
    const asOf: AsOfReport = run.has('as-of') ? await asOfReport(bench) : { asOfReportMs: 0, asOfReportWarmMs: 0, asOfPublicReportMs: 0 };
    const mutations: Mutations = run.has('mutations') ? await mutationsPhase(bench) : { rawCommitsPerSec: 0, raw50RowCommitRowsPerSec: 0, mutations: new Map() };
    for (const [name, ms] of bench.loops.byPhase) {
      report.say(`  longest event-loop block, ${name}: ${n2.format(ms)} ms (monitorEventLoopDelay, which also counts time the process was not scheduled); longest request job ${n2.format(bench.loops.jobByPhase.get(name) ?? 0)} ms`);
      const stall = bench.loops.stallByPhase.get(name);
      if (stall) {
        const made = (s: Stall) => `${n2.format(s.ms)} ms late, of which the main thread ran ${n2.format(s.onCpuMs)} ms, waited for a core ${n2.format(s.waitingMs)} ms, GC pauses ${n2.format(s.gcMs)} ms, ${n2.format(s.atS)} s into the phase`;
        report.say(`    between two 5 ms ticks (bench-loop-watch.ts): the longest gap ${made(stall.longest)}; the gap the thread ran longest in ${made(stall.busiest)}`);
      }
    }
    const loadAverage = loadavg();
    report.say(`  load average (1, 5, 15 min) at the end of the server phases: ${loadAverage.map((l) => n2.format(l)).join(', ')}; the server's peak RSS (sampled every 100 ms): ${fmt(bench.rss.peakMb)} MB`);
    return { ...cached, ...uncached, ...asOf, ...mutations, loops: bench.loops, serverPeakRssMb: bench.rss.peakMb, loadAverage };
  } finally {
    await stopBenchServer(bench);
  }
}

function describeQueryLatency(report: Reporter, { connections, loadSeconds }: ServerOptions): void {
  const { say } = report;
  report.phase(`query latency: the real server over this store, autocannon ${fmt(connections)} connections × ${fmt(loadSeconds)} s per query`);
  say(`  server: createApp (Express + Apollo behind the cached-answer front door, pino silent) in this process, listening on 127.0.0.1;`);
  say(`  signed in as beredningsgrupp (a development token); load: autocannon ${readAutocannonVersion()}`);
  say('  Every request of a run is the same query, so after the first the answer comes from the cache kept for the');
  say('  current log position. "The projection function alone" below is the work of an uncached answer; "cache hits" counts');
  say('  the answers served from the cache during a load.');
  say(`  (programmatic API) in a child Node process, POST application/json to /graphql, pipelining 1, no rate limit.`);
  say(`  The child has its own event loop but shares this machine's ${availableParallelism()} core(s) (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`);
  say('  with the server, so load generation takes CPU the server would otherwise have; latencies are measured by autocannon');
  say('  (whole milliseconds, 2xx responses), round trip from its side of the loopback socket. Every load generator runs');
  say(`  at nice ${LOAD_GENERATOR_NICE}: the server has a core first whenever it has work, as with clients on other machines.`);
}

/** Counts the server's reads of the raw log: the queries must answer from the projections in memory. */
function countingReads(store: EventStore, reads: { readAll: number; readStream: number }): EventStore {
  return {
    kind: store.kind,
    atomicBatches: store.atomicBatches,
    append: (streamId, events, expectedRevision) => store.append(streamId, events, expectedRevision),
    appendBatch: (requests) => store.appendBatch(requests),
    readStream: (streamId) => {
      reads.readStream += 1;
      return store.readStream(streamId);
    },
    readAll: (options) => {
      reads.readAll += 1;
      return store.readAll(options);
    },
    headPosition: () => store.headPosition(),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
  };
}

async function startBenchServer(report: Reporter, options: ServerOptions, dir: string, storePath: string): Promise<BenchServer> {
  const store = openSqliteStore(storePath);
  const reads = { readAll: 0, readStream: 0 };
  const countedStore = countingReads(store, reads);
  const started = performance.now();
  const key = await loadOrCreateDevSigningKey(join(dir, 'dev-signing-key.json'));
  const authorization = `Bearer ${await devTokenIssuer(key).issue({ role: 'beredningsgrupp', org: 'BENCH' })}`;
  const samlogg = await createApp({
    store: countedStore,
    projectionStates: store.projectionStates,
    dataKeys: openDataKeys(join(dir, 'samlogg.keys')),
    log: pino({ level: 'silent' }),
    signIn: { verifier: devVerifier(key) },
    // All the load comes from one address: the failed-sign-in limit counts requests in flight until they succeed.
    failedSignInLimit: 1_000_000,
  });
  const server: Server = await samlogg.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const head = await store.headPosition();
  report.say(`  server up in ${fmt(performance.now() - started)} ms (projections loaded from the saved state, position ${fmt(samlogg.engine.position)} of head ${fmt(head)}); ${url}`);
  // A first start on a long log takes the as-of snapshots in the background; let it finish before the loads.
  const preparing = performance.now();
  await prepareAsOf(countedStore);
  report.say(`  as-of snapshots taken in the background in ${fmt(performance.now() - preparing)} ms more (kept beside the log for later starts)`);
  await warmUpBenchClient(url, authorization);
  const loops = new LoopBlocks();
  loops.start();
  const rss = { peakMb: process.memoryUsage().rss / 1048576, timer: setInterval(() => (rss.peakMb = Math.max(rss.peakMb, process.memoryUsage().rss / 1048576)), 100) };
  return { report, options, dir, storePath, store, countedStore, reads, samlogg, server, url, head, key, authorization, loops, rss };
}

async function stopBenchServer({ server, samlogg, store, rss }: BenchServer): Promise<void> {
  clearInterval(rss.timer);
  await new Promise((resolvePromise) => {
    server.close(resolvePromise);
    server.closeAllConnections();
  });
  await samlogg.close();
  await store.close();
}

// ---------------------------------------------------------------------------------------------------------
// 5. query latency: the same query under load, answered from the cache

async function cachedQueries(bench: BenchServer): Promise<CachedQueries> {
  const { url, authorization, loops } = bench;
  await firstAnswers(bench);
  const unloadedMs = await unloaded(bench);
  const underLoad = new Map<string, { load: LoadResult; readsDuringLoad: number }>();
  for (const q of QUERIES) underLoad.set(q.name, await queryUnderLoad(bench, q));
  // Still right after the load?
  await graphqlOnce(url, authorization, QUERIES[0].body, 'steeringFigures');
  await graphqlOnce(url, authorization, QUERIES[1].body, 'statistics');
  loops.stop('cached');
  return { unloadedMs, underLoad };
}

/** One request of each first: a query that fails has no latency worth reporting. */
async function firstAnswers({ report, url, authorization }: BenchServer): Promise<void> {
  const figures = (await graphqlOnce(url, authorization, QUERIES[0].body, 'steeringFigures')).data.steeringFigures as Record<string, number>;
  report.say(`  steeringFigures 2021-04-01..2026-12-31: ${Object.entries(figures).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  const stats = (await graphqlOnce(url, authorization, QUERIES[1].body, 'statistics')).data.statistics as { rows: unknown[]; total: { passes: number; encounters: number } };
  report.say(`  statistics 2022-T2 by UNIT × AGE_BAND: ${fmt(stats.rows.length)} rows, total ${fmt(stats.total.passes)} passes, ${fmt(stats.total.encounters)} encounters`);
  if (stats.rows.length === 0 || figures.jointPasses === 0) throw new Error('the queries answered, but with nothing counted: the server does not see the generated log');
}

/**
 * Not a target: unloaded, one request at a time (fetch from this process), after 5 unmeasured ones;
 * and the projection function alone on the server's state, to tell its work from HTTP + GraphQL's.
 */
async function unloaded({ report, url, authorization, samlogg, loops }: BenchServer): Promise<Map<string, number>> {
  const register = samlogg.engine.state(passRegister);
  const figuresPeriod = resolvePeriod({ from: '2021-04-01', to: '2026-12-31' }, new Date());
  const statisticsPeriod = resolvePeriod({ tertial: '2022-T2' }, new Date());
  if (!figuresPeriod.ok || !statisticsPeriod.ok) throw new Error('the bench’s periods do not resolve');
  const direct = {
    steeringFigures: () => steeringFigures(register, figuresPeriod.period),
    statistics: () => statistics(register, { from: statisticsPeriod.period.from, to: statisticsPeriod.period.to, groupBy: ['UNIT', 'AGE_BAND'] }),
  };
  const unloadedMs = new Map<string, number>();
  for (const q of QUERIES) {
    for (let i = 0; i < 5; i += 1) await graphqlOnce(url, authorization, q.body, q.name);
    const times: number[] = [];
    for (let i = 0; i < 25; i += 1) times.push((await graphqlOnce(url, authorization, q.body, q.name)).ms);
    const fn = direct[q.name];
    const fnTimes: number[] = [];
    // 25 calls in a row are the bench's own work in the server's process, not a request: not the server's block.
    loops.pause();
    for (let i = 0; i < 25; i += 1) {
      const t = performance.now();
      fn();
      fnTimes.push(performance.now() - t);
    }
    loops.resume();
    report.say(`  ${q.name} unloaded (not a target): median ${n2.format(median(times))} ms, min ${n2.format(Math.min(...times))} ms over 25 sequential requests; the projection function alone: median ${n2.format(median(fnTimes))} ms`);
    unloadedMs.set(q.name, median(times));
  }
  return unloadedMs;
}

async function queryUnderLoad({ report, url, authorization, samlogg, reads, options, loops }: BenchServer, q: (typeof QUERIES)[number]): Promise<{ load: LoadResult; readsDuringLoad: number }> {
  const { say } = report;
  const { connections, loadSeconds } = options;
  // The bench's own full collection before each load is not the server's block either.
  loops.pause();
  gc();
  loops.resume();
  const before = reads.readAll + reads.readStream;
  const hitsBefore = samlogg.answers.hits;
  const load = await runLoad(url, authorization, q.body, connections, loadSeconds);
  const hits = samlogg.answers.hits - hitsBefore;
  const readsDuringLoad = reads.readAll + reads.readStream - before;
  const failures = load.errors + load.non2xx;
  say(`  ${q.name} under load: ${fmt(load.requests.total)} answered (${fmt(load.requests.sent)} sent) in ${n2.format(load.duration)} s = ${fmt(load.requests.average)} requests/s`);
  say(`    latency p50 ${fmt(load.latency.p50)} ms, p90 ${fmt(load.latency.p90)} ms, p99 ${fmt(load.latency.p99)} ms, max ${fmt(load.latency.max)} ms, mean ${n2.format(load.latency.average)} ms`);
  say(`    (closed loop: ${fmt(connections)} connections, each sending its next request when the last is answered; connections ÷ requests/s = ${n2.format((connections * 1000) / load.requests.average)} ms,`);
  say(`    so a p99 under 20 ms at ${fmt(connections)} connections needs the server to answer more than ${fmt((connections * 1000) / 20)} requests/s)`);
  say(`    errors ${fmt(load.errors)} (timeouts ${fmt(load.timeouts)}), non-2xx ${fmt(load.non2xx)}; server reads of the raw log during the load: ${fmt(readsDuringLoad)}; cache hits ${fmt(hits)}`);
  report.check(`${q.key}P99Ms`, `${fmt(load.latency.p99)} ms${failures > 0 ? `, ${fmt(failures)} failed requests` : ''}`, '< 20 ms, none failed', load.latency.p99 < 20 && failures === 0);
  return { load, readsDuringLoad };
}

// ---------------------------------------------------------------------------------------------------------
// 6. uncached: a different question per request

async function uncachedQueries(bench: BenchServer): Promise<UncachedQueries> {
  const { report, samlogg, dir, storePath, options, loops } = bench;
  report.phase(`uncached: every request a different question (period 30–730 days, seeded), ${options.uncachedQuestions} per shape; DuckDB and SQLite on the same rows`);
  const uncachedStarted = performance.now();
  const hitsAtStart = samlogg.answers.hits;
  const used = new Set<string>();
  const byShape = new Map<Shape, Question[]>(SHAPES.map((shape, i) => [shape, questions(options.seed + 100 + i, shape, options.uncachedQuestions, used)]));
  // In a child process over the same log: the read models' memory and CPU are not the server's.
  const engines = await compareEnginesInChild(storePath, dir, byShape, report.say);
  const comparison = engines.comparison;
  if (engines.position !== samlogg.engine.position) throw new Error(`the engines' child read the log to ${engines.position}, the server is at ${samlogg.engine.position}`);
  report.say(`  (the projection function, DuckDB and SQLite ran in a child process over the same log, peak RSS ${fmt(engines.maxRssMb)} MB)`);
  loops.start();
  const uncachedHttp = await sequentialUncached(bench, used);
  const uncachedLoads = await uncachedUnderLoad(bench, used);
  loops.stop('uncached-http');
  const uncachedCacheHits = samlogg.answers.hits - hitsAtStart;
  const uncachedSeconds = (performance.now() - uncachedStarted) / 1000;
  report.say(`  cache hits during the uncached phase: ${fmt(uncachedCacheHits)}; the phase took ${n2.format(uncachedSeconds)} s`);
  report.check('uncachedStatistics2dFnP50Ms', `${n2.format(comparison.fnP50Ms.statistics2d as number)} ms`, '≤ 10 ms at 1M events', (comparison.fnP50Ms.statistics2d as number) <= 10);
  return { comparison, readModelsPeakRssMb: engines.maxRssMb, uncachedHttp, uncachedLoads, uncachedCacheHits, uncachedSeconds };
}

/** Sequential HTTP: new questions again, so none is answered from the cache. */
async function sequentialUncached({ report, url, authorization, options }: BenchServer, used: Set<string>): Promise<UncachedQueries['uncachedHttp']> {
  const uncachedHttp = new Map<Shape, { p50: number; p99: number }>();
  for (const [i, shape] of SHAPES.entries()) {
    const times: number[] = [];
    for (const q of questions(options.seed + 200 + i, shape, options.uncachedQuestions, used)) times.push((await graphqlOnce(url, authorization, graphqlBody(q), shape)).ms);
    uncachedHttp.set(shape, { p50: median(times), p99: percentile(times, 0.99) });
    report.say(`  ${shape} sequential HTTP: p50 ${n2.format(median(times))} ms, p99 ${n2.format(percentile(times, 0.99))} ms over ${times.length} different questions`);
  }
  return uncachedHttp;
}

async function uncachedUnderLoad({ report, url, authorization, samlogg, dir, options, loops }: BenchServer, used: Set<string>): Promise<UncachedQueries['uncachedLoads']> {
  const uncachedLoads: UncachedQueries['uncachedLoads'] = new Map();
  for (const connections of [20, 100]) {
    for (const [i, shape] of SHAPES.entries()) {
      // More different questions than the load can send, so autocannon never repeats one. The bench's
      // garbage from the run before is collected while paused, as before each cached load.
      loops.pause();
      gc();
      const bodies = questions(options.seed + 300 + connections + i, shape, 4000, used).map(graphqlBody);
      const hitsBefore = samlogg.answers.hits;
      const running = healthzDuring(url.replace('/graphql', '/healthz'), () => runVariedLoad(url, authorization, bodies, join(dir, 'bodies.json'), connections, options.uncachedLoadSeconds));
      loops.resume();
      const run = await running;
      uncachedLoads.set(`${shape}@${connections}`, { ...run, hits: samlogg.answers.hits - hitsBefore });
      // The load generator stops at its deadline, the server may still hold requests: let it finish them before the next run.
      await graphqlOnce(url, authorization, graphqlBody((questions(options.seed + 900 + connections + i, shape, 1, used)[0]) as Question), shape);
      report.say(`  ${shape} at ${connections} connections: ${fmt(run.result.requests.average)} req/s, p50 ${fmt(run.result.latency.p50)} ms, p99 ${fmt(run.result.latency.p99)} ms, errors/resets ${fmt(run.result.errors + run.result.non2xx)}; /healthz slowest ${fmt(run.healthzMaxMs)} ms${run.healthzFailures ? `, ${run.healthzFailures} failed` : ''}`);
      if (run.result.requests.total > bodies.length) report.say(`    (sent more requests than questions: some were repeats)`);
    }
  }
  return uncachedLoads;
}

// ---------------------------------------------------------------------------------------------------------
// 7. as of an instant: the report as presented then

async function asOfReport({ report, store, dir, head, loops }: BenchServer): Promise<AsOfReport> {
  report.phase('as-of report: tertialReport as the log stood when half of it was recorded, first asked of a server restarted in a process of its own (cold), then another instant (warm)');
  const middle = Math.floor(head / 2);
  let asOfInstant = '';
  for await (const page of store.readAll({ after: middle - 1, pageSize: 1, metadata: false })) {
    asOfInstant = page[0]?.recordedAt ?? '';
    break;
  }
  const restarted = await asOfAfterRestart({ storePath: join(dir, 'samlogg.db'), signingKeyPath: join(dir, 'dev-signing-key.json'), dataKeysPath: join(dir, 'samlogg.keys'), asOf: asOfInstant, tertial: '2022-T2' });
  loops.byPhase.set('as-of', restarted.maxEventLoopBlockMs);
  loops.stallByPhase.set('as-of', restarted.stall);
  report.say(`  as of ${asOfInstant} (position ${fmt(middle)} of ${fmt(head)}), server restarted in ${fmt(restarted.startMs)} ms: ${fmt(restarted.coldMs)} ms the first time, ${fmt(restarted.warmMs)} ms for another instant, ${fmt(restarted.publicMs)} ms with PUBLIC disclosure; longest event-loop block ${n2.format(restarted.maxEventLoopBlockMs)} ms; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  report.check('asOfReportMs', `${fmt(restarted.coldMs)} ms`, '< 1,000 ms at 1M events', restarted.coldMs < 1000);
  return { asOfReportMs: restarted.coldMs, asOfReportWarmMs: restarted.warmMs, asOfPublicReportMs: restarted.publicMs };
}

// ---------------------------------------------------------------------------------------------------------
// 8. mutations: recordPass from 1, 10 and 50 clients, group commit

async function mutationsPhase({ report, url, store, countedStore, dir, key, options, loops }: BenchServer): Promise<Mutations> {
  const { say } = report;
  report.phase(`mutations: recordPass over GraphQL from 1, 10 and 50 clients, ${options.mutationSeconds} s each; raw better-sqlite3 commits on the same disk`);
  const raw = rawCommits(join(dir, 'raw-commits.db'));
  say(`  raw better-sqlite3 (WAL, synchronous=FULL): ${fmt(raw.commitsPerSec)} single-row commits/s, ${fmt(raw.rows50PerSec)} rows/s at 50 rows per commit`);
  const fieldAuthorization = `Bearer ${await devTokenIssuer(key).issue({ role: 'field', org: 'MIKA', sub: 'bench-field' })}`;
  const committer = groupCommitterFor(countedStore);
  const mutations: Mutations['mutations'] = new Map();
  loops.start();
  for (const clients of [1, 10, 50]) {
    // Building 40,000 bodies and writing their file is the bench's work, not the server's; so is
    // collecting the last run's (a full collection while paused, as before each cached load).
    loops.pause();
    gc();
    const bodies = Array.from({ length: 40_000 }, () =>
      JSON.stringify({
        query: 'mutation ($input: RecordPassInput!) { recordPass(input: $input) { passId revision } }',
        variables: { input: { commandId: randomUUID(), passId: randomUUID(), date: '2026-06-01', kind: 'SURVEILLANCE', units: ['POLIS', 'MIKA'] } },
      }),
    );
    const before = { ...committer.stats };
    const headBefore = await store.headPosition();
    const running = runVariedLoad(url, fieldAuthorization, bodies, join(dir, 'mutations.json'), clients, options.mutationSeconds);
    // This process's CPU (every thread: the server's, SQLite's checkpoints, GC) over the load; the
    // bodies' file is written by now, and autocannon runs in a child of its own.
    const cpu = process.cpuUsage();
    loops.resume();
    const run = await running;
    const used = process.cpuUsage(cpu);
    const appended = (await store.headPosition()) - headBefore;
    const commits = committer.stats.commits - before.commits;
    const committed = committer.stats.committedCommands - before.committedCommands;
    // Commands applied, not events: each recordPass also appends the claim of its pass id.
    const perSec = committed / run.duration;
    const cpuMsPerMutation = committed > 0 ? (used.user + used.system) / 1000 / committed : 0;
    mutations.set(clients, { perSec, perCommit: commits > 0 ? committed / commits : 0, p99: run.latency.p99, failures: run.errors + run.non2xx, cpuMsPerMutation });
    say(`  ${clients} client(s): ${fmt(perSec)} mutations/s (${fmt(committed)} passes recorded, ${fmt(appended)} events), ${n2.format(commits > 0 ? committed / commits : 0)} mutations per commit, server CPU ${n2.format(cpuMsPerMutation)} ms per mutation, p99 ${fmt(run.latency.p99)} ms, failures ${fmt(run.errors + run.non2xx)} (timeouts ${fmt(run.timeouts)}, status codes ${JSON.stringify(run.statusCodeStats ?? {})})`);
  }
  loops.stop('mutations');
  return { rawCommitsPerSec: raw.commitsPerSec, raw50RowCommitRowsPerSec: raw.rows50PerSec, mutations };
}
