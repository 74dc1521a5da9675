/**
 * `npm run bench -- --only-uncached-functions`: the uncached phase's projection functions alone, against
 * DuckDB and SQLite on the same rows in the same run, without the store, the server or the loads.
 *
 * The bench's log is generated as in the full run and folded in memory into the pass register (no SQLite
 * file, no rebuild), so a kernel change can be measured at 1M events in about a minute; the figures and
 * JSON keys are the full run's `uncached…FnP50Ms`, `…DuckdbP50Ms`, `…SqliteP50Ms` and the two ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passRegister } from '../projections/pass-register.js';
import { decodeEvent } from '../src/domain/event-decoding.js';
import type { PassRegister } from '../projections/pass-register-rows.js';
import type { RecordedEvent } from '../src/store/port.js';
import { firstRevision, LogGenerator } from './bench-log.js';
import { compareEngines, questions, SHAPES, type Question, type Shape } from './bench-uncached.js';

interface FunctionsOnlyOptions {
  readonly events: number;
  readonly seed: number;
  readonly uncachedQuestions: number;
  readonly dir?: string;
}

/** The bench's log of `events` events, folded in memory into the pass register. */
export function foldBenchLog(events: number, seed: number): PassRegister {
  const generator = new LogGenerator(seed, events);
  let register = passRegister.init();
  let position = 0;
  const recordedAt = '2027-01-01T00:00:00.000Z';
  while (generator.emitted < events) {
    for (const request of generator.nextBatch(1000, events)) {
      let revision = firstRevision(request.expectedRevision);
      for (const event of request.events) {
        position += 1;
        const recorded: RecordedEvent = { id: event.id, streamId: request.streamId, revision, position, type: event.type, data: event.data, metadata: event.metadata, recordedAt };
        register = passRegister.apply(register, decodeEvent(recorded));
        revision += 1;
      }
    }
  }
  return register;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

export async function uncachedFunctionsOnly(options: FunctionsOnlyOptions, say: (line: string) => void): Promise<Record<string, number>> {
  let t = performance.now();
  const register = foldBenchLog(options.events, options.seed);
  say(`  ${options.events} events folded in memory in ${Math.round(performance.now() - t)} ms: ${register.passes.count} passes, ${register.encounters.count} encounters`);
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'samlogg-bench-fn-'));
  try {
    // The same seeds as the full run's uncached phase, so the questions are the same.
    const used = new Set<string>();
    const byShape = new Map<Shape, Question[]>(SHAPES.map((shape, i) => [shape, questions(options.seed + 100 + i, shape, options.uncachedQuestions, used)]));
    t = performance.now();
    const c = await compareEngines(register, dir, byShape, say);
    say(`  compared in ${Math.round(performance.now() - t)} ms`);
    const statShapes = SHAPES.filter((s) => s !== 'figures');
    const flat: Record<string, number> = {
      events: options.events,
      uncachedQuestionsCompared: c.compared,
      uncachedAnswersDiffering: Object.values(c.mismatches).reduce((n, m) => n + m, 0),
    };
    for (const shape of SHAPES) {
      const key = shape === 'figures' ? 'uncachedFigures' : `uncachedStatistics${shape.slice('statistics'.length)}`;
      flat[`${key}FnP50Ms`] = round(c.fnP50Ms[shape] as number, 2);
      if (shape !== 'figures') {
        flat[`${key}DuckdbP50Ms`] = round(c.duckdbP50Ms[shape] as number, 2);
        flat[`${key}SqliteP50Ms`] = round(c.sqliteP50Ms[shape] as number, 2);
      }
    }
    flat.uncachedStatisticsVsDuckdb = round(Math.min(...statShapes.map((s) => (c.duckdbP50Ms[s] as number) / (c.fnP50Ms[s] as number))), 2);
    flat.uncachedStatisticsVsSql = round(Math.min(...statShapes.map((s) => (c.sqliteP50Ms[s] as number) / (c.fnP50Ms[s] as number))), 2);
    return flat;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
