import { DateTime } from 'luxon';
import { domainError, type DomainError } from './errors.js';
import { stockholmDate, ZONE } from './time.js';

/** What the county-offer deciders answer: new events, or the one rule the command broke. */
export type DecisionOf<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const refuse = <E>(error: DomainError): DecisionOf<E> => ({ ok: false, error });
export const decided = <E>(...events: E[]): DecisionOf<E> => ({ ok: true, events });

export function notInFuture(field: string, date: string, now: Date): DomainError | undefined {
  return date > stockholmDate(now)
    ? domainError('BAD_USER_INPUT', field, `must not be in the future (today is ${stockholmDate(now)} in Stockholm)`)
    : undefined;
}

export function nowInStockholm(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISO({ suppressMilliseconds: true }) as string;
}
