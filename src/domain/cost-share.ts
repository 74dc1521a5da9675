import { domainError, type DomainError } from './errors.js';
import { COUNTY_KOMMUNER, POPULATION_YEARS, type CountyKommun } from './county-offer.js';

/**
 * The county offer's cost shared by population (seed 002: 4.0 MSEK a year for five positions, shared
 * by the kommuner's population). Pure: which kommuner form the base is decided by the caller.
 */

export const COST_SHARE_BASES = ['COUNTY', 'CONNECTED'] as const;
export type CostShareBase = (typeof COST_SHARE_BASES)[number];

export interface CostShareRow {
  readonly kommun: { readonly code: string; readonly name: string };
  readonly population: number;
  readonly amountSek: number;
}

export interface CostShare {
  readonly totalSek: number;
  readonly populationYear: number;
  readonly base: CostShareBase;
  /** The date whose connected kommuner form a CONNECTED base. */
  readonly on?: string;
  readonly population: number;
  readonly rows: CostShareRow[];
}

/** The kommuner of the COUNTY base: all of Stockholms län, the provider Stockholms stad included. */
export function countyBase(): CountyKommun[] {
  return COUNTY_KOMMUNER.filter((k) => k.inStockholmsLan);
}

/**
 * Shares `totalSek` by population in whole kronor with the largest-remainder method: each kommun gets
 * the whole kronor of its exact share, and the kronor left over go one each to the largest fractions
 * (ties: the larger population, then the lower code), so the rows always sum exactly to the total.
 * Integer arithmetic throughout, so no rounding error decides who gets a krona.
 */
export function costShare(
  totalSek: number,
  populationYear: number,
  base: CostShareBase,
  kommuner: readonly CountyKommun[],
  on?: string,
): { ok: true; share: CostShare } | { ok: false; error: DomainError } {
  if (!Number.isSafeInteger(totalSek) || totalSek < 0) {
    return { ok: false, error: domainError('BAD_USER_INPUT', 'totalSek', 'must be a whole number of kronor, zero or more') };
  }
  if (!POPULATION_YEARS.includes(populationYear)) {
    return { ok: false, error: domainError('BAD_USER_INPUT', 'populationYear', `must be a year with population figures in the reference data (${POPULATION_YEARS.join(', ')})`) };
  }
  const missing = kommuner.filter((k) => k.population[populationYear] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      error: domainError('BAD_USER_INPUT', 'base', `includes kommuner without a population figure for that year in the reference data (${missing.map((k) => k.name).join(', ')})`),
    };
  }
  if (kommuner.length === 0) {
    return { ok: false, error: domainError('BAD_USER_INPUT', 'base', 'names no kommun on that date: there is nobody to share the cost') };
  }
  const populations = kommuner.map((k) => BigInt(k.population[populationYear] as number));
  const sum = populations.reduce((a, b) => a + b, 0n);
  const total = BigInt(totalSek);
  const parts = kommuner.map((k, i) => {
    const product = total * (populations[i] as bigint);
    return { k, population: populations[i] as bigint, whole: product / sum, remainder: product % sum };
  });
  let left = total - parts.reduce((n, p) => n + p.whole, 0n);
  const order = [...parts].sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1)
    : a.population !== b.population ? (a.population > b.population ? -1 : 1)
    : a.k.code < b.k.code ? -1 : 1,
  );
  const extra = new Set<CountyKommun>();
  for (const part of order) {
    if (left <= 0n) break;
    extra.add(part.k);
    left -= 1n;
  }
  const rows = parts.map((p) => ({
    kommun: { code: p.k.code, name: p.k.name },
    population: Number(p.population),
    amountSek: Number(p.whole + (extra.has(p.k) ? 1n : 0n)),
  }));
  return { ok: true, share: { totalSek, populationYear, base, ...(on ? { on } : {}), population: Number(sum), rows } };
}
