import type { EncounterCorrectedData, PassEventType } from '../src/domain/events.js';
import { PASS_EVENT_TYPES } from '../src/domain/events.js';
import type { Projection, ProjectedEvent } from '../src/projections/projection.js';
import { addRow } from './columns.js';
import { deserialize, deserializeInSteps, serialize, serializeInSteps } from './pass-register-codec.js';
import {
  AGE,
  codeOf,
  CONCERN_REPORTED,
  dateNumber,
  GENDER,
  GUARDIAN_CONTACTED,
  initialRegister,
  KIND,
  KOMMUN,
  LOCATION,
  REGISTER_FINGERPRINT,
  RETRACTED,
  ROLE,
  UNIT_BIT,
  unitBits,
  type PassRegister,
} from './pass-register-rows.js';

/**
 * The fold of the pass register: each pass event applied to the rows of its own pass. The rows and
 * their codes are in `pass-register-rows.ts`, the saved form in `pass-register-codec.ts`, and the
 * reads back as plain objects in `pass-views.ts`.
 */

function touchPass(r: PassRegister, passId: string, revision: number): number {
  const recent = r.recent;
  const row = recent.passId === passId ? recent.passRow : r.passIndex.get(passId);
  if (row === undefined) return -1;
  recent.passId = passId;
  recent.passRow = row;
  r.passes.cols.revision[row] = revision;
  r.byPass.changes += 1;
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

type PassProjected = Extract<ProjectedEvent, { type: PassEventType }>;
const PASS_TYPES: ReadonlySet<string> = new Set(PASS_EVENT_TYPES);
const isPassEvent = (event: ProjectedEvent): event is PassProjected => PASS_TYPES.has(event.type);

/** Pass events carry their pass's id; one whose data names another pass than its stream is not applied. */
function ownStream(event: ProjectedEvent, passId: string): boolean {
  const streamId = event.streamId;
  return streamId.length === passId.length + 5 && streamId.startsWith('pass-') && streamId.endsWith(passId);
}

function setEncounterFields(r: PassRegister, row: number, d: Omit<EncounterCorrectedData, 'passId' | 'encounterId'>): void {
  const c = r.encounters.cols;
  if (d.role !== undefined) c.role[row] = codeOf(ROLE, d.role, 'role');
  if (d.ageBand !== undefined) c.ageBand[row] = codeOf(AGE, d.ageBand, 'ageBand');
  if (d.gender !== undefined) c.gender[row] = codeOf(GENDER, d.gender, 'gender') + 1;
  if (d.homeKommun !== undefined) c.homeKommun[row] = codeOf(KOMMUN, d.homeKommun, 'homeKommun');
  if (d.raidId !== undefined) c.raid[row] = raidOfPass(r, d.raidId, c.pass[row] as number);
}

function apply(r: PassRegister, event: ProjectedEvent): PassRegister {
  if (!isPassEvent(event) || !ownStream(event, event.data.passId)) return r;
  switch (event.type) {
    case 'PassRecorded': {
      const d = event.data;
      if (r.passIndex.has(d.passId)) return r;
      const row = addRow(r.passes);
      const c = r.passes.cols;
      c.date[row] = dateNumber(d.date);
      c.kind[row] = codeOf(KIND, d.kind, 'kind');
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
      const d = event.data;
      const pass = touchPass(r, d.passId, event.revision);
      // The first raid with an id keeps it: a later one reusing it (refused since, but in older logs) is not folded.
      if (pass < 0 || r.raidIndex.has(d.raidId)) return r;
      const row = addRow(r.raids);
      r.raids.cols.pass[row] = pass;
      r.raids.cols.locationType[row] = codeOf(LOCATION, d.locationType, 'locationType');
      r.raidIds.push(d.raidId);
      r.raidIndex.set(d.raidId, row);
      r.raidTime.push(d.time ?? null);
      (r.byPass.raids[pass] as number[]).push(row);
      return r;
    }
    case 'PersonEncountered': {
      const d = event.data;
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
      const d = event.data;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      if (row >= 0) r.encounters.cols.supportOffered[row] = (r.encounters.cols.supportOffered[row] as number) | codeOf(UNIT_BIT, d.unit, 'unit');
      return r;
    }
    case 'GuardianContacted': {
      const d = event.data;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      const c = r.encounters.cols;
      if (row >= 0 && !((c.flags[row] as number) & GUARDIAN_CONTACTED)) {
        c.flags[row] = (c.flags[row] as number) | GUARDIAN_CONTACTED;
        c.guardianContactedOn[row] = dateNumber(d.on);
      }
      return r;
    }
    case 'ConcernReportFiled': {
      const d = event.data;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      const c = r.encounters.cols;
      if (row >= 0 && !((c.flags[row] as number) & CONCERN_REPORTED)) {
        c.flags[row] = (c.flags[row] as number) | CONCERN_REPORTED;
        c.concernReportOn[row] = dateNumber(d.on);
        c.concernReportKommun[row] = codeOf(KOMMUN, d.kommun, 'kommun');
      }
      return r;
    }
    case 'EncounterCorrected': {
      const d = event.data;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      if (row >= 0) setEncounterFields(r, row, d);
      return r;
    }
    case 'EncounterRetracted': {
      const d = event.data;
      const row = encounterRow(r, d.passId, d.encounterId, event.revision);
      if (row >= 0) r.encounters.cols.flags[row] = (r.encounters.cols.flags[row] as number) | RETRACTED;
      return r;
    }
    case 'PassCorrected': {
      const d = event.data;
      const row = touchPass(r, d.passId, event.revision);
      if (row < 0) return r;
      const c = r.passes.cols;
      if (d.date !== undefined && dateNumber(d.date) !== c.date[row]) {
        c.date[row] = dateNumber(d.date);
        r.byPass.byDate = undefined;
      }
      if (d.kind !== undefined) c.kind[row] = codeOf(KIND, d.kind, 'kind');
      if (d.units !== undefined) c.units[row] = unitBits(d.units);
      if (d.area !== undefined) r.passArea[row] = d.area; // null clears it
      return r;
    }
    case 'PassRetracted': {
      const d = event.data;
      const row = touchPass(r, d.passId, event.revision);
      if (row >= 0) r.passes.cols.retracted[row] = 1;
      return r;
    }
    default:
      return r;
  }
}


export const passRegister: Projection<PassRegister> = {
  name: 'pass-register',
  // 4: the encounter columns took the glossary's names, and the saved sections are named by column.
  version: 4,
  fingerprint: REGISTER_FINGERPRINT,
  eventTypes: new Set<string>(PASS_EVENT_TYPES),
  init: initialRegister,
  apply,
  serialize,
  deserialize,
  serializeInSteps,
  deserializeInSteps,
};
