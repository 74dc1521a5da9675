import { drain } from '../src/projections/steps.js';
import { jsonArraysSectionInSteps, packSectionsInSteps, stringsFromSectionInSteps, stringsSectionInSteps, tableFromSections, tableSections, unpackSections } from './columns.js';
import { ENCOUNTER_COLUMNS, noneRecent, PASS_COLUMNS, RAID_COLUMNS, type PassRegister } from './pass-register-rows.js';

/**
 * The pass register's saved form: its columns as binary sections, ids as strings; the per-pass index is
 * rebuilt on load. Encoding and decoding are also offered in steps (generators that yield between parts
 * of bounded size), so a server can save or load the register of a million events between requests.
 */

interface Header {
  passes: number;
  raids: number;
  encounters: number;
}

/** Map entries or rows handled per step: a few milliseconds of work. */
const STEP_ROWS = 5_000;

export function* serializeInSteps(r: PassRegister): Generator<void, Uint8Array> {
  // A live register folds on between steps: the first step takes what is saved as it stands now
  // (copies of the columns and lists, a few milliseconds at a million events), so a save is one
  // position's state, never rows of two.
  const header: Header = { passes: r.passes.count, raids: r.raids.count, encounters: r.encounters.count };
  const tables = copied({ ...tableSections('passes', r.passes), ...tableSections('raids', r.raids), ...tableSections('encounters', r.encounters) });
  const passIdList = r.passIds.slice(0, header.passes);
  const recordedAtList = r.passRecordedAt.slice(0, header.passes);
  const raidIdList = r.raidIds.slice(0, header.raids);
  const encounterIdList = r.encounterIds.slice(0, header.encounters);
  const texts = { area: r.passArea.slice(0, header.passes), start: r.passStart.slice(0, header.passes), end: r.passEnd.slice(0, header.passes), raidTime: r.raidTime.slice(0, header.raids) };
  yield;
  const passIds = yield* stringsSectionInSteps(passIdList);
  yield;
  const passRecordedAt = yield* stringsSectionInSteps(recordedAtList);
  yield;
  const raidIds = yield* stringsSectionInSteps(raidIdList);
  yield;
  const encounterIds = yield* stringsSectionInSteps(encounterIdList);
  yield;
  const text = yield* jsonArraysSectionInSteps(texts);
  yield;
  return yield* packSectionsInSteps(header, { ...tables, passIds, passRecordedAt, raidIds, encounterIds, text });
}

function copied(sections: Record<string, Uint8Array>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(sections).map(([name, bytes]) => [name, bytes.slice()]));
}

export const serialize = (r: PassRegister): Uint8Array => drain(serializeInSteps(r));

function* indexById(ids: readonly string[]): Generator<void, Map<string, number>> {
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1) {
    index.set(ids[i] as string, i);
    if (i % STEP_ROWS === STEP_ROWS - 1) yield;
  }
  return index;
}

export function* deserializeInSteps(bytes: Uint8Array): Generator<void, PassRegister> {
  const { header, section } = unpackSections<Header>(bytes);
  const text = JSON.parse(Buffer.from(section('text')).toString('utf8')) as {
    area: Array<string | null>;
    start: Array<string | null>;
    end: Array<string | null>;
    raidTime: Array<string | null>;
  };
  yield;
  const passIds = yield* stringsFromSectionInSteps(section('passIds'), header.passes);
  const raidIds = yield* stringsFromSectionInSteps(section('raidIds'), header.raids);
  const passRecordedAt = yield* stringsFromSectionInSteps(section('passRecordedAt'), header.passes);
  yield;
  const encounterIds = yield* stringsFromSectionInSteps(section('encounterIds'), header.encounters);
  yield;
  const passes = tableFromSections('passes', PASS_COLUMNS, header.passes, section);
  const raids = tableFromSections('raids', RAID_COLUMNS, header.raids, section);
  yield;
  const encounters = tableFromSections('encounters', ENCOUNTER_COLUMNS, header.encounters, section);
  yield;
  const r: PassRegister = {
    passes,
    passIds,
    passIndex: yield* indexById(passIds),
    passRecordedAt,
    passArea: text.area,
    passStart: text.start,
    passEnd: text.end,
    raids,
    raidIds,
    raidIndex: yield* indexById(raidIds),
    raidTime: text.raidTime,
    encounters,
    encounterIds,
    encounterIndex: yield* indexById(encounterIds),
    recent: noneRecent(),
    byPass: { raids: [], encounters: [], byDate: undefined, changes: 0 },
  };
  yield* indexRowsByPass(r);
  return r;
}

export const deserialize = (bytes: Uint8Array): PassRegister => drain(deserializeInSteps(bytes));

/** Rebuilds the per-pass rows from the columns, in row (log) order. */
function* indexRowsByPass(r: PassRegister): Generator<void, void> {
  const { raids, encounters } = r.byPass;
  for (let pass = 0; pass < r.passes.count; pass += 1) {
    raids.push([]);
    encounters.push([]);
    if (pass % STEP_ROWS === STEP_ROWS - 1) yield;
  }
  for (let row = 0; row < r.raids.count; row += 1) {
    raids[r.raids.cols.pass[row] as number]?.push(row);
    if (row % STEP_ROWS === STEP_ROWS - 1) yield;
  }
  for (let row = 0; row < r.encounters.count; row += 1) {
    encounters[r.encounters.cols.pass[row] as number]?.push(row);
    if (row % STEP_ROWS === STEP_ROWS - 1) yield;
  }
}
