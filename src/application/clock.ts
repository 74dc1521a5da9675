import { parseInstant } from '../domain/time.js';
import { environmentOf } from './environment.js';

/** What "now" is for a command, a default period or an audit record: passed in, so no rule depends on the host's date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that starts at `start` and then runs at the host's pace, so recorded times still move forward. */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}

/**
 * SAMLOGG_NOW (an ISO-8601 instant; without an offset it is Stockholm time) sets the clock for tests
 * and demonstrations. Production never honours it: a moved clock would let anyone backdate the log.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const value = env.SAMLOGG_NOW;
  if (value === undefined || value === '') return systemClock;
  if (environmentOf(env.NODE_ENV) === 'production') throw new Error('SAMLOGG_NOW: is not honoured in production (NODE_ENV production, or a value that is not development or test); unset it');
  const start = parseInstant(value);
  if (!start) throw new Error('SAMLOGG_NOW: must be an ISO-8601 instant, e.g. 2026-11-15T12:00:00+01:00');
  return clockStartingAt(start);
}
