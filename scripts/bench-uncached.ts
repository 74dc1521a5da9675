/**
 * The bench's uncached phase: what users see when every request is a different question (a different
 * period, uniformly 30–730 days long, of the log's six years), so no answer comes from a cache; the
 * same questions on DuckDB (one thread) and on SQL GROUP BY over a covering-indexed SQLite read model,
 * both built from the same register in the same run, every answer compared with samlogg's.
 */
import { jsonFromChild } from './bench-child.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { LoopWatch, type Stall } from './bench-loop-watch.js';
import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { type PassRegister, RETRACTED, UNDER_18_AGE_CODES, EXPOSED_CODE, POLIS_BIT } from '../projections/pass-register-rows.js';
import { statistics, type StatisticsDimension, type StatisticsQuery, type Statistics } from '../queries/statistics.js';
import { steeringFigures } from '../queries/steering-figures.js';
import { seededRandom } from '../src/demo/random.js';
import { turns } from '../src/application/event-loop-turns.js';
import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { AGE_BANDS, ROLES, UNITS } from '../src/domain/vocabulary.js';

export const STATISTICS_SHAPES = {
  statistics1d: { groupBy: ['AGE_BAND'], filter: '', jointOnly: false, exposedOnly: false },
  statistics2d: { groupBy: ['UNIT', 'AGE_BAND'], filter: '', jointOnly: false, exposedOnly: false },
  statistics3d: { groupBy: ['TERTIAL', 'ROLE', 'HOME_KOMMUN'], filter: '', jointOnly: false, exposedOnly: false },
  statisticsFiltered: { groupBy: ['HOME_KOMMUN'], filter: ', jointOnly: true, roles: [EXPOSED]', jointOnly: true, exposedOnly: true },
} as const satisfies Record<string, { groupBy: readonly StatisticsDimension[]; filter: string; jointOnly: boolean; exposedOnly: boolean }>;
type StatisticsShape = keyof typeof STATISTICS_SHAPES;
export type Shape = 'figures' | StatisticsShape;
export const SHAPES: readonly Shape[] = ['figures', ...(Object.keys(STATISTICS_SHAPES) as StatisticsShape[])];

export interface Question {
  readonly shape: Shape;
  readonly from: string;
  readonly to: string;
}

const FIRST = Date.UTC(2021, 0, 1);
const DAYS = 6 * 365;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `count` questions of one shape, each with its own period: never the same question twice in a run. */
export function questions(seed: number, shape: Shape, count: number, used: Set<string>): Question[] {
  const random = seededRandom(seed);
  const out: Question[] = [];
  while (out.length < count) {
    const span = random.int(30, 730);
    const start = FIRST + random.int(0, DAYS - span) * 86_400_000;
    const q = { shape, from: isoDay(start), to: isoDay(start + span * 86_400_000) };
    const key = `${shape} ${q.from} ${q.to}`;
    if (used.has(key)) continue;
    used.add(key);
    out.push(q);
  }
  return out;
}

export function graphqlBody(q: Question): string {
  if (q.shape === 'figures') {
    return JSON.stringify({ query: `{ steeringFigures(from: "${q.from}", to: "${q.to}") { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } }` });
  }
  const s = STATISTICS_SHAPES[q.shape];
  return JSON.stringify({ query: `{ statistics(filter: { from: "${q.from}", to: "${q.to}"${s.filter} }, groupBy: [${s.groupBy.join(', ')}]) { rows { key { dimension value } passes encounters exposed under18 offeredSupport } total { passes encounters } } }` });
}

function statisticsQuery(q: Question): StatisticsQuery {
  const s = STATISTICS_SHAPES[q.shape as StatisticsShape];
  return { from: q.from, to: q.to, groupBy: s.groupBy, ...(s.jointOnly ? { jointOnly: true } : {}), ...(s.exposedOnly ? { roles: ['EXPOSED'] as const } : {}) };
}

function projectionAnswer(register: PassRegister, q: Question): unknown {
  if (q.shape === 'figures') return steeringFigures(register, { from: q.from, to: q.to });
  return statistics(register, statisticsQuery(q));
}

// ---- the SQL read models ----------------------------------------------------------------------------

const dateNum = (d: string) => Number(d.replaceAll('-', ''));
/** A tertial as a number: 2022-T2 → 20222. */
const tertialOf = (date: number) => Math.floor(date / 10000) * 10 + Math.floor((Math.floor(date / 100) % 100 - 1) / 4) + 1;

const COLUMNS = ['date', 'tertial', 'pass', 'units', 'retracted', 'role', 'age', 'minor', 'kommun', 'supported'] as const;
const DIMENSION_COLUMN: Partial<Record<StatisticsDimension, string>> = { UNIT: 'unit', AGE_BAND: 'age', TERTIAL: 'tertial', ROLE: 'role', HOME_KOMMUN: 'kommun' };

/** One row per encounter (with its pass's columns), in pass-date order; and one per encounter and unit of its pass. */
function readModelRows(register: PassRegister): { encounters: number[][]; byUnit: number[][] } {
  const p = register.passes.cols;
  const e = register.encounters.cols;
  const encounters: number[][] = [];
  for (let row = 0; row < register.encounters.count; row += 1) {
    const pass = e.pass[row] as number;
    const date = p.date[pass] as number;
    const retracted = p.retracted[pass] || ((e.flags[row] as number) & RETRACTED) !== 0 ? 1 : 0;
    encounters.push([date, tertialOf(date), pass, p.units[pass] as number, retracted, e.role[row] as number, e.ageBand[row] as number, UNDER_18_AGE_CODES.has(e.ageBand[row] as number) ? 1 : 0, e.homeKommun[row] as number, e.supportOffered[row] !== 0 ? 1 : 0]);
  }
  encounters.sort((a, b) => (a[0] as number) - (b[0] as number));
  const byUnit: number[][] = [];
  for (const r of encounters) for (let u = 0; u < UNITS.length; u += 1) if ((r[3] as number) & (1 << u)) byUnit.push([...r, u]);
  return { encounters, byUnit };
}

interface SqlQuestion {
  readonly groups: string;
  readonly total: string;
}

const SOCIAL_BITS = ((1 << UNITS.length) - 1) & ~POLIS_BIT;

function sqlFor(shape: StatisticsShape, param: (n: number) => string): SqlQuestion {
  const s = STATISTICS_SHAPES[shape];
  const dims = s.groupBy.map((d) => DIMENSION_COLUMN[d] as string);
  const where = [
    `date BETWEEN ${param(1)} AND ${param(2)}`,
    'retracted = 0',
    ...(s.jointOnly ? [`(units & ${POLIS_BIT}) <> 0`, `(units & ${SOCIAL_BITS}) <> 0`] : []),
    ...(s.exposedOnly ? [`role = ${EXPOSED_CODE}`] : []),
  ].join(' AND ');
  const measures = `COUNT(DISTINCT pass), COUNT(*), SUM(CASE WHEN role = ${EXPOSED_CODE} THEN 1 ELSE 0 END), SUM(minor), SUM(supported)`;
  const table = dims.includes('unit') ? 'encounter_units' : 'encounters';
  return { groups: `SELECT ${dims.join(', ')}, ${measures} FROM ${table} WHERE ${where} GROUP BY ${dims.join(', ')}`, total: `SELECT ${measures} FROM encounters WHERE ${where}` };
}

/** samlogg's answer in the SQL models' terms: sorted lines of codes and counts, and the total. */
function canonical(shape: StatisticsShape, answer: Statistics): string {
  const code = (dimension: StatisticsDimension, value: string): number => {
    if (dimension === 'UNIT') return UNITS.indexOf(value as never);
    if (dimension === 'AGE_BAND') return AGE_BANDS.indexOf(value as never);
    if (dimension === 'ROLE') return ROLES.indexOf(value as never);
    if (dimension === 'HOME_KOMMUN') return HOME_KOMMUN_VALUES.indexOf(value);
    return Number(value.slice(0, 4)) * 10 + Number(value.slice(6));
  };
  const dims = STATISTICS_SHAPES[shape].groupBy;
  const lines = answer.rows.map((r) => [...dims.map((d) => code(d, r.key.find((k) => k.dimension === d)?.value as string)), r.passes, r.encounters, r.exposed, r.under18, r.offeredSupport].join(' ')).sort();
  const t = answer.total;
  return `${lines.join('\n')}\n${[t.passes, t.encounters, t.exposed, t.under18, t.offeredSupport].join(' ')}`;
}

function canonicalSql(groups: readonly unknown[][], total: readonly unknown[]): string {
  const lines = groups.map((r) => r.map((v) => Number(v ?? 0)).join(' ')).sort();
  return `${lines.join('\n')}\n${total.map((v) => Number(v ?? 0)).join(' ')}`;
}

interface Engine {
  readonly name: string;
  answer(shape: StatisticsShape, from: number, to: number): Promise<string>;
  close(): Promise<void>;
}

function sqliteEngine(path: string, rows: ReturnType<typeof readModelRows>): Engine {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const cols = COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(', ');
  db.exec(`CREATE TABLE encounters (${cols}); CREATE TABLE encounter_units (${cols}, unit INTEGER NOT NULL);`);
  const insert = db.prepare(`INSERT INTO encounters VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const insertUnit = db.prepare(`INSERT INTO encounter_units VALUES (${COLUMNS.map(() => '?').join(', ')}, ?)`);
  db.transaction(() => {
    for (const r of rows.encounters) insert.run(...r);
    for (const r of rows.byUnit) insertUnit.run(...r);
  })();
  // Covering: every column a question reads is in the index, in date order, so a period is a range scan.
  db.exec(`CREATE INDEX encounters_cover ON encounters (date, retracted, units, role, age, tertial, kommun, pass, minor, supported);
           CREATE INDEX encounter_units_cover ON encounter_units (date, retracted, units, role, unit, age, pass, minor, supported); ANALYZE;`);
  const statements = new Map<StatisticsShape, { groups: Database.Statement; total: Database.Statement }>();
  for (const shape of Object.keys(STATISTICS_SHAPES) as StatisticsShape[]) {
    const sql = sqlFor(shape, () => '?');
    statements.set(shape, { groups: db.prepare(sql.groups).raw(), total: db.prepare(sql.total).raw() });
  }
  return {
    name: 'sqlite',
    async answer(shape, from, to) {
      const s = statements.get(shape) as { groups: Database.Statement; total: Database.Statement };
      return canonicalSql(s.groups.all(from, to) as unknown[][], s.total.get(from, to) as unknown[]);
    },
    async close() {
      db.close();
    },
  };
}

async function duckdbEngine(rows: ReturnType<typeof readModelRows>): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection: DuckDBConnection = await instance.connect();
  const cols = COLUMNS.map((c) => `${c} INTEGER`).join(', ');
  await connection.run(`CREATE TABLE encounters (${cols}); CREATE TABLE encounter_units (${cols}, unit INTEGER);`);
  for (const [table, list] of [['encounters', rows.encounters], ['encounter_units', rows.byUnit]] as const) {
    const appender = await connection.createAppender(table);
    for (const r of list) {
      for (const v of r) appender.appendInteger(v);
      appender.endRow();
    }
    appender.closeSync();
  }
  const statements = new Map<StatisticsShape, { groups: DuckDBPreparedStatement; total: DuckDBPreparedStatement }>();
  for (const shape of Object.keys(STATISTICS_SHAPES) as StatisticsShape[]) {
    const sql = sqlFor(shape, (n) => `$${n}`);
    statements.set(shape, { groups: await connection.prepare(sql.groups), total: await connection.prepare(sql.total) });
  }
  return {
    name: 'duckdb',
    async answer(shape, from, to) {
      const s = statements.get(shape) as { groups: DuckDBPreparedStatement; total: DuckDBPreparedStatement };
      for (const statement of [s.groups, s.total]) {
        statement.bindInteger(1, from);
        statement.bindInteger(2, to);
      }
      const groups = (await s.groups.runAndReadAll()).getRows();
      const total = (await s.total.runAndReadAll()).getRows()[0] ?? [];
      return canonicalSql(groups as unknown[][], total as unknown[]);
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

// ---- measuring -----------------------------------------------------------------------------------------

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
};

/**
 * The longest event-loop block during a phase, in ms (perf_hooks.monitorEventLoopDelay). Its max is the
 * longest gap between two of its ticks, so it overstates a block by up to its resolution: 1 ms.
 */
export class LoopBlocks {
  private histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  /** The longest block of the phase's watched stretches before the last pause, in ns. */
  private longestBeforePause = 0;
  readonly byPhase = new Map<string, number>();
  /** The longest request job (event-loop-turns.ts) per phase, wall clock. */
  readonly jobByPhase = new Map<string, number>();
  /** What the longest stall of each phase was made of (bench-loop-watch.ts). */
  readonly stallByPhase = new Map<string, { longest: Stall; busiest: Stall }>();
  private readonly watch = new LoopWatch();
  start(): void {
    this.watch.start();
    this.longestBeforePause = 0;
    this.histogram.reset();
    this.histogram.enable();
    turns.resetLongest();
  }
  /**
   * The bench's own synchronous work (building a load's bodies, a forced collection) is not the
   * server's: not watched. disable() alone keeps the last tick's time, so the first tick after
   * enable() would record the whole pause as one block; reset() forgets that tick.
   */
  pause(): void {
    this.watch.pause();
    this.histogram.disable();
    this.longestBeforePause = Math.max(this.longestBeforePause, this.longest());
    this.histogram.reset();
  }
  resume(): void {
    this.histogram.enable();
    this.watch.resume();
  }
  stop(phase: string): number {
    this.histogram.disable();
    const ms = Math.max(this.longestBeforePause, this.longest()) / 1e6;
    this.byPhase.set(phase, ms);
    this.jobByPhase.set(phase, turns.stats.longestJobMs);
    this.stallByPhase.set(phase, this.watch.stop());
    return ms;
  }
  /** An empty histogram answers its max as 0 (no tick yet). */
  private longest(): number {
    return this.histogram.count > 0 ? this.histogram.max : 0;
  }
}

export interface EngineComparison {
  readonly fnP50Ms: Record<string, number>;
  readonly duckdbP50Ms: Record<string, number>;
  readonly sqliteP50Ms: Record<string, number>;
  readonly mismatches: Record<string, number>;
  readonly compared: number;
  readonly buildMs: { rows: number; sqlite: number; duckdb: number };
}

/** samlogg's projection function, DuckDB and SQLite on the same questions; every answer compared. */
export async function compareEngines(register: PassRegister, dir: string, byShape: ReadonlyMap<Shape, readonly Question[]>, say: (line: string) => void): Promise<EngineComparison> {
  let t = performance.now();
  const rows = readModelRows(register);
  const rowsMs = performance.now() - t;
  t = performance.now();
  const sqlite = sqliteEngine(join(dir, 'read-model.db'), rows);
  const sqliteMs = performance.now() - t;
  t = performance.now();
  const duckdb = await duckdbEngine(rows);
  const duckdbMs = performance.now() - t;
  say(`  read models from the same register: ${rows.encounters.length} encounter rows, ${rows.byUnit.length} encounter × unit rows (${Math.round(rowsMs)} ms); SQLite with covering indexes ${Math.round(sqliteMs)} ms, DuckDB (threads=1) ${Math.round(duckdbMs)} ms`);
  const fnP50Ms: Record<string, number> = {};
  const duckdbP50Ms: Record<string, number> = {};
  const sqliteP50Ms: Record<string, number> = {};
  const mismatches: Record<string, number> = {};
  let compared = 0;
  try {
    for (const [shape, list] of byShape) {
      const fn: number[] = [];
      const duck: number[] = [];
      const lite: number[] = [];
      let wrong = 0;
      for (const q of list) {
        let s = performance.now();
        const answer = projectionAnswer(register, q);
        fn.push(performance.now() - s);
        if (shape === 'figures') continue;
        const ours = canonical(shape, answer as Statistics);
        const [from, to] = [dateNum(q.from), dateNum(q.to)];
        s = performance.now();
        const d = await duckdb.answer(shape, from, to);
        duck.push(performance.now() - s);
        s = performance.now();
        const l = await sqlite.answer(shape, from, to);
        lite.push(performance.now() - s);
        if (d !== ours || l !== ours) wrong += 1;
        compared += 1;
      }
      fnP50Ms[shape] = median(fn);
      if (shape !== 'figures') {
        duckdbP50Ms[shape] = median(duck);
        sqliteP50Ms[shape] = median(lite);
        mismatches[shape] = wrong;
        say(`  ${shape}: projection function p50 ${fnP50Ms[shape].toFixed(2)} ms, DuckDB ${duckdbP50Ms[shape].toFixed(2)} ms (${(duckdbP50Ms[shape] / fnP50Ms[shape]).toFixed(1)}×), SQLite ${sqliteP50Ms[shape].toFixed(2)} ms (${(sqliteP50Ms[shape] / fnP50Ms[shape]).toFixed(1)}×); ${list.length} questions, ${wrong} answers differing`);
      } else {
        say(`  figures: projection function p50 ${fnP50Ms[shape].toFixed(2)} ms over ${list.length} questions`);
      }
    }
  } finally {
    await duckdb.close();
    await sqlite.close();
  }
  return { fnP50Ms, duckdbP50Ms, sqliteP50Ms, mismatches, compared, buildMs: { rows: rowsMs, sqlite: sqliteMs, duckdb: duckdbMs } };
}

/**
 * compareEngines in a child process (bench-engines-child.ts) over the same log: the read models'
 * memory is then the child's, and the server's process is measured alone. Answers the comparison,
 * the child's peak RSS and the position its register was at.
 */
export function compareEnginesInChild(storePath: string, dir: string, byShape: ReadonlyMap<Shape, readonly Question[]>, say: (line: string) => void): Promise<{ comparison: EngineComparison; maxRssMb: number; position: number }> {
  return jsonFromChild(
    "the engines' child",
    ['--import', 'tsx', '--expose-gc', fileURLToPath(new URL('bench-engines-child.ts', import.meta.url))],
    { SAMLOGG_BENCH_ENGINES: JSON.stringify({ storePath, dir, questions: [...byShape] }) },
    say,
  );
}

/** The fields of autocannon's result read here. */
export interface VariedLoadResult {
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly requests: { readonly average: number; readonly total: number };
  readonly statusCodeStats?: Record<string, { count: number }>;
}

/** autocannon in a child process, each request the next body of `bodies` (a file of JSON strings). */
const VARIED_LOAD_CHILD = `
const { readFileSync } = await import('node:fs');
const { default: autocannon } = await import(process.env.SAMLOGG_BENCH_AUTOCANNON);
const options = JSON.parse(process.env.SAMLOGG_BENCH_LOAD);
const bodies = JSON.parse(readFileSync(options.bodiesFile, 'utf8'));
let next = 0;
const result = await autocannon({ ...options, requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }] });
process.stdout.write(JSON.stringify(result));
`;

export function runVariedLoad(url: string, authorization: string, bodies: readonly string[], file: string, connections: number, seconds: number): Promise<VariedLoadResult> {
  writeFileSync(file, JSON.stringify(bodies));
  const options = { url, method: 'POST', headers: { 'content-type': 'application/json', authorization }, connections, duration: seconds, pipelining: 1, bodiesFile: file };
  return autocannonInChild<VariedLoadResult>(VARIED_LOAD_CHILD, options);
}

/**
 * The load generator's nice level. The bench's clients share this machine's two cores with the
 * server, where a deployment's clients are other machines: at an equal level the scheduler gives
 * autocannon the server's core for a time slice at a time (tens of ms), which the event-loop watch
 * then counts as the server's block. At 19, the lowest priority, the server runs first whenever it
 * has work; autocannon runs on what is left (in runs at 10 and 19 the loads' requests per second
 * were the same to within the runs' spread, and the waits for a core were shorter at 19).
 */
export const LOAD_GENERATOR_NICE = 19;

/**
 * Runs a child Node process with `script` (which imports autocannon from SAMLOGG_BENCH_AUTOCANNON and
 * reads its options from SAMLOGG_BENCH_LOAD), so the load generator has its own event loop; the child
 * prints autocannon's result as JSON.
 */
export function autocannonInChild<T>(script: string, options: object): Promise<T> {
  return jsonFromChild<T>('autocannon', ['--input-type=module', '-e', script], { SAMLOGG_BENCH_AUTOCANNON: import.meta.resolve('autocannon'), SAMLOGG_BENCH_LOAD: JSON.stringify(options) }, undefined, { nice: LOAD_GENERATOR_NICE });
}

/** Polls /healthz while `work` runs; answers the slowest answer in ms. */
export async function healthzDuring<T>(healthzUrl: string, work: () => Promise<T>): Promise<{ result: T; healthzMaxMs: number; healthzFailures: number }> {
  let healthzMaxMs = 0;
  let healthzFailures = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      try {
        const response = await fetch(healthzUrl);
        await response.arrayBuffer();
        if (!response.ok) healthzFailures += 1;
      } catch {
        healthzFailures += 1;
      }
      healthzMaxMs = Math.max(healthzMaxMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const result = await work();
    return { result, healthzMaxMs, healthzFailures };
  } finally {
    done = true;
    await poll;
  }
}

/** Raw better-sqlite3 on the same disk: single-row commits per second, and rows per second at 50 rows a commit. */
export function rawCommits(path: string): { commitsPerSec: number; rows50PerSec: number } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
  const payload = JSON.stringify({ passId: '00000000-0000-4000-8000-000000000000', date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] });
  const one = db.transaction(() => insert.run(payload));
  const fifty = db.transaction(() => {
    for (let i = 0; i < 50; i += 1) insert.run(payload);
  });
  let t = performance.now();
  for (let i = 0; i < 1000; i += 1) one();
  const commitsPerSec = 1000 / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < 200; i += 1) fifty();
  const rows50PerSec = (200 * 50) / ((performance.now() - t) / 1000);
  db.close();
  return { commitsPerSec, rows50PerSec };
}


