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
import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from '../src/domain/vocabulary.js';
import type { Projection } from '../src/projections/projection.js';
import type { RecordedEvent } from '../src/store/port.js';

/**
 * The register of passes and encounters as they stand now: corrections applied, retractions marked.
 * Figures, statistics and pass queries are answered from it; nothing reads the raw log for them.
 */

export interface RaidView {
  readonly id: string;
  readonly time?: string;
  readonly locationType: LocationType;
}

export interface PassView {
  readonly id: string;
  date: string;
  kind: PassKind;
  units: Unit[];
  area?: string;
  startTime?: string;
  endTime?: string;
  retracted: boolean;
  readonly raids: RaidView[];
  readonly encounterIds: string[];
  /** Stream revision of the newest event applied: a client's expectedRevision for its next write. */
  revision: number;
  readonly recordedAt: string;
}

export interface EncounterView {
  readonly id: string;
  readonly passId: string;
  raidId?: string;
  role: Role;
  ageBand: AgeBand;
  gender?: Gender;
  homeKommun: string;
  retracted: boolean;
  supportUnits: Unit[];
  guardianContactedOn?: string;
  concernReport?: { on: string; kommun: string };
}

export interface PassRegister {
  readonly passes: Map<string, PassView>;
  readonly encounters: Map<string, EncounterView>;
}

function touch(register: PassRegister, passId: string, revision: number): PassView | undefined {
  const pass = register.passes.get(passId);
  if (pass) pass.revision = revision;
  return pass;
}

function apply(register: PassRegister, event: RecordedEvent): PassRegister {
  switch (event.type) {
    case 'PassRecorded': {
      const d = event.data as PassRecordedData;
      register.passes.set(d.passId, {
        id: d.passId,
        date: d.date,
        kind: d.kind,
        units: d.units,
        ...(d.area !== undefined ? { area: d.area } : {}),
        ...(d.startTime !== undefined ? { startTime: d.startTime } : {}),
        ...(d.endTime !== undefined ? { endTime: d.endTime } : {}),
        retracted: false,
        raids: [],
        encounterIds: [],
        revision: event.revision,
        recordedAt: event.recordedAt,
      });
      return register;
    }
    case 'RaidRecorded': {
      const d = event.data as RaidRecordedData;
      touch(register, d.passId, event.revision)?.raids.push({
        id: d.raidId,
        ...(d.time !== undefined ? { time: d.time } : {}),
        locationType: d.locationType,
      });
      return register;
    }
    case 'PersonEncountered': {
      const d = event.data as PersonEncounteredData;
      const pass = touch(register, d.passId, event.revision);
      if (!pass) return register;
      pass.encounterIds.push(d.encounterId);
      register.encounters.set(d.encounterId, {
        id: d.encounterId,
        passId: d.passId,
        ...(d.raidId !== undefined ? { raidId: d.raidId } : {}),
        role: d.role,
        ageBand: d.ageBand,
        ...(d.gender !== undefined ? { gender: d.gender } : {}),
        homeKommun: d.homeKommun,
        retracted: false,
        supportUnits: [],
      });
      return register;
    }
    case 'SupportOffered': {
      const d = event.data as SupportOfferedData;
      touch(register, d.passId, event.revision);
      const encounter = register.encounters.get(d.encounterId);
      if (encounter && !encounter.supportUnits.includes(d.unit)) encounter.supportUnits.push(d.unit);
      return register;
    }
    case 'GuardianContacted': {
      const d = event.data as GuardianContactedData;
      touch(register, d.passId, event.revision);
      const encounter = register.encounters.get(d.encounterId);
      if (encounter) encounter.guardianContactedOn ??= d.on;
      return register;
    }
    case 'ConcernReportFiled': {
      const d = event.data as ConcernReportFiledData;
      touch(register, d.passId, event.revision);
      const encounter = register.encounters.get(d.encounterId);
      if (encounter) encounter.concernReport ??= { on: d.on, kommun: d.kommun };
      return register;
    }
    case 'EncounterCorrected': {
      const { passId, encounterId, ...changes } = event.data as EncounterCorrectedData;
      touch(register, passId, event.revision);
      const encounter = register.encounters.get(encounterId);
      if (encounter) Object.assign(encounter, changes);
      return register;
    }
    case 'EncounterRetracted': {
      const d = event.data as EncounterRetractedData;
      touch(register, d.passId, event.revision);
      const encounter = register.encounters.get(d.encounterId);
      if (encounter) encounter.retracted = true;
      return register;
    }
    case 'PassCorrected': {
      const { passId, ...changes } = event.data as PassCorrectedData;
      const pass = touch(register, passId, event.revision);
      if (pass) Object.assign(pass, changes);
      return register;
    }
    case 'PassRetracted': {
      const d = event.data as PassRetractedData;
      const pass = touch(register, d.passId, event.revision);
      if (pass) pass.retracted = true;
      return register;
    }
    default:
      return register;
  }
}

export const passRegister: Projection<PassRegister> = {
  name: 'pass-register',
  version: 1,
  eventTypes: new Set<string>(PASS_EVENT_TYPES),
  init: () => ({ passes: new Map(), encounters: new Map() }),
  apply,
  serialize: (register) => JSON.stringify({ passes: [...register.passes.values()], encounters: [...register.encounters.values()] }),
  deserialize: (text) => {
    const { passes, encounters } = JSON.parse(text) as { passes: PassView[]; encounters: EncounterView[] };
    return {
      passes: new Map(passes.map((p) => [p.id, p])),
      encounters: new Map(encounters.map((e) => [e.id, e])),
    };
  },
};
