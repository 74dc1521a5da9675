import { DateTime } from 'luxon';
import { domainError, type DomainError } from './errors.js';
import { stockholmDate, ZONE } from './time.js';

/** What every decider answers: new events, or the one rule the command broke. */
export type DecisionOf<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const refuse = <E>(error: DomainError): DecisionOf<E> => ({ ok: false, error });
export const decided = <E>(...events: E[]): DecisionOf<E> => ({ ok: true, events });

/**
 * Emmett's decider (`typing/decider.ts`) for one stream category, with what Emmett leaves to the
 * closure passed in: the clock (`now`), and `given`, what the decider may know beyond its own stream
 * (other streams' facts, who decides), which the shell looks up. Pure: no I/O, no clock of its own.
 */
export interface Decider<C, S, E, Given = undefined> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S, now: Date, given: Given): DecisionOf<E & { occurredAt: string }>;
}

export function notInFuture(field: string, date: string, now: Date): DomainError | undefined {
  return date > stockholmDate(now)
    ? domainError('BAD_USER_INPUT', field, `must not be in the future (today is ${stockholmDate(now)} in Stockholm)`)
    : undefined;
}

export function nowInStockholm(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;
}
