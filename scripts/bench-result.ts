/**
 * The bench's last line: one JSON object with every figure, under the keys earlier runs used, so runs
 * compare key by key.
 */
import type { LoadResult } from './bench-http.js';
import { round } from './bench-report.js';
import type { ServerFigures } from './bench-server.js';
import type { BulkAppend, OneCommandAppends, Rebuild } from './bench-store.js';
import { SHAPES, type Shape } from './bench-uncached.js';

export interface StoreFigures {
  readonly events: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly commands: number;
  readonly bulk: BulkAppend;
  readonly oneCommand: OneCommandAppends;
  readonly rebuilt: Rebuild;
  readonly restartMs: number;
  readonly peakRssMb: number;
  readonly storeBytes: number;
  readonly fsyncUs: number;
}

export function benchResult(store: StoreFigures, server: ServerFigures, query: { connections: number; loadSeconds: number }): Record<string, unknown> {
  const { bulk, oneCommand, rebuilt } = store;
  // A cached phase not run (--server-phases) reports zeros.
  const none: { load: LoadResult; readsDuringLoad: number } = { load: { duration: 0, errors: 0, timeouts: 0, non2xx: 0, '2xx': 0, latency: { average: 0, p50: 0, p90: 0, p99: 0, max: 0 }, requests: { average: 0, total: 0, sent: 0 } }, readsDuringLoad: 0 };
  const figuresRun = server.underLoad.get('steeringFigures') ?? none;
  const statisticsRun = server.underLoad.get('statistics') ?? none;
  return {
    events: store.events,
    batchSize: store.batchSize,
    eventIds: 'random-uuidv4',
    seed: store.seed,
    appendEventsPerSec: round(bulk.appendEventsPerSec),
    rawAppendEventsPerSec: round(bulk.rawAppendEventsPerSec),
    appendRatio: round(bulk.appendRatio, 3),
    oneCommandAppends: store.commands,
    oneCommandAppendsPerSec: round(oneCommand.oneCommandAppendsPerSec),
    rawOneCommandAppendsPerSec: round(oneCommand.rawOneCommandAppendsPerSec),
    oneCommandRatio: round(oneCommand.oneCommandRatio, 3),
    rebuildEvents: rebuilt.events,
    rebuildMs: round(rebuilt.ms),
    rebuildEventsPerSec: round(rebuilt.eventsPerSec),
    rawRebuildEventsPerSec: round(rebuilt.plain.eventsPerSec),
    rebuildRatio: round(rebuilt.ratio, 3),
    leanRawRebuildEventsPerSec: round(rebuilt.leanRaw.eventsPerSec),
    rebuildRatioVsLeanRaw: round(rebuilt.eventsPerSec / rebuilt.leanRaw.eventsPerSec, 3),
    rebuildFoldMs: round(rebuilt.foldMs),
    rebuildSerializeMs: round(rebuilt.timing.serializeMs),
    rebuildSaveMs: round(rebuilt.timing.saveMs),
    restartMs: round(store.restartMs),
    peakRssMb: round(store.peakRssMb),
    storeFileMb: round(store.storeBytes / 1048576, 1),
    savedStateMb: round(rebuilt.savedBytes / 1048576, 1),
    fsyncUs: round(store.fsyncUs),
    queryConnections: query.connections,
    queryLoadSeconds: query.loadSeconds,
    figuresP50Ms: figuresRun.load.latency.p50,
    figuresP99Ms: figuresRun.load.latency.p99,
    figuresRequestsPerSec: round(figuresRun.load.requests.average),
    figuresFailures: figuresRun.load.errors + figuresRun.load.non2xx,
    figuresUnloadedMs: round(server.unloadedMs.get('steeringFigures') ?? 0, 2),
    statisticsP50Ms: statisticsRun.load.latency.p50,
    statisticsP99Ms: statisticsRun.load.latency.p99,
    statisticsRequestsPerSec: round(statisticsRun.load.requests.average),
    statisticsFailures: statisticsRun.load.errors + statisticsRun.load.non2xx,
    statisticsUnloadedMs: round(server.unloadedMs.get('statistics') ?? 0, 2),
    serverLogReadsDuringLoad: figuresRun.readsDuringLoad + statisticsRun.readsDuringLoad,
    ...uncachedFigures(server),
    ...serverLoopFigures(server),
  };
}

const STATISTICS_SHAPES = ['statistics1d', 'statistics2d', 'statistics3d', 'statisticsFiltered'] as const;
const shapeName = (shape: Shape) => (shape === 'figures' ? 'Figures' : `Statistics${shape.slice('statistics'.length)}`);

function uncachedFigures(server: ServerFigures): Record<string, number> {
  const c = server.comparison;
  const load = (shape: Shape, connections: number) => server.uncachedLoads.get(`${shape}@${connections}`);
  const flat: Record<string, number> = {
    serverPeakRssMb: round(server.serverPeakRssMb),
    readModelsPeakRssMb: round(server.readModelsPeakRssMb),
    uncachedCacheHits: server.uncachedCacheHits,
    uncachedPhaseSeconds: round(server.uncachedSeconds, 1),
    uncachedQuestionsCompared: c.compared,
    uncachedAnswersDiffering: Object.values(c.mismatches).reduce((n, m) => n + m, 0),
    uncachedFiguresFnP50Ms: round(c.fnP50Ms.figures ?? 0, 2),
  };
  for (const shape of SHAPES) {
    const key = `uncached${shapeName(shape)}`;
    flat[`${key}FnP50Ms`] = round(c.fnP50Ms[shape] ?? 0, 2);
    if (shape !== 'figures') {
      flat[`${key}DuckdbP50Ms`] = round(c.duckdbP50Ms[shape] ?? 0, 2);
      flat[`${key}SqliteP50Ms`] = round(c.sqliteP50Ms[shape] ?? 0, 2);
    }
    flat[`${key}HttpP50Ms`] = round(server.uncachedHttp.get(shape)?.p50 ?? 0, 2);
    flat[`${key}HttpP99Ms`] = round(server.uncachedHttp.get(shape)?.p99 ?? 0, 2);
    for (const connections of [20, 100]) {
      const run = load(shape, connections);
      flat[`${key}Rps${connections}`] = round(run?.result.requests.average ?? 0);
      flat[`${key}P99Ms${connections}`] = run?.result.latency.p99 ?? 0;
    }
  }
  flat.uncachedStatisticsVsDuckdb = round(Math.min(...STATISTICS_SHAPES.map((s) => (c.duckdbP50Ms[s] as number) / (c.fnP50Ms[s] as number))), 2);
  flat.uncachedStatisticsVsSql = round(Math.min(...STATISTICS_SHAPES.map((s) => (c.sqliteP50Ms[s] as number) / (c.fnP50Ms[s] as number))), 2);
  flat.uncachedResets20 = SHAPES.reduce((n, s) => n + (load(s, 20)?.result.errors ?? 0) + (load(s, 20)?.result.non2xx ?? 0), 0);
  flat.uncachedResets100 = SHAPES.reduce((n, s) => n + (load(s, 100)?.result.errors ?? 0) + (load(s, 100)?.result.non2xx ?? 0), 0);
  flat.uncachedHealthzMaxMs = round(Math.max(...[...server.uncachedLoads.values()].map((l) => l.healthzMaxMs)), 1);
  return flat;
}

/** Event-loop blocks, the as-of report and the mutations, in the order earlier runs printed them. */
function serverLoopFigures(server: ServerFigures): Record<string, number> {
  const flat: Record<string, number> = {};
  flat.maxEventLoopBlockMs = round(Math.max(0, ...server.loops.byPhase.values()), 1);
  for (const [phaseName, ms] of server.loops.byPhase) flat[`eventLoopBlockMs_${phaseName.replaceAll('-', '_')}`] = round(ms, 1);
  // The longest request job (event-loop-turns.ts), wall clock: a block of the loop by one request.
  flat.longestJobMs = round(Math.max(0, ...server.loops.jobByPhase.values()), 1);
  for (const [phaseName, ms] of server.loops.jobByPhase) flat[`longestJobMs_${phaseName.replaceAll('-', '_')}`] = round(ms, 1);
  // Of the loop's stalls, the longest stretch the server's main thread itself ran (bench-loop-watch.ts):
  // the rest of a stall is the thread waiting for one of the machine's cores.
  const onCpu = [...server.loops.stallByPhase].map(([phaseName, stall]) => [phaseName, stall.busiest.onCpuMs] as const);
  flat.maxEventLoopBlockOnCpuMs = round(Math.max(0, ...onCpu.map(([, ms]) => ms)), 1);
  for (const [phaseName, ms] of onCpu) flat[`eventLoopBlockOnCpuMs_${phaseName.replaceAll('-', '_')}`] = round(ms, 1);
  flat.loadAverage1 = round(server.loadAverage[0] ?? 0, 2);
  flat.asOfReportMs = round(server.asOfReportMs, 1);
  flat.asOfReportWarmMs = round(server.asOfReportWarmMs, 1);
  flat.asOfPublicReportMs = round(server.asOfPublicReportMs, 1);
  for (const clients of [1, 10, 50]) {
    const m = server.mutations.get(clients);
    flat[`mutationsPerSec${clients}`] = round(m?.perSec ?? 0);
    flat[`mutationsPerCommit${clients}`] = round(m?.perCommit ?? 0, 2);
    flat[`mutationsP99Ms${clients}`] = m?.p99 ?? 0;
    flat[`mutationFailures${clients}`] = m?.failures ?? 0;
  }
  // The server process's CPU per mutation at 50 clients (process.cpuUsage over the load ÷ mutations).
  flat.mutationCpuMsPer50 = round(server.mutations.get(50)?.cpuMsPerMutation ?? 0, 3);
  flat.rawCommitsPerSec = round(server.rawCommitsPerSec);
  flat.raw50RowCommitRowsPerSec = round(server.raw50RowCommitRowsPerSec);
  return flat;
}
