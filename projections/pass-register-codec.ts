import { packSections, stringsFromSection, stringsSection, tableFromSections, tableSections, unpackSections } from './columns.js';
import { ENCOUNTER_COLUMNS, noneRecent, PASS_COLUMNS, RAID_COLUMNS, type PassRegister } from './pass-register-rows.js';

/** The pass register's saved form: its columns as binary sections, ids as strings; the per-pass index is rebuilt on load. */

interface Header {
  passes: number;
  raids: number;
  encounters: number;
}

export function serialize(r: PassRegister): Uint8Array {
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

export function deserialize(bytes: Uint8Array): PassRegister {
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
    byPass: { raids: [], encounters: [], byDate: undefined, changes: 0 },
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
