import { AGREEMENT_START, formatTertial, previousTertial, stockholmDate, tertialOfDate, tertialRange, type Tertial } from '../domain/time.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { figuresChange, tertialSummary, type TertialSummary } from '../../queries/tertial-summary.js';

/**
 * The period a report covers: a tertial (the agreement's T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec) or a
 * calendar year (the cooperation agreement is followed up yearly). Its name is the one in the
 * address: `2022-T2`, `2022`.
 */
export type ReportPeriod = { readonly kind: 'tertial'; readonly name: string; readonly tertial: Tertial; readonly from: string; readonly to: string } | { readonly kind: 'year'; readonly name: string; readonly year: number; readonly from: string; readonly to: string };

export type PeriodKind = ReportPeriod['kind'];

/** The first year with figures: the agreement began on 2021-04-01. */
const FIRST_YEAR = Number(AGREEMENT_START.slice(0, 4));

export function parseReportPeriod(kind: PeriodKind, name: string): ReportPeriod | undefined {
  if (kind === 'tertial') {
    const match = /^(\d{4})-T([123])$/.exec(name);
    if (!match) return undefined;
    const tertial = { year: Number(match[1]), number: Number(match[2]) as 1 | 2 | 3 };
    return { kind, name, tertial, ...tertialRange(tertial) };
  }
  if (!/^\d{4}$/.test(name)) return undefined;
  const year = Number(name);
  return { kind, name, year, from: `${name}-01-01`, to: `${name}-12-31` };
}

const next = (t: Tertial): Tertial => (t.number === 3 ? { year: t.year + 1, number: 1 } : { year: t.year, number: (t.number + 1) as 2 | 3 });

/** The period holding `today` (Stockholm), of the same kind. */
export function currentPeriod(kind: PeriodKind, now: Date): ReportPeriod {
  const today = stockholmDate(now);
  return parseReportPeriod(kind, kind === 'tertial' ? formatTertial(tertialOfDate(today)) : today.slice(0, 4)) as ReportPeriod;
}

/** Every period from the agreement's first to the current one, newest first: what the picker offers. */
export function periodChoices(kind: PeriodKind, now: Date): string[] {
  const current = currentPeriod(kind, now);
  const names: string[] = [];
  if (current.kind === 'year') for (let year = current.year; year >= FIRST_YEAR; year -= 1) names.push(String(year));
  else for (let t = current.tertial; t.year > FIRST_YEAR || (t.year === FIRST_YEAR && t.number >= 1); t = previousTertial(t)) names.push(formatTertial(t));
  return names;
}

/** The periods before and after, within the ones the picker offers (none after the current one). */
export function neighbours(period: ReportPeriod, now: Date): { previous: string | null; next: string | null } {
  const choices = periodChoices(period.kind, now);
  const previous = period.kind === 'year' ? String(period.year - 1) : formatTertial(previousTertial(period.tertial));
  const after = period.kind === 'year' ? String(period.year + 1) : formatTertial(next(period.tertial));
  return { previous: choices.includes(previous) ? previous : null, next: choices.includes(after) ? after : null };
}

/**
 * The steering figures of the period beside those before it and a year before, and since the
 * agreement. For a year, the one before and the one a year before are the same year.
 */
export function periodSummary(register: PassRegister, period: ReportPeriod): TertialSummary {
  if (period.kind === 'tertial') return tertialSummary(register, period.tertial);
  const of = (year: number) => ({ ...steeringFigures(register, { from: `${year}-01-01`, to: `${year}-12-31` }), tertial: String(year) });
  const current = of(period.year);
  const previous = of(period.year - 1);
  return {
    tertial: period.name,
    current,
    previous,
    sameTertialLastYear: previous,
    cumulative: steeringFigures(register, { from: AGREEMENT_START, to: period.to }),
    changeFromPrevious: figuresChange(current, previous),
    changeFromSameTertialLastYear: figuresChange(current, previous),
  };
}
