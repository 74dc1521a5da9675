import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { formatTertial, tertialOfDate } from '../src/domain/time.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../src/domain/vocabulary.js';
import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from '../src/domain/vocabulary.js';
import { firstByDate, passesByDate } from '../projections/pass-views.js';
import { dateNumber, dateString, EXPOSED_CODE, isJointBits, UNDER_18_AGE_CODES, RETRACTED, type PassRegister } from '../projections/pass-register-rows.js';

/**
 * Counts of passes and encounters for any period, filtered and grouped by the beredningsgrupp's
 * dimensions.
 *
 * Every request may be a new question, so this is the uncached path and it is built for it: the
 * passes are walked in date order from the first of the period (a binary search), each with its own
 * encounters; every dimension value is a small integer code, one mixed-radix number is the group's
 * key, counts sit in flat typed arrays by group, and a group's distinct passes are counted by
 * remembering the last pass that touched it (a pass's encounters come together). No strings, maps or
 * sets per encounter. test/support/statistics-reference.ts keeps the first, plain implementation as
 * the oracle this one is compared with on thousands of random queries.
 */

export const PASS_DIMENSIONS = ['TERTIAL', 'MONTH', 'UNIT', 'PASS_KIND'] as const;
export const ENCOUNTER_DIMENSIONS = ['RAID_LOCATION_TYPE', 'ROLE', 'AGE_BAND', 'UNDER_18', 'GENDER', 'HOME_KOMMUN', 'AGREEMENT_STATUS'] as const;
export type StatisticsDimension = (typeof PASS_DIMENSIONS)[number] | (typeof ENCOUNTER_DIMENSIONS)[number];

export interface StatisticsQuery {
  readonly from: string;
  readonly to: string;
  readonly groupBy: readonly StatisticsDimension[];
  /** Only passes where POLIS worked with a social-services unit. */
  readonly jointOnly?: boolean;
  readonly units?: readonly Unit[];
  readonly passKinds?: readonly PassKind[];
  readonly raidLocationTypes?: readonly LocationType[];
  readonly roles?: readonly Role[];
  readonly ageBands?: readonly AgeBand[];
  readonly under18?: boolean;
  readonly genders?: readonly Gender[];
  readonly homeKommuner?: readonly string[];
}

export interface StatisticsCounts {
  /** Distinct passes; with an encounter criterion, only passes with at least one matching encounter. */
  passes: number;
  encounters: number;
  exposed: number;
  suspectedBuyers: number;
  under18: number;
  offeredSupport: number;
}

export interface StatisticsRow extends StatisticsCounts {
  readonly key: Array<{ dimension: StatisticsDimension; value: string }>;
}

export interface Statistics {
  readonly rows: StatisticsRow[];
  readonly total: StatisticsCounts;
}

/** What the statistics need from outside the pass register: the county offer's agreements. */
export interface StatisticsContext {
  /** The encounter's place in the county offer (see projections/agreements.ts) by home kommun and pass date. */
  agreementStatus(homeKommun: string, passDate: string): string;
}

/** The value an encounter without one shows under a dimension (no gender given, not met in a raid). */
export const NOT_GIVEN = 'NOT_GIVEN';

// Encounter dimension codes, for the switch in the scan.
const D_LOCATION: number = 0;
const D_ROLE: number = 1;
const D_AGE: number = 2;
const D_UNDER_18: number = 3;
const D_GENDER: number = 4;
const D_KOMMUN: number = 5;

const DIRECT_KEYS = 1 << 16;

/** Allowed codes of a filter as a lookup table (1: allowed), or undefined without the filter. */
function allowed(codes: Iterable<number> | undefined, size: number): Uint8Array | undefined {
  if (!codes) return undefined;
  const table = new Uint8Array(size);
  for (const code of codes) if (code >= 0 && code < size) table[code] = 1;
  return table;
}

function indexes<T extends string>(all: readonly T[], chosen: readonly T[] | undefined): number[] | undefined {
  return chosen?.map((v) => all.indexOf(v)).filter((i) => i >= 0);
}

/** Counts by group slot, in flat columns that grow by doubling. */
class Accumulators {
  size = 0;
  passes: Int32Array;
  lastPass: Int32Array;
  encounters: Int32Array;
  exposed: Int32Array;
  under18: Int32Array;
  offeredSupport: Int32Array;
  keys: Float64Array;

  constructor(capacity: number) {
    this.passes = new Int32Array(capacity);
    this.lastPass = new Int32Array(capacity).fill(-1);
    this.encounters = new Int32Array(capacity);
    this.exposed = new Int32Array(capacity);
    this.under18 = new Int32Array(capacity);
    this.offeredSupport = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  add(key: number): number {
    if (this.size === this.keys.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A): A => {
        const b = new (a.constructor as new (n: number) => A)(a.length * 2);
        b.set(a);
        return b;
      };
      this.passes = grow(this.passes);
      this.lastPass = grow(this.lastPass);
      this.encounters = grow(this.encounters);
      this.exposed = grow(this.exposed);
      this.under18 = grow(this.under18);
      this.offeredSupport = grow(this.offeredSupport);
      this.keys = grow(this.keys);
    }
    const slot = this.size;
    this.size += 1;
    this.keys[slot] = key;
    this.lastPass[slot] = -1;
    return slot;
  }
}

/** Group key → slot: a dense table where the key space is middling, else a map. */
function slotIndex(keySpace: number, acc: Accumulators): (key: number) => number {
  if (keySpace <= 1 << 20) {
    const dense = new Int32Array(keySpace).fill(-1);
    return (key) => {
      let slot = dense[key] as number;
      if (slot < 0) {
        slot = acc.add(key);
        dense[key] = slot;
      }
      return slot;
    };
  }
  const map = new Map<number, number>();
  return (key) => {
    let slot = map.get(key);
    if (slot === undefined) {
      slot = acc.add(key);
      map.set(key, slot);
    }
    return slot;
  };
}

export function statistics(register: PassRegister, query: StatisticsQuery, context?: StatisticsContext): Statistics {
  if (new Set(query.groupBy).size !== query.groupBy.length) throw new Error('groupBy: must not name a dimension twice');
  const from = dateNumber(query.from);
  const to = dateNumber(query.to);
  const passDims = query.groupBy.filter((d): d is (typeof PASS_DIMENSIONS)[number] => (PASS_DIMENSIONS as readonly string[]).includes(d));
  const encounterDims = query.groupBy.filter((d): d is (typeof ENCOUNTER_DIMENSIONS)[number] => (ENCOUNTER_DIMENSIONS as readonly string[]).includes(d));
  if (encounterDims.includes('AGREEMENT_STATUS') && !context) throw new Error('grouping by AGREEMENT_STATUS needs the agreements (a StatisticsContext)');

  const unitFilter = query.units ? query.units.reduce((bits, u) => bits | (1 << UNITS.indexOf(u)), 0) : 0;
  const kindFilter = allowed(indexes(PASS_KINDS, query.passKinds), 256);
  const roleFilter = allowed(indexes(ROLES, query.roles), 256);
  const ageFilter = allowed(indexes(AGE_BANDS, query.ageBands), 256);
  const genderFilter = allowed(query.genders?.map((g) => GENDERS.indexOf(g) + 1), 256);
  const kommunFilter = allowed(indexes(HOME_KOMMUN_VALUES, query.homeKommuner), 65536);
  // Location code 0: not met in a raid; 1 + index otherwise.
  const locationFilter = allowed(indexes(LOCATION_TYPES, query.raidLocationTypes)?.map((i) => i + 1), LOCATION_TYPES.length + 1);
  const under18 = query.under18;
  const jointOnly = query.jointOnly === true;
  const encounterCriteria =
    encounterDims.length > 0 || roleFilter || ageFilter || genderFilter || kommunFilter || locationFilter || under18 !== undefined;
  const minorOf = new Uint8Array(256);
  for (const code of UNDER_18_AGE_CODES) minorOf[code] = 1;

  // The period's slice of the passes in date order.
  const order = passesByDate(register);
  const start = firstByDate(register, order, from);
  const end = firstByDate(register, order, to + 1);
  const p = register.passes.cols;
  const firstYear = start < end ? Math.floor((p.date[order[start] as number] as number) / 10000) : 0;
  const lastYear = start < end ? Math.floor((p.date[order[end - 1] as number] as number) / 10000) : 0;

  // The key: encounter digits first (fixed radices), then pass digits, then the agreement status
  // (its codes are handed out as statuses appear, so it is the open-ended, most significant digit).
  const encDims = encounterDims.filter((d) => d !== 'AGREEMENT_STATUS').map((d): number =>
    d === 'RAID_LOCATION_TYPE' ? D_LOCATION : d === 'ROLE' ? D_ROLE : d === 'AGE_BAND' ? D_AGE : d === 'UNDER_18' ? D_UNDER_18 : d === 'GENDER' ? D_GENDER : D_KOMMUN,
  );
  const radixOf = (d: number) =>
    d === D_LOCATION ? LOCATION_TYPES.length + 1 : d === D_ROLE ? ROLES.length : d === D_AGE ? AGE_BANDS.length : d === D_UNDER_18 ? 2 : d === D_GENDER ? GENDERS.length + 1 : HOME_KOMMUN_VALUES.length;
  const encRadix = encDims.reduce((n, d) => n * radixOf(d), 1);
  const byStatus = encounterDims.includes('AGREEMENT_STATUS');
  const years = lastYear - firstYear + 1;
  const passRadixOf = (d: (typeof PASS_DIMENSIONS)[number]) => (d === 'TERTIAL' ? years * 3 : d === 'MONTH' ? years * 12 : d === 'UNIT' ? UNITS.length : PASS_KINDS.length);
  let passRadix = 1;
  let unitStride = 0;
  const passStrides = passDims.map((d) => {
    const stride = passRadix;
    passRadix *= passRadixOf(d);
    if (d === 'UNIT') unitStride = stride;
    return stride;
  });
  const byUnit = passDims.includes('UNIT');
  const keySpace = encRadix * passRadix;

  // A small key space (most questions: [UNIT, AGE_BAND] has 40 keys) is indexed by the key itself.
  const direct = !byStatus && keySpace <= DIRECT_KEYS;
  const acc = new Accumulators(direct ? keySpace : 64);
  const touched = new Uint8Array(direct ? keySpace : 0);
  const slotOf = slotIndex(direct ? 0 : byStatus ? Number.POSITIVE_INFINITY : keySpace, acc);
  const statuses: string[] = [];
  const statusCodes = new Map<string, number>();
  const statusCache = new Map<number, number>();
  const statusCode = (kommun: number, date: number): number => {
    const cacheKey = kommun * 100_000_000 + date;
    let code = statusCache.get(cacheKey);
    if (code === undefined) {
      const status = context?.agreementStatus(HOME_KOMMUN_VALUES[kommun] as string, dateString(date)) ?? NOT_GIVEN;
      code = statusCodes.get(status);
      if (code === undefined) {
        code = statuses.length;
        statuses.push(status);
        statusCodes.set(status, code);
      }
      statusCache.set(cacheKey, code);
    }
    return code;
  };

  let totalPasses = 0;
  let totalEncounters = 0;
  let totalExposed = 0;
  let totalUnder18 = 0;
  let totalSupported = 0;
  const e = register.encounters.cols;
  const eRole = e.role;
  const eAge = e.ageBand;
  const eGender = e.gender;
  const eKommun = e.homeKommun;
  const eFlags = e.flags;
  const eSupport = e.supportOffered;
  const eRaid = e.raid;
  const raidLocation = register.raids.cols.locationType;
  const encountersOf = register.byPass.encounters;
  const unitCount = UNITS.length;
  const dimCount = encDims.length;
  // The pass's keys without the encounter digits: one per unit counted under (a pass counts under each of its units).
  const passUnits = new Float64Array(UNITS.length);

  for (let i = start; i < end; i += 1) {
    const pass = order[i] as number;
    const units = p.units[pass] as number;
    if (p.retracted[pass]) continue;
    if (jointOnly && !isJointBits(units)) continue;
    if (unitFilter && (units & unitFilter) === 0) continue;
    if (kindFilter && !kindFilter[p.kind[pass] as number]) continue;
    const date = p.date[pass] as number;
    let passBase = 0;
    for (let k = 0; k < passDims.length; k += 1) {
      const dim = passDims[k];
      const stride = passStrides[k] as number;
      if (dim === 'TERTIAL') passBase += ((Math.floor(date / 10000) - firstYear) * 3 + Math.floor(((Math.floor(date / 100) % 100) - 1) / 4)) * stride;
      else if (dim === 'MONTH') passBase += ((Math.floor(date / 10000) - firstYear) * 12 + (Math.floor(date / 100) % 100) - 1) * stride;
      else if (dim === 'PASS_KIND') passBase += (p.kind[pass] as number) * stride;
    }
    let combos = 0;
    if (byUnit) {
      for (let u = 0; u < unitCount; u += 1) if (units & (1 << u)) passUnits[combos++] = passBase + u * unitStride;
    } else {
      passUnits[combos++] = passBase;
    }

    if (!encounterCriteria) {
      totalPasses += 1;
      for (let c = 0; c < combos; c += 1) {
        const key = (passUnits[c] as number) * encRadix;
        const slot = direct ? key : slotOf(key);
        if (direct) touched[slot] = 1;
        acc.passes[slot] = (acc.passes[slot] as number) + 1;
      }
    }
    const rows = encountersOf[pass] as number[];
    let passCounted = false;
    for (let j = 0; j < rows.length; j += 1) {
      const row = rows[j] as number;
      if ((eFlags[row] as number) & RETRACTED) continue;
      const age = eAge[row] as number;
      const minor = minorOf[age] as number;
      const raid = eRaid[row] as number;
      const location = raid >= 0 ? (raidLocation[raid] as number) + 1 : 0;
      if (roleFilter && !roleFilter[eRole[row] as number]) continue;
      if (ageFilter && !ageFilter[age]) continue;
      if (under18 !== undefined && (minor === 1) !== under18) continue;
      if (genderFilter && !genderFilter[eGender[row] as number]) continue;
      if (kommunFilter && !kommunFilter[eKommun[row] as number]) continue;
      if (locationFilter && !locationFilter[location]) continue;
      let encKey = 0;
      let scale = 1;
      for (let k = 0; k < dimCount; k += 1) {
        const d = encDims[k] as number;
        let digit: number;
        let radix: number;
        switch (d) {
          case D_LOCATION:
            digit = location;
            radix = LOCATION_TYPES.length + 1;
            break;
          case D_ROLE:
            digit = eRole[row] as number;
            radix = ROLES.length;
            break;
          case D_AGE:
            digit = age;
            radix = AGE_BANDS.length;
            break;
          case D_UNDER_18:
            digit = minor;
            radix = 2;
            break;
          case D_GENDER:
            digit = eGender[row] as number;
            radix = GENDERS.length + 1;
            break;
          default:
            digit = eKommun[row] as number;
            radix = HOME_KOMMUN_VALUES.length;
        }
        encKey += digit * scale;
        scale *= radix;
      }
      const statusPart = byStatus ? statusCode(eKommun[row] as number, date) * keySpace : 0;
      const exposed = eRole[row] === EXPOSED_CODE ? 1 : 0;
      const supported = eSupport[row] !== 0 ? 1 : 0;
      if (!passCounted) {
        passCounted = true;
        if (encounterCriteria) totalPasses += 1;
      }
      totalEncounters += 1;
      totalExposed += exposed;
      totalUnder18 += minor;
      totalSupported += supported;
      for (let c = 0; c < combos; c += 1) {
        const key = statusPart + (passUnits[c] as number) * encRadix + encKey;
        const slot = direct ? key : slotOf(key);
        if (direct) touched[slot] = 1;
        if (encounterCriteria && acc.lastPass[slot] !== pass) {
          acc.lastPass[slot] = pass;
          acc.passes[slot] = (acc.passes[slot] as number) + 1;
        }
        acc.encounters[slot] = (acc.encounters[slot] as number) + 1;
        acc.exposed[slot] = (acc.exposed[slot] as number) + exposed;
        acc.under18[slot] = (acc.under18[slot] as number) + minor;
        acc.offeredSupport[slot] = (acc.offeredSupport[slot] as number) + supported;
      }
    }
  }

  const total: StatisticsCounts = {
    passes: totalPasses,
    encounters: totalEncounters,
    exposed: totalExposed,
    suspectedBuyers: totalEncounters - totalExposed,
    under18: totalUnder18,
    offeredSupport: totalSupported,
  };
  if (query.groupBy.length === 0) return { rows: [], total };

  // Back from a key to the values, in the order the first implementation joined them (pass
  // dimensions, then encounter dimensions), which also orders the rows.
  const passValue = (dim: (typeof PASS_DIMENSIONS)[number], digit: number): string => {
    if (dim === 'UNIT') return UNITS[digit] as string;
    if (dim === 'PASS_KIND') return PASS_KINDS[digit] as string;
    const year = firstYear + Math.floor(digit / (dim === 'TERTIAL' ? 3 : 12));
    const month = dim === 'TERTIAL' ? (digit % 3) * 4 + 1 : (digit % 12) + 1;
    const date = dateString(year * 10000 + month * 100 + 1);
    return dim === 'TERTIAL' ? formatTertial(tertialOfDate(date)) : date.slice(0, 7);
  };
  const encounterValue = (d: number, digit: number): string => {
    switch (d) {
      case D_LOCATION:
        return digit > 0 ? (LOCATION_TYPES[digit - 1] as string) : NOT_GIVEN;
      case D_ROLE:
        return ROLES[digit] as string;
      case D_AGE:
        return AGE_BANDS[digit] as string;
      case D_UNDER_18:
        return String(digit === 1);
      case D_GENDER:
        return digit > 0 ? (GENDERS[digit - 1] as string) : NOT_GIVEN;
      default:
        return HOME_KOMMUN_VALUES[digit] as string;
    }
  };
  const dims = [...passDims, ...encounterDims];
  const groups: Array<{ parts: string[]; joined: string; slot: number }> = [];
  const slots = direct ? touched.length : acc.size;
  for (let slot = 0; slot < slots; slot += 1) {
    if (direct && !touched[slot]) continue;
    const key = direct ? slot : (acc.keys[slot] as number);
    const status = byStatus ? Math.floor(key / keySpace) : 0;
    const inner = key - status * keySpace;
    let encKey = inner % encRadix;
    let passKey = Math.floor(inner / encRadix);
    const parts: string[] = [];
    for (const dim of passDims) {
      const radix = passRadixOf(dim);
      parts.push(passValue(dim, passKey % radix));
      passKey = Math.floor(passKey / radix);
    }
    const encParts = new Map<number, string>();
    for (const d of encDims) {
      const radix = radixOf(d);
      encParts.set(d, encounterValue(d, encKey % radix));
      encKey = Math.floor(encKey / radix);
    }
    let next = 0;
    for (const dim of encounterDims) parts.push(dim === 'AGREEMENT_STATUS' ? (statuses[status] as string) : (encParts.get(encDims[next++] as number) as string));
    groups.push({ parts, joined: parts.join('\u0000'), slot });
  }
  groups.sort((a, b) => (a.joined < b.joined ? -1 : 1));
  const rows = groups.map(({ parts, slot }) => ({
    key: parts
      .map((value, i) => ({ dimension: dims[i] as StatisticsDimension, value }))
      .sort((a, b) => query.groupBy.indexOf(a.dimension) - query.groupBy.indexOf(b.dimension)),
    passes: acc.passes[slot] as number,
    encounters: acc.encounters[slot] as number,
    exposed: acc.exposed[slot] as number,
    suspectedBuyers: (acc.encounters[slot] as number) - (acc.exposed[slot] as number),
    under18: acc.under18[slot] as number,
    offeredSupport: acc.offeredSupport[slot] as number,
  }));
  return { rows, total };
}
