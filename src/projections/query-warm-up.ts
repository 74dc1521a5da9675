import { dateNumber, dateString, type PassRegister } from '../../projections/pass-register-rows.js';
import { statistics, type StatisticsQuery } from '../../queries/statistics.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { encounterIndexReady } from './encounter-index-preparation.js';
import { inSlices } from './steps.js';

/**
 * The shapes the first users ask: the report's tables and the beredningsgrupp's usual groupings, one
 * with filters. AGREEMENT_STATUS needs the agreements and is left to its first question.
 */
const SHAPES: ReadonlyArray<Omit<StatisticsQuery, 'from' | 'to'>> = [
  { groupBy: ['UNIT', 'AGE_BAND'] },
  { groupBy: ['TERTIAL', 'ROLE', 'HOME_KOMMUN'] },
  { groupBy: ['ROLE'] },
  { groupBy: ['MONTH', 'PASS_KIND', 'UNDER_18'], jointOnly: true, roles: ['EXPOSED'] },
];
/**
 * Periods of these lengths in days (0: the whole log), ending at different days back from the last
 * pass. A few are enough to have V8 compile the query functions; each costs a start's first
 * requests CPU (150 ms in all at 1M events for the twenty questions), an as-of report among them.
 * Shortest first: the first questions run as slow code, so they are the ones over fewest rows (at 1M
 * the longest warm-up question went from 26–44 ms to 14–25 ms with the whole log asked last).
 */
const LENGTHS = [30, 120, 365, 0];
const PERIODS = 4;

const daysBefore = (date: number, days: number) => dateNumber(new Date(Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, (date % 100) - days)).toISOString());

/** Periods spread over the register's dates, each a different question. */
function warmUpPeriods(register: PassRegister): Array<{ from: string; to: string }> {
  const dates = register.passes.cols.date;
  let first = Infinity;
  let last = -Infinity;
  for (let p = 0; p < register.passes.count; p += 1) {
    const d = dates[p] as number;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  if (first > last) return [];
  return Array.from({ length: PERIODS }, (_, k) => {
    const to = Math.max(first, daysBefore(last, k * 37));
    const length = LENGTHS[k % LENGTHS.length] as number;
    const from = length === 0 ? first : Math.max(first, daysBefore(to, length));
    return { from: dateString(from), to: dateString(to) };
  });
}

function* warmUpQuestions(register: PassRegister): Generator<void, number> {
  let asked = 0;
  for (const period of warmUpPeriods(register)) {
    steeringFigures(register, period);
    asked += 1;
    yield;
    for (const shape of SHAPES) {
      statistics(register, { ...shape, ...period });
      asked += 1;
      yield;
    }
  }
  return asked;
}

/**
 * Asks the served register the queries' usual questions once after a start, one question per turn
 * of the event loop, and forgets the answers. A query function's first runs over a large register
 * are slow code (V8 interprets it until it has compiled it for the register's arrays): at 1M events
 * the first steeringFigures took 32 ms and the first statistics 14 ms, in the first user's request.
 * Pure calls: nothing is appended, read from the log or cached. Answers how many questions it asked.
 */
export async function warmUpQueries(register: PassRegister): Promise<number> {
  await encounterIndexReady(register);
  return inSlices(warmUpQuestions(register), 0);
}
