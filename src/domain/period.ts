import { domainError, type DomainError } from './errors.js';
import { AGREEMENT_START, isLocalDate, parseTertial, stockholmDate, tertialRange } from './time.js';

/** A period of pass dates, both ends inclusive, as the CLI and the API take it. */
export interface Period {
  readonly from: string;
  readonly to: string;
  readonly tertial?: string;
}

interface PeriodInput {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly tertial?: string | undefined;
}

/**
 * `tertial` alone, or `from`/`to` (each defaulting to the agreement of April 2021 and today).
 * Mixing the two is refused rather than guessed at.
 */
export function resolvePeriod(input: PeriodInput, now: Date): { ok: true; period: Period } | { ok: false; error: DomainError } {
  if (input.tertial !== undefined) {
    if (input.from !== undefined || input.to !== undefined) {
      return { ok: false, error: domainError('BAD_USER_INPUT', 'tertial', 'cannot be combined with from/to; give a tertial or a date range') };
    }
    const tertial = parseTertial(input.tertial);
    if (!tertial) return { ok: false, error: domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2') };
    return { ok: true, period: { ...tertialRange(tertial), tertial: input.tertial } };
  }
  for (const field of ['from', 'to'] as const) {
    const value = input[field];
    if (value !== undefined && !isLocalDate(value)) {
      return { ok: false, error: domainError('BAD_USER_INPUT', field, 'must be a real date written YYYY-MM-DD') };
    }
  }
  const from = input.from ?? AGREEMENT_START;
  const to = input.to ?? stockholmDate(now);
  if (from > to) {
    // Blame the field the caller gave: a lone `from` after today is that field's fault, not `to`'s.
    return input.to === undefined
      ? { ok: false, error: domainError('BAD_USER_INPUT', 'from', `must not be after today (${to} in Stockholm)`) }
      : { ok: false, error: domainError('BAD_USER_INPUT', 'to', 'must not be before from') };
  }
  return { ok: true, period: { from, to } };
}
