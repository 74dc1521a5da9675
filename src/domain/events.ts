import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from './vocabulary.js';

/** The facts of a pass stream (DESIGN §3), past tense, one fact each. */

export interface PassRecordedData {
  passId: string;
  date: string;
  kind: PassKind;
  units: Unit[];
  startTime?: string;
  endTime?: string;
  area?: string;
}
export interface RaidRecordedData {
  passId: string;
  raidId: string;
  time?: string;
  locationType: LocationType;
}
export interface PersonEncounteredData {
  passId: string;
  encounterId: string;
  raidId?: string;
  role: Role;
  ageBand: AgeBand;
  gender?: Gender;
  homeKommun: string;
}
export interface SupportOfferedData {
  passId: string;
  encounterId: string;
  unit: Unit;
}
export interface GuardianContactedData {
  passId: string;
  encounterId: string;
  on: string;
}
export interface ConcernReportFiledData {
  passId: string;
  encounterId: string;
  on: string;
  kommun: string;
}
/** Only the fields that changed; the rest stand as recorded. */
export interface EncounterCorrectedData {
  passId: string;
  encounterId: string;
  raidId?: string;
  role?: Role;
  ageBand?: AgeBand;
  gender?: Gender;
  homeKommun?: string;
}
export interface EncounterRetractedData {
  passId: string;
  encounterId: string;
  reason: string;
}
export interface PassCorrectedData {
  passId: string;
  date?: string;
  kind?: PassKind;
  units?: Unit[];
  area?: string;
}
export interface PassRetractedData {
  passId: string;
  reason: string;
}

interface EventDataByType {
  PassRecorded: PassRecordedData;
  RaidRecorded: RaidRecordedData;
  PersonEncountered: PersonEncounteredData;
  SupportOffered: SupportOfferedData;
  GuardianContacted: GuardianContactedData;
  ConcernReportFiled: ConcernReportFiledData;
  EncounterCorrected: EncounterCorrectedData;
  EncounterRetracted: EncounterRetractedData;
  PassCorrected: PassCorrectedData;
  PassRetracted: PassRetractedData;
}

export type PassEventType = keyof EventDataByType;

export type PassEvent = { [T in PassEventType]: { type: T; data: EventDataByType[T] } }[PassEventType];

/** A fact as a decider emits it: the event plus when it happened (ISO-8601 with Stockholm offset). */
export type DecidedEvent = PassEvent & { occurredAt: string };

export const PASS_EVENT_TYPES: readonly PassEventType[] = [
  'PassRecorded',
  'RaidRecorded',
  'PersonEncountered',
  'SupportOffered',
  'GuardianContacted',
  'ConcernReportFiled',
  'EncounterCorrected',
  'EncounterRetracted',
  'PassCorrected',
  'PassRetracted',
];

/** Bumped when an event's data changes shape; readers upcast older versions. */
export const SCHEMA_VERSION = 1;

export function passStreamId(passId: string): string {
  return `pass-${passId}`;
}
