import { HOME_KOMMUN_VALUES } from '../../src/domain/kommun.js';
import { formatTertial, tertialOfDate } from '../../src/domain/time.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../../src/domain/vocabulary.js';
import { dateNumber, dateString, EXPOSED_CODE, isJointBits, UNDER_18_AGE_CODES, RETRACTED, unitsOf, type PassRegister } from '../../projections/pass-register-rows.js';
import {
  ENCOUNTER_DIMENSIONS,
  NOT_GIVEN,
  PASS_DIMENSIONS,
  type Statistics,
  type StatisticsContext,
  type StatisticsCounts,
  type StatisticsDimension,
  type StatisticsQuery,
} from '../../queries/statistics.js';

/**
 * The test oracle: the statistics as first written (strings joined into keys, a Map of groups, a Set
 * of passes per group, every encounter scanned). Slow, plainly right; projections/statistics.ts must
 * give the same answer on every query.
 */

interface Acc extends StatisticsCounts {
  readonly parts: string[];
  readonly passSet: Set<number>;
}

function codes<T extends string>(all: readonly T[], chosen: readonly T[] | undefined): Set<number> | undefined {
  return chosen ? new Set(chosen.map((v) => all.indexOf(v)).filter((i) => i >= 0)) : undefined;
}

export function referenceStatistics(register: PassRegister, query: StatisticsQuery, context?: StatisticsContext): Statistics {
  const from = dateNumber(query.from);
  const to = dateNumber(query.to);
  const passDims = query.groupBy.filter((d): d is (typeof PASS_DIMENSIONS)[number] => (PASS_DIMENSIONS as readonly string[]).includes(d));
  const encounterDims = query.groupBy.filter((d): d is (typeof ENCOUNTER_DIMENSIONS)[number] => (ENCOUNTER_DIMENSIONS as readonly string[]).includes(d));
  const unitFilter = query.units ? query.units.reduce((bits, u) => bits | (1 << UNITS.indexOf(u)), 0) : 0;
  const kindFilter = codes(PASS_KINDS, query.passKinds);
  const roleFilter = codes(ROLES, query.roles);
  const ageFilter = codes(AGE_BANDS, query.ageBands);
  const genderFilter = query.genders ? new Set(query.genders.map((g) => GENDERS.indexOf(g) + 1)) : undefined;
  const kommunFilter = codes(HOME_KOMMUN_VALUES, query.homeKommuner);
  const locationFilter = codes(LOCATION_TYPES, query.raidLocationTypes);
  if (encounterDims.includes('AGREEMENT_STATUS') && !context) throw new Error('grouping by AGREEMENT_STATUS needs the agreements (a StatisticsContext)');
  // One answer per home kommun and pass date: the same few pairs recur across thousands of encounters.
  const statusCache = new Map<number, string>();
  const agreementStatusOf = (kommun: number, date: number): string => {
    const key = kommun * 100_000_000 + date;
    let status = statusCache.get(key);
    if (status === undefined) {
      status = context?.agreementStatus(HOME_KOMMUN_VALUES[kommun] as string, dateString(date)) ?? NOT_GIVEN;
      statusCache.set(key, status);
    }
    return status;
  };
  const encounterCriteria =
    encounterDims.length > 0 || roleFilter || ageFilter || genderFilter || kommunFilter || locationFilter || query.under18 !== undefined;

  const groups = new Map<string, Acc>();
  const total: Acc = { parts: [], passSet: new Set(), passes: 0, encounters: 0, exposed: 0, suspectedBuyers: 0, under18: 0, offeredSupport: 0 };
  const accFor = (parts: string[]): Acc => {
    const key = parts.join('\u0000');
    let acc = groups.get(key);
    if (!acc) {
      acc = { parts, passSet: new Set(), passes: 0, encounters: 0, exposed: 0, suspectedBuyers: 0, under18: 0, offeredSupport: 0 };
      groups.set(key, acc);
    }
    return acc;
  };

  // Each included pass's combinations of pass-level values (a pass counts under each of its units).
  const p = register.passes.cols;
  const passParts: Array<string[][] | undefined> = new Array(register.passes.count);
  for (let row = 0; row < register.passes.count; row += 1) {
    const date = p.date[row] as number;
    const units = p.units[row] as number;
    if (p.retracted[row] || date < from || date > to) continue;
    if (query.jointOnly && !isJointBits(units)) continue;
    if (unitFilter && (units & unitFilter) === 0) continue;
    if (kindFilter && !kindFilter.has(p.kind[row] as number)) continue;
    let combos: string[][] = [[]];
    for (const dim of passDims) {
      const values =
        dim === 'TERTIAL' ? [formatTertial(tertialOfDate(dateString(date)))]
        : dim === 'MONTH' ? [dateString(date).slice(0, 7)]
        : dim === 'UNIT' ? unitsOf(units)
        : [PASS_KINDS[p.kind[row] as number] as string];
      combos = combos.flatMap((combo) => values.map((v) => [...combo, v]));
    }
    passParts[row] = combos;
    if (!encounterCriteria) {
      total.passSet.add(row);
      for (const combo of combos) accFor(combo).passSet.add(row);
    }
  }

  const e = register.encounters.cols;
  const raidLocation = register.raids.cols.locationType;
  for (let row = 0; row < register.encounters.count; row += 1) {
    const pass = e.pass[row] as number;
    const combos = passParts[pass];
    if (!combos || ((e.flags[row] as number) & RETRACTED) !== 0) continue;
    const minor = UNDER_18_AGE_CODES.has(e.ageBand[row] as number);
    const raid = e.raid[row] as number;
    const location = raid >= 0 ? (raidLocation[raid] as number) : -1;
    if (roleFilter && !roleFilter.has(e.role[row] as number)) continue;
    if (ageFilter && !ageFilter.has(e.ageBand[row] as number)) continue;
    if (query.under18 !== undefined && minor !== query.under18) continue;
    if (genderFilter && !genderFilter.has(e.gender[row] as number)) continue;
    if (kommunFilter && !kommunFilter.has(e.homeKommun[row] as number)) continue;
    if (locationFilter && !locationFilter.has(location)) continue;
    const parts = encounterDims.map((dim) => {
      switch (dim) {
        case 'RAID_LOCATION_TYPE':
          return location >= 0 ? (LOCATION_TYPES[location] as string) : NOT_GIVEN;
        case 'ROLE':
          return ROLES[e.role[row] as number] as string;
        case 'AGE_BAND':
          return AGE_BANDS[e.ageBand[row] as number] as string;
        case 'UNDER_18':
          return String(minor);
        case 'GENDER':
          return (e.gender[row] as number) > 0 ? (GENDERS[(e.gender[row] as number) - 1] as string) : NOT_GIVEN;
        case 'HOME_KOMMUN':
          return HOME_KOMMUN_VALUES[e.homeKommun[row] as number] as string;
        case 'AGREEMENT_STATUS':
          return agreementStatusOf(e.homeKommun[row] as number, p.date[pass] as number);
      }
    });
    const exposed = e.role[row] === EXPOSED_CODE;
    const supported = e.supportOffered[row] !== 0;
    for (const acc of [total, ...combos.map((combo) => accFor([...combo, ...parts]))]) {
      acc.passSet.add(pass);
      acc.encounters += 1;
      if (exposed) acc.exposed += 1;
      else acc.suspectedBuyers += 1;
      if (minor) acc.under18 += 1;
      if (supported) acc.offeredSupport += 1;
    }
  }

  const dims = [...passDims, ...encounterDims];
  const counts = (acc: Acc): StatisticsCounts => ({
    passes: acc.passSet.size,
    encounters: acc.encounters,
    exposed: acc.exposed,
    suspectedBuyers: acc.suspectedBuyers,
    under18: acc.under18,
    offeredSupport: acc.offeredSupport,
  });
  const rows = query.groupBy.length === 0 ? [] : [...groups.values()]
    .sort((a, b) => (a.parts.join('\u0000') < b.parts.join('\u0000') ? -1 : 1))
    .map((acc) => ({
      key: acc.parts
        .map((value, i) => ({ dimension: dims[i] as StatisticsDimension, value }))
        .sort((a, b) => query.groupBy.indexOf(a.dimension) - query.groupBy.indexOf(b.dimension)),
      ...counts(acc),
    }));
  return { rows, total: counts(total) };
}
