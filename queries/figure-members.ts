import { HOME_KOMMUN_VALUES } from '../src/domain/kommun.js';
import { formatTertial, tertialOfDate } from '../src/domain/time.js';
import { AGE_BANDS, GENDERS, LOCATION_TYPES, PASS_KINDS, ROLES, UNITS } from '../src/domain/vocabulary.js';
import { dateNumber, dateString, EXPOSED_CODE, isJointBits, UNDER_18_AGE_CODES, RETRACTED, type PassRegister } from '../projections/pass-register-rows.js';
import { NOT_GIVEN, type StatisticsContext, type StatisticsCounts, type StatisticsDimension, type StatisticsQuery } from './statistics.js';
import type { FIGURE_FIELDS } from './tertial-summary.js';

/**
 * Which passes and encounters a figure counts, and why the others in its period do not: the rows behind
 * a number, so a figure can name its events. The rules are the figures' own (steering-figures.ts and
 * statistics.ts); a property test holds every list to the figure's count on random logs.
 */

export type SteeringFigureName = (typeof FIGURE_FIELDS)[number];
export type StatisticsMeasure = keyof StatisticsCounts;

export const EXCLUSION_REASONS = [
  'PASS_RETRACTED',
  'PASS_NOT_JOINT',
  'PASS_NOT_MATCHING',
  'ENCOUNTER_RETRACTED',
  'ROLE_NOT_COUNTED',
  'NOT_UNDER_18',
  'NO_SUPPORT_OFFERED',
  'ENCOUNTER_NOT_MATCHING',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** A pass (encounterRow -1) or an encounter of the register, counted or excluded with a reason. */
export interface FigureMember {
  readonly passRow: number;
  readonly encounterRow: number;
  readonly counted: boolean;
  readonly reason?: ExclusionReason;
}

interface MemberOptions {
  /** List what the period holds that the figure does not count, each with its reason. */
  readonly includeExcluded?: boolean;
}

/** Pass rows whose current date lies in the period, in date order (then in the order recorded). */
function passesInPeriod(register: PassRegister, period: { from: string; to: string }): number[] {
  const from = dateNumber(period.from);
  const to = dateNumber(period.to);
  const dates = register.passes.cols.date;
  const rows: number[] = [];
  for (let row = 0; row < register.passes.count; row += 1) {
    const date = dates[row] as number;
    if (date >= from && date <= to) rows.push(row);
  }
  return rows.sort((a, b) => (dates[a] as number) - (dates[b] as number) || a - b);
}

/** Encounter rows of each pass row, in the order recorded: one sweep, not one per pass. */
function encountersByPass(register: PassRegister, passRows: readonly number[]): Map<number, number[]> {
  const byPass = new Map<number, number[]>(passRows.map((row) => [row, []]));
  const pass = register.encounters.cols.pass;
  for (let row = 0; row < register.encounters.count; row += 1) byPass.get(pass[row] as number)?.push(row);
  return byPass;
}

function exclude(list: FigureMember[], options: MemberOptions, passRow: number, encounterRow: number, reason: ExclusionReason): void {
  if (options.includeExcluded) list.push({ passRow, encounterRow, counted: false, reason });
}

/** The rows a steering figure counts for a period of pass dates (both ends inclusive). */
export function steeringFigureMembers(register: PassRegister, figure: SteeringFigureName, period: { from: string; to: string }, options: MemberOptions = {}): FigureMember[] {
  const passRows = passesInPeriod(register, period);
  const p = register.passes.cols;
  const members: FigureMember[] = [];
  const byPass = figure === 'jointPasses' ? undefined : encountersByPass(register, passRows);
  const e = register.encounters.cols;
  for (const passRow of passRows) {
    const passReason: ExclusionReason | undefined = p.retracted[passRow] ? 'PASS_RETRACTED' : !isJointBits(p.units[passRow] as number) ? 'PASS_NOT_JOINT' : undefined;
    if (!byPass) {
      if (passReason) exclude(members, options, passRow, -1, passReason);
      else members.push({ passRow, encounterRow: -1, counted: true });
      continue;
    }
    for (const row of byPass.get(passRow) ?? []) {
      const under18 = UNDER_18_AGE_CODES.has(e.ageBand[row] as number);
      const exposed = e.role[row] === EXPOSED_CODE;
      const reason: ExclusionReason | undefined =
        passReason ??
        (((e.flags[row] as number) & RETRACTED) !== 0 ? 'ENCOUNTER_RETRACTED'
        : (figure === 'exposed' || figure === 'exposedUnder18') && !exposed ? 'ROLE_NOT_COUNTED'
        : (figure === 'suspectedBuyers' || figure === 'suspectedBuyersUnder18') && exposed ? 'ROLE_NOT_COUNTED'
        : (figure === 'exposedUnder18' || figure === 'suspectedBuyersUnder18') && !under18 ? 'NOT_UNDER_18'
        : figure === 'offeredSupport' && e.supportOffered[row] === 0 ? 'NO_SUPPORT_OFFERED'
        : undefined);
      if (reason) exclude(members, options, passRow, row, reason);
      else members.push({ passRow, encounterRow: row, counted: true });
    }
  }
  return members;
}

interface StatisticsCell {
  /** The cell's key: one value for each grouped dimension, as `statistics` answers them; empty for the total. */
  readonly key: ReadonlyArray<{ dimension: StatisticsDimension; value: string }>;
  readonly measure: StatisticsMeasure;
}

const PASS_LEVEL: ReadonlySet<StatisticsDimension> = new Set(['TERTIAL', 'MONTH', 'UNIT', 'PASS_KIND']);

type Wanted = ReadonlyMap<StatisticsDimension, string>;

const inSet = <T>(chosen: readonly T[] | undefined, value: T | undefined) => !chosen || (value !== undefined && chosen.includes(value));

/** Whether a pass row is one the question and the cell's pass-level dimensions ask for. */
function passMatcher(register: PassRegister, query: StatisticsQuery, want: Wanted): (row: number) => boolean {
  const p = register.passes.cols;
  return (row) => {
    const units = p.units[row] as number;
    const date = dateString(p.date[row] as number);
    if (query.jointOnly && !isJointBits(units)) return false;
    if (query.units && !query.units.some((u) => (units & (1 << UNITS.indexOf(u))) !== 0)) return false;
    if (!inSet(query.passKinds, PASS_KINDS[p.kind[row] as number])) return false;
    for (const [dimension, value] of want) {
      if (dimension === 'TERTIAL' && formatTertial(tertialOfDate(date)) !== value) return false;
      if (dimension === 'MONTH' && date.slice(0, 7) !== value) return false;
      if (dimension === 'UNIT' && !((UNITS as readonly string[]).includes(value) && (units & (1 << UNITS.indexOf(value as never))) !== 0)) return false;
      if (dimension === 'PASS_KIND' && PASS_KINDS[p.kind[row] as number] !== value) return false;
    }
    return true;
  };
}

/** An encounter row's value in an encounter-level dimension, as `statistics` keys it. */
function encounterValueOf(register: PassRegister, context: StatisticsContext | undefined): (row: number, dimension: StatisticsDimension, passRow: number) => string {
  const p = register.passes.cols;
  const e = register.encounters.cols;
  const raidLocation = register.raids.cols.locationType;
  return (row, dimension, passRow) => {
    const raid = e.raid[row] as number;
    switch (dimension) {
      case 'RAID_LOCATION_TYPE':
        return raid >= 0 ? (LOCATION_TYPES[raidLocation[raid] as number] as string) : NOT_GIVEN;
      case 'ROLE':
        return ROLES[e.role[row] as number] as string;
      case 'AGE_BAND':
        return AGE_BANDS[e.ageBand[row] as number] as string;
      case 'UNDER_18':
        return String(UNDER_18_AGE_CODES.has(e.ageBand[row] as number));
      case 'GENDER':
        return (e.gender[row] as number) > 0 ? (GENDERS[(e.gender[row] as number) - 1] as string) : NOT_GIVEN;
      case 'HOME_KOMMUN':
        return HOME_KOMMUN_VALUES[e.homeKommun[row] as number] as string;
      case 'AGREEMENT_STATUS':
        return context?.agreementStatus(HOME_KOMMUN_VALUES[e.homeKommun[row] as number] as string, dateString(p.date[passRow] as number)) ?? NOT_GIVEN;
      default:
        return '';
    }
  };
}

/** Whether an encounter row is one the question's filters and the cell's encounter-level dimensions ask for. */
function encounterMatcher(register: PassRegister, query: StatisticsQuery, want: Wanted, context: StatisticsContext | undefined): (row: number, passRow: number) => boolean {
  const e = register.encounters.cols;
  const raidLocation = register.raids.cols.locationType;
  const encounterValue = encounterValueOf(register, context);
  return (row, passRow) => {
    const raid = e.raid[row] as number;
    const location = raid >= 0 ? LOCATION_TYPES[raidLocation[raid] as number] : undefined;
    if (!inSet(query.roles, ROLES[e.role[row] as number])) return false;
    if (!inSet(query.ageBands, AGE_BANDS[e.ageBand[row] as number])) return false;
    if (query.under18 !== undefined && UNDER_18_AGE_CODES.has(e.ageBand[row] as number) !== query.under18) return false;
    if (query.genders && !((e.gender[row] as number) > 0 && query.genders.includes(GENDERS[(e.gender[row] as number) - 1] as never))) return false;
    if (!inSet(query.homeKommuner, HOME_KOMMUN_VALUES[e.homeKommun[row] as number])) return false;
    if (!inSet(query.raidLocationTypes, location)) return false;
    for (const [dimension, value] of want) if (!PASS_LEVEL.has(dimension) && encounterValue(row, dimension, passRow) !== value) return false;
    return true;
  };
}

/** Why an encounter of a matching pass is not counted in the measure, or undefined when it is. */
function encounterReason(register: PassRegister, measure: StatisticsMeasure, matches: (row: number, passRow: number) => boolean, row: number, passRow: number): ExclusionReason | undefined {
  const e = register.encounters.cols;
  if (((e.flags[row] as number) & RETRACTED) !== 0) return 'ENCOUNTER_RETRACTED';
  if (!matches(row, passRow)) return 'ENCOUNTER_NOT_MATCHING';
  if (measure === 'exposed' && e.role[row] !== EXPOSED_CODE) return 'ROLE_NOT_COUNTED';
  if (measure === 'suspectedBuyers' && e.role[row] === EXPOSED_CODE) return 'ROLE_NOT_COUNTED';
  if (measure === 'under18' && !UNDER_18_AGE_CODES.has(e.ageBand[row] as number)) return 'NOT_UNDER_18';
  if (measure === 'offeredSupport' && e.supportOffered[row] === 0) return 'NO_SUPPORT_OFFERED';
  return undefined;
}

/**
 * The rows a cell of `statistics` counts: encounters for the encounter measures, passes for `passes`
 * (with an encounter criterion, the passes with at least one encounter in the cell, as statistics counts).
 */
export function statisticsCellMembers(
  register: PassRegister,
  query: StatisticsQuery,
  cell: StatisticsCell,
  context?: StatisticsContext,
  options: MemberOptions = {},
): FigureMember[] {
  const want: Wanted = new Map(cell.key.map((k) => [k.dimension, k.value]));
  const p = register.passes.cols;
  const passMatches = passMatcher(register, query, want);
  const encounterMatches = encounterMatcher(register, query, want, context);
  const encounterCriteria =
    query.groupBy.some((d) => !PASS_LEVEL.has(d)) ||
    Boolean(query.roles || query.ageBands || query.genders || query.homeKommuner || query.raidLocationTypes) ||
    query.under18 !== undefined;

  const passRows = passesInPeriod(register, query);
  const byPass = encountersByPass(register, passRows);
  const members: FigureMember[] = [];
  for (const passRow of passRows) {
    const passReason: ExclusionReason | undefined = p.retracted[passRow] ? 'PASS_RETRACTED' : !passMatches(passRow) ? 'PASS_NOT_MATCHING' : undefined;
    if (cell.measure === 'passes' && !encounterCriteria) {
      if (passReason) exclude(members, options, passRow, -1, passReason);
      else members.push({ passRow, encounterRow: -1, counted: true });
      continue;
    }
    let matched = false;
    for (const row of byPass.get(passRow) ?? []) {
      const reason = passReason ?? encounterReason(register, cell.measure, encounterMatches, row, passRow);
      if (cell.measure === 'passes') {
        if (!reason) matched = true;
        continue;
      }
      if (reason) exclude(members, options, passRow, row, reason);
      else members.push({ passRow, encounterRow: row, counted: true });
    }
    if (cell.measure === 'passes') {
      if (matched) members.push({ passRow, encounterRow: -1, counted: true });
      else exclude(members, options, passRow, -1, passReason ?? 'ENCOUNTER_NOT_MATCHING');
    }
  }
  return members;
}

export const countedOf = (members: readonly FigureMember[]) => members.reduce((n, m) => n + (m.counted ? 1 : 0), 0);
