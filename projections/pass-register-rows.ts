import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { AGE_BANDS, GENDERS, isUnder18, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../src/domain/vocabulary.js';
import type { Unit } from '../src/domain/vocabulary.js';
import { codesFingerprint } from '../src/projections/fingerprint.js';
import { columnTable, type ColumnTable } from './columns.js';

/**
 * The register of passes, raids and encounters as they stand now: corrections applied, retractions
 * marked. Figures, statistics and pass queries are answered from it; nothing reads the raw log for them.
 *
 * Facts are kept as small numbers in columns (an enum's index, a date as yyyymmdd, units as bits), one
 * row per pass, raid and encounter, so a log of a million events folds, saves and loads in well under
 * a second. `passView` and `encounterViews` turn rows back into plain objects for readers.
 */

export const PASS_COLUMNS = { date: Int32Array, kind: Uint8Array, units: Uint8Array, retracted: Uint8Array, revision: Int32Array };
export const RAID_COLUMNS = { pass: Int32Array, locationType: Uint8Array };
export const ENCOUNTER_COLUMNS = {
  pass: Int32Array,
  /** -1: not met in a raid. */
  raid: Int32Array,
  role: Uint8Array,
  ageBand: Uint8Array,
  /** 0: not given; otherwise 1 + index in GENDERS. */
  gender: Uint8Array,
  homeKommun: Uint16Array,
  flags: Uint8Array,
  /** Units that offered support, as bits. */
  supportOffered: Uint8Array,
  /** The dates (yyyymmdd) the guardian was contacted and the report of concern filed; read with the flags. */
  guardianContactedOn: Int32Array,
  concernReportOn: Int32Array,
  /** The kommun the report of concern was filed with, as an index in HOME_KOMMUN_VALUES. */
  concernReportKommun: Uint16Array,
};

export const RETRACTED = 1;
export const GUARDIAN_CONTACTED = 2;
export const CONCERN_REPORTED = 4;

export interface PassRegister {
  readonly passes: ColumnTable<typeof PASS_COLUMNS>;
  readonly passIds: string[];
  readonly passIndex: Map<string, number>;
  readonly passRecordedAt: string[];
  /** Optional free text and times, by pass row (null where not given). */
  readonly passArea: Array<string | null>;
  readonly passStart: Array<string | null>;
  readonly passEnd: Array<string | null>;
  readonly raids: ColumnTable<typeof RAID_COLUMNS>;
  readonly raidIds: string[];
  readonly raidIndex: Map<string, number>;
  readonly raidTime: Array<string | null>;
  readonly encounters: ColumnTable<typeof ENCOUNTER_COLUMNS>;
  readonly encounterIds: string[];
  readonly encounterIndex: Map<string, number>;
  /**
   * The pass and encounter looked up last. A pass's events mostly follow one another in the log, so
   * comparing with the last id spares most map lookups; derived, never saved.
   */
  readonly recent: { passId: string; passRow: number; encounterId: string; encounterRow: number };
  /** Each pass's rows, and the passes in date order: derived from the columns, never saved. */
  readonly byPass: PassRows;
}

/**
 * The per-pass index: a pass's raid and encounter rows in log order, so reading one pass costs its
 * own rows, not the register's; and the pass rows sorted by pass date, so a period is a slice.
 */
interface PassRows {
  readonly raids: number[][];
  readonly encounters: number[][];
  /**
   * Pass rows by date (ties in row order), or undefined after a pass was dated before the last
   * one or its date was corrected: `passesByDate` sorts again on the next read.
   */
  byDate: number[] | undefined;
  /**
   * Counts the events applied to an existing pass (each stamps its revision on the pass row), so a
   * reader keeping state derived from the rows (projections/encounter-index.ts) can tell in O(1)
   * that nothing changed since it last looked; new passes show in the row count.
   */
  changes: number;
}

/** Every list the register keeps a value of as its index (its bit, for units). */
export const REGISTER_CODES = { units: UNITS, passKinds: PASS_KINDS, locationTypes: LOCATION_TYPES, roles: ROLES, ageBands: AGE_BANDS, genders: GENDERS, homeKommuner: HOME_KOMMUN_VALUES };
export const REGISTER_FINGERPRINT = codesFingerprint(REGISTER_CODES);

const indexOf = <T>(values: readonly T[]) => new Map(values.map((v, i) => [v, i]));
export const UNIT_BIT = new Map(UNITS.map((u, i) => [u, 1 << i]));
export const KIND = indexOf(PASS_KINDS);
export const LOCATION = indexOf(LOCATION_TYPES);
export const ROLE = indexOf(ROLES);
export const AGE = indexOf(AGE_BANDS);
export const GENDER = indexOf(GENDERS);
export const KOMMUN = indexOf(HOME_KOMMUN_VALUES);

export const POLIS_BIT = UNIT_BIT.get('POLIS') as number;

/**
 * The code a value is kept as. A value without one (a unit or kommun this version's vocabulary or
 * reference data does not have) is an error, never code 0: that would count it as another value.
 */
export function codeOf<V>(codes: ReadonlyMap<V, number>, value: V, field: string): number {
  const code = codes.get(value);
  if (code === undefined) throw new UnknownCodeError(`${field} has a value the pass register has no code for; fold the log with the reference data it was written with`);
  return code;
}

export class UnknownCodeError extends Error {
  override readonly name = 'UnknownCodeError';
}

export function unitBits(units: readonly Unit[]): number {
  let bits = 0;
  for (const unit of units) bits |= codeOf(UNIT_BIT, unit, 'units');
  return bits;
}

export function unitsOf(bits: number): Unit[] {
  return UNITS.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Joint: POLIS and at least one social-services unit. */
export function isJointBits(bits: number): boolean {
  return (bits & POLIS_BIT) !== 0 && (bits & ~POLIS_BIT) !== 0;
}

/** `2022-05-01` → 20220501: dates compare as numbers. */
export function dateNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

export function dateString(n: number): string {
  const year = Math.floor(n / 10000);
  const month = Math.floor(n / 100) % 100;
  return `${year}-${String(month).padStart(2, '0')}-${String(n % 100).padStart(2, '0')}`;
}

/** The age-band codes under 18, read off the domain's rule. */
export const UNDER_18_AGE_CODES: ReadonlySet<number> = new Set(AGE_BANDS.flatMap((band, code) => (isUnder18(band) ? [code] : [])));
export const EXPOSED_CODE = ROLE.get('EXPOSED') as number;


export function initialRegister(): PassRegister {
  return {
    passes: columnTable(PASS_COLUMNS),
    passIds: [],
    passIndex: new Map(),
    passRecordedAt: [],
    passArea: [],
    passStart: [],
    passEnd: [],
    raids: columnTable(RAID_COLUMNS),
    raidIds: [],
    raidIndex: new Map(),
    raidTime: [],
    encounters: columnTable(ENCOUNTER_COLUMNS),
    encounterIds: [],
    encounterIndex: new Map(),
    recent: noneRecent(),
    byPass: { raids: [], encounters: [], byDate: [], changes: 0 },
  };
}

export function noneRecent(): PassRegister['recent'] {
  return { passId: '', passRow: -1, encounterId: '', encounterRow: -1 };
}

