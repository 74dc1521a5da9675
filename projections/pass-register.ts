import type {
  ConcernReportFiledData,
  EncounterCorrectedData,
  EncounterRetractedData,
  GuardianContactedData,
  PassCorrectedData,
  PassRecordedData,
  PassRetractedData,
  PersonEncounteredData,
  RaidRecordedData,
  SupportOfferedData,
} from '../src/domain/events.js';
import { PASS_EVENT_TYPES } from '../src/domain/events.js';
import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../src/domain/vocabulary.js';
import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from '../src/domain/vocabulary.js';
import type { Projection } from '../src/projections/projection.js';
import type { RecordedEvent } from '../src/store/port.js';
import {
  addRow,
  columnTable,
  packSections,
  stringsFromSection,
  stringsSection,
  tableFromSections,
  tableSections,
  unpackSections,
  type ColumnTable,
} from './columns.js';

/**
 * The register of passes, raids and encounters as they stand now: corrections applied, retractions
 * marked. Figures, statistics and pass queries are answered from it; nothing reads the raw log for them.
 *
 * Facts are kept as small numbers in columns (an enum's index, a date as yyyymmdd, units as bits), one
 * row per pass, raid and encounter, so a log of a million events folds, saves and loads in well under
 * a second. `passView` and `encounterViews` turn rows back into plain objects for readers.
 */

const PASS_COLUMNS = { date: Int32Array, kind: Uint8Array, units: Uint8Array, retracted: Uint8Array, revision: Int32Array };
const RAID_COLUMNS = { pass: Int32Array, locationType: Uint8Array };
const ENCOUNTER_COLUMNS = {
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
  support: Uint8Array,
  guardianOn: Int32Array,
  concernOn: Int32Array,
  concernKommun: Uint16Array,
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
export interface PassRows {
  readonly raids: number[][];
  readonly encounters: number[][];
  /**
   * Pass rows by date (ties in row order), or undefined after a pass was dated before the last
   * one or its date was corrected: `passesByDate` sorts again on the next read.
   */
  byDate: number[] | undefined;
}

const indexOf = <T>(values: readonly T[]) => new Map(values.map((v, i) => [v, i]));
const UNIT_BIT = new Map(UNITS.map((u, i) => [u, 1 << i]));
const KIND = indexOf(PASS_KINDS);
const LOCATION = indexOf(LOCATION_TYPES);
const ROLE = indexOf(ROLES);
const AGE = indexOf(AGE_BANDS);
const GENDER = indexOf(GENDERS);
const KOMMUN = indexOf(HOME_KOMMUN_VALUES);

export const POLIS_BIT = UNIT_BIT.get('POLIS') as number;

export function unitBits(units: readonly Unit[]): number {
  let bits = 0;
  for (const unit of units) bits |= UNIT_BIT.get(unit) ?? 0;
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

export const MINOR_AGE_CODES = new Set([AGE.get('UNDER_15') as number, AGE.get('AGE_15_17') as number]);
export const EXPOSED_CODE = ROLE.get('EXPOSED') as number;

function init(): PassRegister {
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
    byPass: { raids: [], encounters: [], byDate: [] },
  };
}

function noneRecent(): PassRegister['recent'] {
  return { passId: '', passRow: -1, encounterId: '', encounterRow: -1 };
}

function touchPass(r: PassRegister, passId: string, revision: number): number {
  const recent = r.recent;
  const row = recent.passId === passId ? recent.passRow : r.passIndex.get(passId);
  if (row === undefined) return -1;
  recent.passId = passId;
  recent.passRow = row;
  r.passes.cols.revision[row] = revision;
  return row;
}

function encounterRow(r: PassRegister, passId: string, encounterId: string, revision: number): number {
  const pass = touchPass(r, passId, revision);
  const recent = r.recent;
  let row: number;
  if (recent.encounterId === encounterId) row = recent.encounterRow;
  else {
    row = r.encounterIndex.get(encounterId) ?? -1;
    recent.encounterId = encounterId;
    recent.encounterRow = row;
  }
  // Ids are indexed across the log but an event speaks for its own pass only: never another pass's row.
  return row >= 0 && pass >= 0 && r.encounters.cols.pass[row] === pass ? row : -1;
}

/** A raid of the same pass as the encounter row, or -1. */
function raidOfPass(r: PassRegister, raidId: string, pass: number): number {
  const raid = r.raidIndex.get(raidId) ?? -1;
  return raid >= 0 && r.raids.cols.pass[raid] === pass ? raid : -1;
}

/** Pass events carry their pass's id; one whose data names another pass than its stream is not applied. */
function ownStream(event: RecordedEvent, passId: string): boolean {
  const streamId = event.streamId;
  return streamId.length === passId.length + 5 && streamId.startsWith('pass-') && streamId.endsWith(passId);
}

function setEncounterFields(r: PassRegister, row: number, d: Omit<EncounterCorrectedData, 'passId' | 'encounterId'>): void {
  const c = r.encounters.cols;
  if (d.role !== undefined) c.role[row] = ROLE.get(d.role) as number;
  if (d.ageBand !== undefined) c.ageBand[row] = AGE.get(d.ageBand) as number;
  if (d.gender !== undefined) c.gender[row] = (GENDER.get(d.gender) as number) + 1;
  if (d.homeKommun !== undefined) c.homeKommun[row] = KOMMUN.get(d.homeKommun) ?? 0;
  if (d.raidId !== undefined) c.raid[row] = raidOfPass(r, d.raidId, c.pass[row] as number);
}

function apply(r: PassRegister, event: RecordedEvent): PassRegister {
  if (!ownStream(event, (event.data as { passId: string }).passId)) return r;
  switch (event.type) {
    case 'PassRecorded': {
      const d = event.data as PassRecordedData;
      if (r.passIndex.has(d.passId)) return r;
      const row = addRow(r.passes);
      const c = r.passes.cols;
      c.date[row] = dateNumber(d.date);
      c.kind[row] = KIND.get(d.kind) as number;
      c.units[row] = unitBits(d.units);
      c.revision[row] = event.revision;
      r.passIds.push(d.passId);
      r.passIndex.set(d.passId, row);
      r.passRecordedAt.push(event.recordedAt);
      r.passArea.push(d.area ?? null);
      r.passStart.push(d.startTime ?? null);
      r.passEnd.push(d.endTime ?? null);
      r.byPass.raids.push([]);
      r.byPass.encounters.push([]);
      const byDate = r.byPass.byDate;
      if (byDate) {
        const last = byDate.length > 0 ? (c.date[byDate[byDate.length - 1] as number] as number) : -1;
        if ((c.date[row] as number) >= last) byDate.push(row);
        else r.byPass.byDate = undefined;
      }
      return r;
    }
    case 'RaidRecorded': {
      const d = event.data as RaidRecordedData;
      const pass = touchPass(r, d.passId, event.revision);
      // The first raid with an id keeps it: a later one reusing it (refused since, but in older logs) is not folded.
      if (pass < 0 || r.raidIndex.has(d.raidId)) return r;
      const row = addRow(r.raids);
      r.raids.cols.pass[row] = pass;
      r.raids.cols.locationType[row] = LOCATION.get(d.locationType) as number;
      r.raidIds.push(d.raidId);
      r.raidIndex.set(d.raidId, row);
      r.raidTime.push(d.time ?? null);
      (r.byPass.raids[pass] as number[]).push(row);
      return r;
    }
    case 'PersonEncountered': {
      const d = event.data as PersonEncounteredData;
      const pass = touchPass(r, d.passId, event.revision);
      if (pass < 0 || r.encounterIndex.has(d.encounterId)) return r;
      const row = addRow(r.encounters);
      r.encounters.cols.pass[row] = pass;
      r.encounters.cols.raid[row] = -1;
      setEncounterFields(r, row, d);
      r.encounterIds.push(d.encounterId);
      r.encounterIndex.set(d.encounterId, row);
      (r.byPass.encounters[pass] as number[]).push(row);
      r.recent.encounterId = d.encounterId;
      r.recent.encounterRow = row;
      return r;
    }
    case 'SupportOffered': {
      const d = event.data as SupportOfferedData;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      if (row >= 0) r.encounters.cols.support[row] = (r.encounters.cols.support[row] as number) | (UNIT_BIT.get(d.unit) ?? 0);
      return r;
    }
    case 'GuardianContacted': {
      const d = event.data as GuardianContactedData;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      const c = r.encounters.cols;
      if (row >= 0 && !((c.flags[row] as number) & GUARDIAN_CONTACTED)) {
        c.flags[row] = (c.flags[row] as number) | GUARDIAN_CONTACTED;
        c.guardianOn[row] = dateNumber(d.on);
      }
      return r;
    }
    case 'ConcernReportFiled': {
      const d = event.data as ConcernReportFiledData;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      const c = r.encounters.cols;
      if (row >= 0 && !((c.flags[row] as number) & CONCERN_REPORTED)) {
        c.flags[row] = (c.flags[row] as number) | CONCERN_REPORTED;
        c.concernOn[row] = dateNumber(d.on);
        c.concernKommun[row] = KOMMUN.get(d.kommun) ?? 0;
      }
      return r;
    }
    case 'EncounterCorrected': {
      const d = event.data as EncounterCorrectedData;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      if (row >= 0) setEncounterFields(r, row, d);
      return r;
    }
    case 'EncounterRetracted': {
      const d = event.data as EncounterRetractedData;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      if (row >= 0) r.encounters.cols.flags[row] = (r.encounters.cols.flags[row] as number) | RETRACTED;
      return r;
    }
    case 'PassCorrected': {
      const d = event.data as PassCorrectedData;
      const row = touchPass(r, d.passId, event.revision);
      if (row < 0) return r;
      const c = r.passes.cols;
      if (d.date !== undefined && dateNumber(d.date) !== c.date[row]) {
        c.date[row] = dateNumber(d.date);
        r.byPass.byDate = undefined;
      }
      if (d.kind !== undefined) c.kind[row] = KIND.get(d.kind) as number;
      if (d.units !== undefined) c.units[row] = unitBits(d.units);
      if (d.area !== undefined) r.passArea[row] = d.area; // null clears it
      return r;
    }
    case 'PassRetracted': {
      const d = event.data as PassRetractedData;
      const row = touchPass(r, d.passId, event.revision);
      if (row >= 0) r.passes.cols.retracted[row] = 1;
      return r;
    }
    default:
      return r;
  }
}

interface Header {
  passes: number;
  raids: number;
  encounters: number;
}

function serialize(r: PassRegister): Uint8Array {
  const header: Header = { passes: r.passes.count, raids: r.raids.count, encounters: r.encounters.count };
  return packSections(header, {
    ...tableSections('passes', r.passes),
    ...tableSections('raids', r.raids),
    ...tableSections('encounters', r.encounters),
    passIds: stringsSection(r.passIds),
    passRecordedAt: stringsSection(r.passRecordedAt),
    raidIds: stringsSection(r.raidIds),
    encounterIds: stringsSection(r.encounterIds),
    text: Buffer.from(JSON.stringify({ area: r.passArea, start: r.passStart, end: r.passEnd, raidTime: r.raidTime })),
  });
}

function indexById(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1) index.set(ids[i] as string, i);
  return index;
}

function deserialize(bytes: Uint8Array): PassRegister {
  const { header, section } = unpackSections<Header>(bytes);
  const text = JSON.parse(Buffer.from(section('text')).toString('utf8')) as {
    area: Array<string | null>;
    start: Array<string | null>;
    end: Array<string | null>;
    raidTime: Array<string | null>;
  };
  const passIds = stringsFromSection(section('passIds'), header.passes);
  const raidIds = stringsFromSection(section('raidIds'), header.raids);
  const encounterIds = stringsFromSection(section('encounterIds'), header.encounters);
  const r: PassRegister = {
    passes: tableFromSections('passes', PASS_COLUMNS, header.passes, section),
    passIds,
    passIndex: indexById(passIds),
    passRecordedAt: stringsFromSection(section('passRecordedAt'), header.passes),
    passArea: text.area,
    passStart: text.start,
    passEnd: text.end,
    raids: tableFromSections('raids', RAID_COLUMNS, header.raids, section),
    raidIds,
    raidIndex: indexById(raidIds),
    raidTime: text.raidTime,
    encounters: tableFromSections('encounters', ENCOUNTER_COLUMNS, header.encounters, section),
    encounterIds,
    encounterIndex: indexById(encounterIds),
    recent: noneRecent(),
    byPass: { raids: [], encounters: [], byDate: undefined },
  };
  indexRowsByPass(r);
  return r;
}

/** Rebuilds the per-pass rows from the columns, in row (log) order. */
function indexRowsByPass(r: PassRegister): void {
  const { raids, encounters } = r.byPass;
  for (let pass = 0; pass < r.passes.count; pass += 1) {
    raids.push([]);
    encounters.push([]);
  }
  for (let row = 0; row < r.raids.count; row += 1) raids[r.raids.cols.pass[row] as number]?.push(row);
  for (let row = 0; row < r.encounters.count; row += 1) encounters[r.encounters.cols.pass[row] as number]?.push(row);
}

/**
 * The pass rows in pass-date order (ties in row order). Kept as passes are recorded in date order;
 * sorted again only after a pass was dated back or its date corrected.
 */
export function passesByDate(r: PassRegister): readonly number[] {
  if (r.byPass.byDate) return r.byPass.byDate;
  const date = r.passes.cols.date;
  const count = r.passes.count;
  if (count >= 2 ** 24) {
    const rows = Array.from({ length: count }, (_, i) => i).sort((a, b) => (date[a] as number) - (date[b] as number) || a - b);
    r.byPass.byDate = rows;
    return rows;
  }
  // One number per pass, date then row, sorted natively: no comparator call per comparison.
  const keys = new Float64Array(count);
  for (let row = 0; row < count; row += 1) keys[row] = (date[row] as number) * 2 ** 24 + row;
  keys.sort();
  const rows = new Array<number>(count);
  for (let i = 0; i < count; i += 1) rows[i] = (keys[i] as number) % 2 ** 24;
  r.byPass.byDate = rows;
  return rows;
}

/** The first index in `passesByDate` whose pass date is at least `date` (binary search). */
export function firstByDate(r: PassRegister, order: readonly number[], date: number): number {
  const dates = r.passes.cols.date;
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((dates[order[mid] as number] as number) < date) low = mid + 1;
    else high = mid;
  }
  return low;
}

export const passRegister: Projection<PassRegister> = {
  name: 'pass-register',
  version: 3,
  eventTypes: new Set<string>(PASS_EVENT_TYPES),
  init,
  apply,
  serialize,
  deserialize,
};

// ---- Reading rows back as plain objects ----

export interface RaidView {
  readonly id: string;
  readonly time?: string;
  readonly locationType: LocationType;
}

export interface EncounterView {
  readonly id: string;
  readonly passId: string;
  readonly raidId?: string;
  readonly role: Role;
  readonly ageBand: AgeBand;
  readonly gender?: Gender;
  readonly homeKommun: string;
  readonly retracted: boolean;
  readonly supportUnits: Unit[];
  readonly guardianContactedOn?: string;
  readonly concernReport?: { on: string; kommun: string };
}

export interface PassView {
  readonly id: string;
  readonly date: string;
  readonly kind: PassKind;
  readonly units: Unit[];
  readonly area?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly retracted: boolean;
  readonly raids: RaidView[];
  readonly encounters: EncounterView[];
  /** Stream revision of the newest event applied: a client's expectedRevision for its next write. */
  readonly revision: number;
  readonly recordedAt: string;
}

export function encounterView(r: PassRegister, row: number): EncounterView {
  const c = r.encounters.cols;
  const raid = c.raid[row] as number;
  const gender = c.gender[row] as number;
  const flags = c.flags[row] as number;
  return {
    id: r.encounterIds[row] as string,
    passId: r.passIds[c.pass[row] as number] as string,
    ...(raid >= 0 ? { raidId: r.raidIds[raid] as string } : {}),
    role: ROLES[c.role[row] as number] as Role,
    ageBand: AGE_BANDS[c.ageBand[row] as number] as AgeBand,
    ...(gender > 0 ? { gender: GENDERS[gender - 1] as Gender } : {}),
    homeKommun: HOME_KOMMUN_VALUES[c.homeKommun[row] as number] as string,
    retracted: (flags & RETRACTED) !== 0,
    supportUnits: unitsOf(c.support[row] as number),
    ...(flags & GUARDIAN_CONTACTED ? { guardianContactedOn: dateString(c.guardianOn[row] as number) } : {}),
    ...(flags & CONCERN_REPORTED
      ? { concernReport: { on: dateString(c.concernOn[row] as number), kommun: HOME_KOMMUN_VALUES[c.concernKommun[row] as number] as string } }
      : {}),
  };
}

export function passView(r: PassRegister, passId: string): PassView | undefined {
  const row = r.passIndex.get(passId);
  if (row === undefined) return undefined;
  const c = r.passes.cols;
  const raids: RaidView[] = [];
  for (const i of r.byPass.raids[row] ?? []) {
    const time = r.raidTime[i];
    raids.push({ id: r.raidIds[i] as string, ...(time ? { time } : {}), locationType: LOCATION_TYPES[r.raids.cols.locationType[i] as number] as LocationType });
  }
  const encounters: EncounterView[] = [];
  for (const i of r.byPass.encounters[row] ?? []) encounters.push(encounterView(r, i));
  const area = r.passArea[row];
  const start = r.passStart[row];
  const end = r.passEnd[row];
  return {
    id: passId,
    date: dateString(c.date[row] as number),
    kind: PASS_KINDS[c.kind[row] as number] as PassKind,
    units: unitsOf(c.units[row] as number),
    ...(area ? { area } : {}),
    ...(start ? { startTime: start } : {}),
    ...(end ? { endTime: end } : {}),
    retracted: c.retracted[row] === 1,
    raids,
    encounters,
    revision: c.revision[row] as number,
    recordedAt: r.passRecordedAt[row] as string,
  };
}
