import type { AccountPayment, TrainingFormat } from './county-vocabulary.js';
import type { AgeBand, Gender, LocationType, PassKind, Role, Unit } from './vocabulary.js';

/**
 * The facts of the log (DESIGN §3), past tense, one fact each, as this version writes them. Each type's
 * data has a zod schema (event-schemas.ts) and a schema version, kept in the event's metadata; the log
 * is never rewritten, so readers decode every event through event-decoding.ts, which upcasts older
 * versions (upcasters.ts) to the shapes below.
 */

/** The facts of a pass stream. */

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
  /** null: the area was cleared. */
  area?: string | null;
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

export function passStreamId(passId: string): string {
  return `pass-${passId}`;
}

// ---- The county offer (kommun-<code>), trainings (training-<uuid>) and online outreach (outreach-<uuid>) ----

export interface AgreementSignedData {
  kommun: string;
  /** First day in effect. */
  effectiveFrom: string;
  signedOn?: string;
  reference?: string;
}
export interface AgreementEndedData {
  kommun: string;
  /** Last day in effect. */
  effectiveUntil: string;
  reference?: string;
}
export interface NotConnectedConfirmedData {
  kommun: string;
  on: string;
  reference?: string;
}
export interface KommunNotifiedData {
  kommun: string;
  on: string;
  encounters: Array<{ passId: string; encounterId: string }>;
}
export interface TrainingHeldData {
  trainingId: string;
  date: string;
  format: TrainingFormat;
  participants: number;
  kommuner: string[];
}
/**
 * Schema version 2. Version 1 named the date `registeredOn`, where the account's other facts
 * (OrganisationDisclosed, AccountBlocked) say `on`: readers upcast it (upcasters.ts).
 */
export interface AccountRegisteredData {
  accountId: string;
  unit: Unit;
  platform: string;
  /** The day the account was registered. */
  on: string;
  payment: AccountPayment;
}
export interface OrganisationDisclosedData {
  accountId: string;
  on: string;
}
export interface AccountBlockedData {
  accountId: string;
  on: string;
}
export interface OutreachSessionHeldData {
  sessionId: string;
  date: string;
  unit: Unit;
  platform: string;
  accountId?: string;
  passId?: string;
  contactsEstablished: number;
  minorsFound: number;
  referrals: number;
}

interface CountyEventDataByType {
  AgreementSigned: AgreementSignedData;
  AgreementEnded: AgreementEndedData;
  NotConnectedConfirmed: NotConnectedConfirmedData;
  KommunNotified: KommunNotifiedData;
  TrainingHeld: TrainingHeldData;
  AccountRegistered: AccountRegisteredData;
  OrganisationDisclosed: OrganisationDisclosedData;
  AccountBlocked: AccountBlockedData;
  OutreachSessionHeld: OutreachSessionHeldData;
}

export type CountyEventType = keyof CountyEventDataByType;
export type CountyEvent = { [T in CountyEventType]: { type: T; data: CountyEventDataByType[T] } }[CountyEventType];
/** A county-offer fact as a decider emits it, with when it happened. */
export type DecidedCountyEvent = CountyEvent & { occurredAt: string };

export const KOMMUN_EVENT_TYPES: readonly CountyEventType[] = ['AgreementSigned', 'AgreementEnded', 'NotConnectedConfirmed', 'KommunNotified'];
export const TRAINING_EVENT_TYPES: readonly CountyEventType[] = ['TrainingHeld'];
export const OUTREACH_EVENT_TYPES: readonly CountyEventType[] = ['AccountRegistered', 'OrganisationDisclosed', 'AccountBlocked', 'OutreachSessionHeld'];

/** Every fact the deciders emit and the projections fold, discriminated by its type. */
export type DomainEvent = PassEvent | CountyEvent;
export type DomainEventType = DomainEvent['type'];
export type EventDataOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>['data'];
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [...PASS_EVENT_TYPES, ...KOMMUN_EVENT_TYPES, ...TRAINING_EVENT_TYPES, ...OUTREACH_EVENT_TYPES];

export function kommunStreamId(code: string): string {
  return `kommun-${code}`;
}
export function trainingStreamId(trainingId: string): string {
  return `training-${trainingId}`;
}
/** A platform account's stream (and, before sessions had streams of their own, a session's). */
export function outreachStreamId(id: string): string {
  return `outreach-${id}`;
}
/** An outreach session's stream; sessions recorded before it existed are in `outreach-<sessionId>`. */
export function outreachSessionStreamId(sessionId: string): string {
  return `outreach_session-${sessionId}`;
}
