import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES } from '../src/domain/vocabulary.js';
import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from '../src/domain/vocabulary.js';
import { CONCERN_REPORTED, dateString, GUARDIAN_CONTACTED, RETRACTED, unitsOf, type PassRegister } from './pass-register-rows.js';

/** Reading the pass register: passes in date order, and rows back as plain objects for readers. */

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

interface RaidView {
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
  readonly supportOfferedBy: Unit[];
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

function encounterView(r: PassRegister, row: number): EncounterView {
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
    supportOfferedBy: unitsOf(c.supportOffered[row] as number),
    ...(flags & GUARDIAN_CONTACTED ? { guardianContactedOn: dateString(c.guardianContactedOn[row] as number) } : {}),
    ...(flags & CONCERN_REPORTED
      ? { concernReport: { on: dateString(c.concernReportOn[row] as number), kommun: HOME_KOMMUN_VALUES[c.concernReportKommun[row] as number] as string } }
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
