/**
 * The bench's comparison engines in a process of their own: DuckDB and the SQLite read model hold
 * every encounter row again, and in the server's process they were most of its peak RSS. This child
 * opens the same log, loads the same register from the saved state (caught up to the same head),
 * answers the questions with samlogg's projection function, DuckDB and SQLite, compares every answer,
 * and prints the comparison and its own peak RSS as one JSON line. Progress goes to stderr.
 *
 * Input (env SAMLOGG_BENCH_ENGINES, JSON): { storePath, dir, questions: [[shape, Question[]], …] }.
 */
import { passRegister } from '../projections/pass-register.js';
import { openProjectionEngine } from '../src/projections/engine.js';
import { PROJECTIONS } from '../src/projections/registry.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { compareEngines, type Question, type Shape } from './bench-uncached.js';

const input = JSON.parse(process.env.SAMLOGG_BENCH_ENGINES ?? '{}') as { storePath: string; dir: string; questions: Array<[Shape, Question[]]> };
const store = openSqliteStore(input.storePath, { create: false });
const engine = await openProjectionEngine(store, store.projectionStates, PROJECTIONS);
const caughtUp = await engine.catchUp();
const comparison = await compareEngines(engine.state(passRegister), input.dir, new Map(input.questions), (line) => process.stderr.write(`${line}\n`));
const maxRssMb = process.resourceUsage().maxRSS / 1024;
await engine.close();
await store.close();
process.stdout.write(`${JSON.stringify({ comparison, position: caughtUp.position, maxRssMb })}\n`);
