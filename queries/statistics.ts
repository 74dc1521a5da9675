import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { formatTertial } from '../src/domain/time.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../src/domain/vocabulary.js';
import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from '../src/domain/vocabulary.js';
import {
  AGE_DIGITS,
  encounterIndex,
  EXPOSED_ROW,
  FIRST_ROW,
  firstBlockOn,
  GENDER_DIGITS,
  KIND_DIGITS,
  KOMMUN_DIGITS,
  LOCATION_DIGITS,
  MONTH_DIGITS,
  RETRACTED_ROW,
  ROLE_DIGITS,
  SUPPORTED_ROW,
  TERTIAL_DIGITS,
  UNDER_18_DIGITS,
  UNDER_18_ROW,
  UNIT_SET_DIGITS,
  type EncounterIndex,
} from '../projections/encounter-index.js';
import { dateNumber, dateString, isJointBits, type PassRegister } from '../projections/pass-register-rows.js';

/**
 * Counts of passes and encounters for any period, filtered and grouped by the beredningsgrupp's
 * dimensions.
 *
 * Every request may be a new question, so this is the uncached path and it is built for it. It reads
 * the encounter index (projections/encounter-index.ts): the encounters in pass-date order, each row
 * with its pass's facts, every dimension a small integer in a flat column. The period is a binary
 * search and one loop over a range of rows, with no lookup through a row number; one mixed-radix
 * number of the row's digits is its group's key, and the group's counts are one increment in a flat
 * typed array (a cell per group and measure); a group's distinct passes are counted by remembering
 * the last pass that touched it (a pass's rows are contiguous). UNIT is grouped by the pass's whole
 * set of units, one key per row, and each set's counts are added to each of its units at the end:
 * a pass has one set, so the distinct passes stay exact. No strings, maps or sets per encounter.
 * test/support/statistics-reference.ts keeps the first, plain implementation as the oracle this one
 * is compared with on thousands of random queries.
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


type PassDimension = (typeof PASS_DIMENSIONS)[number];
type EncounterDimension = (typeof ENCOUNTER_DIMENSIONS)[number];
type DigitDimension = Exclude<StatisticsDimension, 'AGREEMENT_STATUS'>;

const COLUMN_OF: Record<DigitDimension, number> = {
  TERTIAL: TERTIAL_DIGITS,
  MONTH: MONTH_DIGITS,
  UNIT: UNIT_SET_DIGITS,
  PASS_KIND: KIND_DIGITS,
  RAID_LOCATION_TYPE: LOCATION_DIGITS,
  ROLE: ROLE_DIGITS,
  AGE_BAND: AGE_DIGITS,
  UNDER_18: UNDER_18_DIGITS,
  GENDER: GENDER_DIGITS,
  HOME_KOMMUN: KOMMUN_DIGITS,
};

/** A small key space (most questions: [UNIT, AGE_BAND] has a few hundred keys) is indexed by the key itself. */
const DIRECT_KEYS = 1 << 15;
/** The measure bits of an encounter index row (exposed, under 18, offered support). */
const MEASURES = 8;
/** A cell's bit for "the first row of a pass in this group": counting these counts the group's distinct passes. */
const FRESH = 8;
/** Cells per group: every measure, fresh or not. */
const CELLS = 16;

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

/** The question's tests as lookup tables by code. */
interface Filters {
  /** By unit set code: the pass's units pass the unit filter and jointOnly; undefined: every set does. */
  readonly unitSets: Uint8Array | undefined;
  readonly kinds: Uint8Array | undefined;
  readonly roles: Uint8Array | undefined;
  readonly ages: Uint8Array | undefined;
  readonly genders: Uint8Array | undefined;
  readonly kommuner: Uint8Array | undefined;
  readonly locations: Uint8Array | undefined;
  readonly under18: boolean | undefined;
  /** A test on encounters or a group by one: then a pass counts only with a matching encounter. */
  readonly encounterCriteria: boolean;
}

function filtersOf(query: StatisticsQuery, encounterDims: readonly EncounterDimension[], index: EncounterIndex): Filters {
  const unitFilter = query.units ? query.units.reduce((bits, u) => bits | (1 << UNITS.indexOf(u)), 0) : 0;
  const jointOnly = query.jointOnly === true;
  const unitSets = unitFilter || jointOnly ? Uint8Array.from(index.unitSets, (bits) => ((unitFilter === 0 || (bits & unitFilter) !== 0) && (!jointOnly || isJointBits(bits)) ? 1 : 0)) : undefined;
  const roles = allowed(indexes(ROLES, query.roles), 256);
  const ages = allowed(indexes(AGE_BANDS, query.ageBands), 256);
  const genders = allowed(query.genders?.map((g) => GENDERS.indexOf(g) + 1), 256);
  const kommuner = allowed(indexes(HOME_KOMMUN_VALUES, query.homeKommuner), 65536);
  const locations = allowed(indexes(LOCATION_TYPES, query.raidLocationTypes)?.map((i) => i + 1), LOCATION_TYPES.length + 1);
  const under18 = query.under18;
  return {
    unitSets,
    kinds: allowed(indexes(PASS_KINDS, query.passKinds), 256),
    roles,
    ages,
    genders,
    kommuner,
    locations,
    under18,
    encounterCriteria: encounterDims.length > 0 || !!roles || !!ages || !!genders || !!kommuner || !!locations || under18 !== undefined,
  };
}

/** One digit of the group key: a row's column value less `offset`, times `stride`. */
interface Term {
  readonly dimension: DigitDimension;
  readonly column: number;
  readonly offset: number;
  readonly radix: number;
  readonly stride: number;
}

/**
 * The group key: a digit per dimension but the agreement status (pass dimensions first), and the
 * status as the most significant digit (its codes are handed out as statuses appear, so it is open-ended).
 */
interface KeyLayout {
  readonly terms: readonly Term[];
  /** Keys below the status digit. */
  readonly keySpace: number;
  readonly byStatus: boolean;
}

function keyLayout(dims: readonly StatisticsDimension[], index: EncounterIndex, firstYear: number, lastYear: number): KeyLayout {
  const years = lastYear - firstYear + 1;
  let stride = 1;
  const terms: Term[] = [];
  for (const dimension of dims) {
    if (dimension === 'AGREEMENT_STATUS') continue;
    const column = COLUMN_OF[dimension];
    const [offset, radix] =
      dimension === 'TERTIAL'
        ? [firstYear * 3, years * 3]
        : dimension === 'MONTH'
          ? [firstYear * 12, years * 12]
          : dimension === 'UNIT'
            ? [0, Math.max(1, index.unitSets.length)]
            : [0, radixOf(column)];
    terms.push({ dimension, column, offset, radix, stride });
    stride *= radix;
  }
  return { terms, keySpace: stride, byStatus: dims.includes('AGREEMENT_STATUS') };
}

function radixOf(column: number): number {
  if (column === KIND_DIGITS) return PASS_KINDS.length;
  if (column === LOCATION_DIGITS) return LOCATION_TYPES.length + 1;
  if (column === ROLE_DIGITS) return ROLES.length;
  if (column === AGE_DIGITS) return AGE_BANDS.length;
  if (column === UNDER_18_DIGITS) return 2;
  if (column === GENDER_DIGITS) return GENDERS.length + 1;
  return HOME_KOMMUN_VALUES.length;
}

/**
 * Counts by group slot. An encounter is one increment, of `counts[slot * 16 + fresh + measure]`: its
 * measure bits (exposed, under 18, offered support) and FRESH when it is the first row of its pass in
 * the group. So the scan makes one read-modify-write per row and no branch that depends on the data,
 * rather than one per counter; a group's figures are sums over its sixteen cells. Passes without
 * encounter criteria are counted per block, in `passes`. Slots are the keys themselves in a small key
 * space, else handed out as keys appear (the columns grow by doubling).
 */
class Accumulators {
  size = 0;
  passes: Int32Array;
  lastPass: Int32Array;
  counts: Int32Array;
  keys: Float64Array;
  private readonly slots = new Map<number, number>();

  constructor(
    capacity: number,
    readonly direct: boolean,
  ) {
    this.passes = new Int32Array(capacity);
    this.lastPass = new Int32Array(capacity).fill(-1);
    this.counts = new Int32Array(capacity * CELLS);
    this.keys = new Float64Array(direct ? 0 : capacity);
  }

  /** The slot of a key when not direct. */
  slotOf(key: number): number {
    let slot = this.slots.get(key);
    if (slot !== undefined) return slot;
    if (this.size === this.keys.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A, size: number): A => {
        const b = new (a.constructor as new (n: number) => A)(size);
        b.set(a);
        return b;
      };
      const capacity = this.keys.length * 2;
      this.passes = grow(this.passes, capacity);
      this.lastPass = grow(this.lastPass, capacity).fill(-1, this.size);
      this.counts = grow(this.counts, capacity * CELLS);
      this.keys = grow(this.keys, capacity);
    }
    slot = this.size;
    this.size += 1;
    this.keys[slot] = key;
    this.slots.set(key, slot);
    return slot;
  }

  /** The slots counted into, with their keys. */
  *touched(): Generator<[slot: number, key: number]> {
    if (this.direct) {
      for (let slot = 0; slot < this.passes.length; slot += 1) if (this.passesOf(slot) > 0) yield [slot, slot];
    } else {
      for (let slot = 0; slot < this.size; slot += 1) yield [slot, this.keys[slot] as number];
    }
  }

  /** Every pass counts in a touched group: a block counted it, or it was the first of a pass there. */
  passesOf(slot: number): number {
    let passes = this.passes[slot] as number;
    for (let m = 0; m < MEASURES; m += 1) passes += this.counts[slot * CELLS + FRESH + m] as number;
    return passes;
  }

  /** The group's figures: sums over its sixteen cells. */
  figures(slot: number): StatisticsCounts {
    let encounters = 0;
    let exposed = 0;
    let under18 = 0;
    let offeredSupport = 0;
    for (let cell = 0; cell < CELLS; cell += 1) {
      const n = this.counts[slot * CELLS + cell] as number;
      encounters += n;
      if (cell & EXPOSED_ROW) exposed += n;
      if (cell & UNDER_18_ROW) under18 += n;
      if (cell & SUPPORTED_ROW) offeredSupport += n;
    }
    return { passes: this.passesOf(slot), encounters, exposed, suspectedBuyers: encounters - exposed, under18, offeredSupport };
  }
}

/** The agreement status of (home kommun, pass date) as a small code, asked once per pair. */
function statusCoder(context: StatisticsContext | undefined): { code: (kommun: number, date: number) => number; statuses: string[] } {
  const statuses: string[] = [];
  const statusCodes = new Map<string, number>();
  const cache = new Map<number, number>();
  const code = (kommun: number, date: number): number => {
    const cacheKey = kommun * 100_000_000 + date;
    let found = cache.get(cacheKey);
    if (found === undefined) {
      const status = context?.agreementStatus(HOME_KOMMUN_VALUES[kommun] as string, dateString(date)) ?? NOT_GIVEN;
      found = statusCodes.get(status);
      if (found === undefined) {
        found = statuses.length;
        statuses.push(status);
        statusCodes.set(status, found);
      }
      cache.set(cacheKey, found);
    }
    return found;
  };
  return { code, statuses };
}

export function statistics(register: PassRegister, query: StatisticsQuery, context?: StatisticsContext): Statistics {
  if (new Set(query.groupBy).size !== query.groupBy.length) throw new Error('groupBy: must not name a dimension twice');
  const passDims = query.groupBy.filter((d): d is PassDimension => (PASS_DIMENSIONS as readonly string[]).includes(d));
  const encounterDims = query.groupBy.filter((d): d is EncounterDimension => (ENCOUNTER_DIMENSIONS as readonly string[]).includes(d));
  if (encounterDims.includes('AGREEMENT_STATUS') && !context) throw new Error('grouping by AGREEMENT_STATUS needs the agreements (a StatisticsContext)');

  // The period: its blocks of the encounter index, and their rows.
  const index = encounterIndex(register);
  const filters = filtersOf(query, encounterDims, index);
  const start = firstBlockOn(index, dateNumber(query.from));
  const end = firstBlockOn(index, dateNumber(query.to) + 1);
  const firstYear = start < end ? Math.floor((index.blockDate[start] as number) / 10000) : 0;
  const lastYear = start < end ? Math.floor((index.blockDate[end - 1] as number) / 10000) : 0;
  // Pass dimensions first, then encounter dimensions: the order the first implementation joined them in.
  const dims = [...passDims, ...encounterDims];
  const layout = keyLayout(dims, index, firstYear, lastYear);
  const direct = !layout.byStatus && layout.keySpace <= DIRECT_KEYS;
  const acc = new Accumulators(direct ? layout.keySpace : 64, direct);
  const status = statusCoder(context);
  const counted = countRows(index, index.blockStart[start] as number, index.blockStart[end] as number, filters, layout, acc, status.code);
  const passes = filters.encounterCriteria ? counted.passes : countPasses(index, start, end, filters, layout, acc);
  const total = { ...counted, passes };
  if (query.groupBy.length === 0) return { rows: [], total };
  return { rows: rowsOf(query, dims, layout, acc, status.statuses, index.unitSets), total };
}

/**
 * Counts the rows from `first` to `last` into their groups, and answers the totals. With encounter
 * criteria a group's passes are counted here too (the passes with a row in it); without, by `countPasses`.
 */
function countRows(index: EncounterIndex, first: number, last: number, filters: Filters, layout: KeyLayout, acc: Accumulators, statusCode: (kommun: number, date: number) => number): StatisticsCounts {
  const { unitSets: setFilter, kinds: kindFilter, roles: roleFilter, ages: ageFilter, genders: genderFilter, kommuner: kommunFilter, locations: locationFilter, under18, encounterCriteria } = filters;
  const passFilters = !!setFilter || !!kindFilter;
  const encounterFilters = !!roleFilter || !!ageFilter || !!genderFilter || !!kommunFilter || !!locationFilter || under18 !== undefined;
  const wantUnder18 = under18 === true ? UNDER_18_ROW : 0;
  const { terms, keySpace, byStatus } = layout;
  const digits = index.digits;
  const column = (c: number) => digits[c] as Uint16Array;
  const measures = index.measure;
  const dates = index.date;
  const places = column(LOCATION_DIGITS);
  const roles = column(ROLE_DIGITS);
  const ages = column(AGE_DIGITS);
  const genders = column(GENDER_DIGITS);
  const kommuner = column(KOMMUN_DIGITS);
  const kinds = column(KIND_DIGITS);
  const sets = column(UNIT_SET_DIGITS);
  // The first three digits by name, the rest (a key of four or more dimensions) in a loop.
  const termCount = terms.length;
  const c0 = column(terms[0]?.column ?? 0);
  const c1 = column(terms[1]?.column ?? 0);
  const c2 = column(terms[2]?.column ?? 0);
  const s0 = terms[0]?.stride ?? 0;
  const s1 = terms[1]?.stride ?? 0;
  const s2 = terms[2]?.stride ?? 0;
  const moreColumns = terms.slice(3).map((t) => column(t.column));
  const moreStrides = terms.slice(3).map((t) => t.stride);
  // 0 - sum, not -sum: -0 is a double, and would make every key one.
  const base = 0 - terms.reduce((sum, t) => sum + t.offset * t.stride, 0);
  const direct = acc.direct;
  let counts = acc.counts;
  let lastPass = acc.lastPass;

  // The pass of row j, as a number that grows by one at each first row of a pass: exact and no column to read.
  let pass = 0;
  let lastCounted = -1;
  let totalPasses = 0;
  let totalEncounters = 0;
  let totalExposed = 0;
  let totalUnder18 = 0;
  let totalSupported = 0;
  for (let j = first; j < last; j += 1) {
    const flags = measures[j] as number;
    pass += (flags & FIRST_ROW) >> 4;
    if ((flags & RETRACTED_ROW) !== 0) continue;
    const measure = flags & (MEASURES - 1);
    if (passFilters) {
      if (setFilter !== undefined && setFilter[sets[j] as number] === 0) continue;
      if (kindFilter !== undefined && kindFilter[kinds[j] as number] === 0) continue;
    }
    if (encounterFilters) {
      if (roleFilter !== undefined && roleFilter[roles[j] as number] === 0) continue;
      if (ageFilter !== undefined && ageFilter[ages[j] as number] === 0) continue;
      if (under18 !== undefined && (measure & UNDER_18_ROW) !== wantUnder18) continue;
      if (genderFilter !== undefined && genderFilter[genders[j] as number] === 0) continue;
      if (kommunFilter !== undefined && kommunFilter[kommuner[j] as number] === 0) continue;
      if (locationFilter !== undefined && locationFilter[places[j] as number] === 0) continue;
    }
    let key = base;
    if (termCount > 0) {
      key += (c0[j] as number) * s0;
      if (termCount > 1) {
        key += (c1[j] as number) * s1;
        if (termCount > 2) {
          key += (c2[j] as number) * s2;
          for (let k = 0; k < moreColumns.length; k += 1) key += ((moreColumns[k] as Uint16Array)[j] as number) * (moreStrides[k] as number);
        }
      }
    }
    if (byStatus) key += statusCode(kommuner[j] as number, dates[j] as number) * keySpace;
    // (d | -d) >>> 31 is 1 for d ≠ 0: no branch on whether this row starts a pass (d ≥ 0 as passes only grow).
    const step = pass - lastCounted;
    totalPasses += (step | -step) >>> 31;
    lastCounted = pass;
    totalEncounters += 1;
    totalExposed += measure & EXPOSED_ROW;
    totalUnder18 += (measure & UNDER_18_ROW) >> 1;
    totalSupported += (measure & SUPPORTED_ROW) >> 2;
    let slot = key;
    if (!direct) {
      slot = acc.slotOf(key);
      counts = acc.counts;
      lastPass = acc.lastPass;
    }
    let fresh = 0;
    if (encounterCriteria) {
      const gap = pass - (lastPass[slot] as number);
      lastPass[slot] = pass;
      fresh = ((gap | -gap) >>> 31) * FRESH;
    }
    const cell = slot * CELLS + fresh + measure;
    counts[cell] = (counts[cell] as number) + 1;
  }
  return { passes: totalPasses, encounters: totalEncounters, exposed: totalExposed, suspectedBuyers: totalEncounters - totalExposed, under18: totalUnder18, offeredSupport: totalSupported };
}

/** Without encounter criteria every pass of the period counts, with encounters or without: by its block. */
function countPasses(index: EncounterIndex, start: number, end: number, filters: Filters, layout: KeyLayout, acc: Accumulators): number {
  const { unitSets: setFilter, kinds: kindFilter } = filters;
  let total = 0;
  for (let b = start; b < end; b += 1) {
    if (index.blockRetracted[b] !== 0) continue;
    const set = index.blockUnitSet[b] as number;
    const kind = index.blockKind[b] as number;
    if (setFilter !== undefined && setFilter[set] === 0) continue;
    if (kindFilter !== undefined && kindFilter[kind] === 0) continue;
    const date = index.blockDate[b] as number;
    const month = Math.floor(date / 10000) * 12 + (Math.floor(date / 100) % 100) - 1;
    let key = 0;
    for (const t of layout.terms) {
      const value = t.column === MONTH_DIGITS ? month : t.column === TERTIAL_DIGITS ? month >> 2 : t.column === KIND_DIGITS ? kind : set;
      key += (value - t.offset) * t.stride;
    }
    const slot = acc.direct ? key : acc.slotOf(key);
    acc.passes[slot] = (acc.passes[slot] as number) + 1;
    total += 1;
  }
  return total;
}

/**
 * Back from keys to values, a row per group, ordered by the values joined in `dims` order (as the
 * first implementation ordered them). A unit set's group is added to the group of each of its units.
 */
function rowsOf(query: StatisticsQuery, dims: readonly StatisticsDimension[], layout: KeyLayout, acc: Accumulators, statuses: readonly string[], unitSets: readonly number[]): StatisticsRow[] {
  const { terms, keySpace, byStatus } = layout;
  const groups = new Map<string, { parts: string[]; counts: StatisticsCounts }>();
  const add = (parts: string[], counts: StatisticsCounts) => {
    const joined = parts.join('\u0000');
    const group = groups.get(joined);
    if (!group) {
      groups.set(joined, { parts, counts: { ...counts } });
      return;
    }
    for (const name of Object.keys(counts) as Array<keyof StatisticsCounts>) group.counts[name] += counts[name];
  };
  for (const [slot, key] of acc.touched()) {
    const status = byStatus ? Math.floor(key / keySpace) : 0;
    const inner = key - status * keySpace;
    const values = new Map<StatisticsDimension, number>(terms.map((t) => [t.dimension, (Math.floor(inner / t.stride) % t.radix) + t.offset]));
    const counts = acc.figures(slot);
    const units = values.has('UNIT') ? UNITS.map((_, u) => u).filter((u) => ((unitSets[values.get('UNIT') as number] as number) & (1 << u)) !== 0) : [-1];
    for (const unit of units) {
      add(
        dims.map((d) => (d === 'AGREEMENT_STATUS' ? (statuses[status] as string) : d === 'UNIT' ? (UNITS[unit] as string) : valueOf(d, values.get(d) as number))),
        counts,
      );
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, { parts, counts }]) => ({
      key: parts.map((value, i) => ({ dimension: dims[i] as StatisticsDimension, value })).sort((a, b) => query.groupBy.indexOf(a.dimension) - query.groupBy.indexOf(b.dimension)),
      ...counts,
    }));
}

function valueOf(dimension: Exclude<DigitDimension, 'UNIT'>, value: number): string {
  switch (dimension) {
    case 'TERTIAL':
      return formatTertial({ year: Math.floor(value / 3), number: ((value % 3) + 1) as 1 | 2 | 3 });
    case 'MONTH':
      return dateString(Math.floor(value / 12) * 10000 + ((value % 12) + 1) * 100 + 1).slice(0, 7);
    case 'PASS_KIND':
      return PASS_KINDS[value] as string;
    case 'RAID_LOCATION_TYPE':
      return value > 0 ? (LOCATION_TYPES[value - 1] as string) : NOT_GIVEN;
    case 'ROLE':
      return ROLES[value] as string;
    case 'AGE_BAND':
      return AGE_BANDS[value] as string;
    case 'UNDER_18':
      return String(value === 1);
    case 'GENDER':
      return value > 0 ? (GENDERS[value - 1] as string) : NOT_GIVEN;
    default:
      return HOME_KOMMUN_VALUES[value] as string;
  }
}
