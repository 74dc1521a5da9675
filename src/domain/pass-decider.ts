import type { CommandOf, PassCommand } from './commands.js';
import { decided, notInFuture, nowInStockholm, refuse, type Decider, type DecisionOf } from './decision.js';
import { domainError, type DomainError } from './errors.js';
import type { DecidedEvent, PassEvent } from './events.js';
import { stockholmDateTime } from './time.js';
import { isUnder18, UNDER_18_AGE_BANDS, type AgeBand, type Gender, type PassKind, type Role, type Unit } from './vocabulary.js';

/**
 * The decider of one pass stream: the consistency boundary for a pass, its raids and its encounters.
 * Pure: given the events so far and a command (and the clock passed in), it answers new events or an error.
 */

export interface EncounterState {
  readonly role: Role;
  readonly ageBand: AgeBand;
  readonly gender: Gender | undefined;
  readonly homeKommun: string;
  readonly raidId: string | undefined;
  readonly retracted: boolean;
  /** Whether its age band was under 18 at any time: what a police user may know of why a date is held. */
  readonly everUnder18: boolean;
  /** The safeguarding actions recorded for an encounter under 18, as the pass view names them; a pass date must not move past them. */
  readonly guardianContactedOn?: string;
  readonly concernReport?: { readonly on: string };
}

export interface PassState {
  readonly recorded: boolean;
  readonly retracted: boolean;
  readonly date: string;
  readonly kind: PassKind | undefined;
  readonly units: readonly Unit[];
  readonly area: string | undefined;
  readonly startTime: string | undefined;
  readonly raids: ReadonlySet<string>;
  readonly encounters: ReadonlyMap<string, EncounterState>;
}

export function initialState(): PassState {
  return {
    recorded: false,
    retracted: false,
    date: '',
    kind: undefined,
    units: [],
    area: undefined,
    startTime: undefined,
    raids: new Set(),
    encounters: new Map(),
  };
}

function withEncounter(state: PassState, id: string, update: (e: EncounterState) => EncounterState): PassState {
  const current = state.encounters.get(id);
  if (!current) return state;
  const encounters = new Map(state.encounters);
  encounters.set(id, update(current));
  return { ...state, encounters };
}

export function evolve(state: PassState, event: PassEvent): PassState {
  switch (event.type) {
    case 'PassRecorded': {
      const d = event.data;
      return { ...state, recorded: true, date: d.date, kind: d.kind, units: d.units, area: d.area, startTime: d.startTime };
    }
    case 'RaidRecorded':
      return { ...state, raids: new Set(state.raids).add(event.data.raidId) };
    case 'PersonEncountered': {
      const d = event.data;
      const encounters = new Map(state.encounters);
      encounters.set(d.encounterId, {
        role: d.role,
        ageBand: d.ageBand,
        gender: d.gender,
        homeKommun: d.homeKommun,
        raidId: d.raidId,
        retracted: false,
        everUnder18: isUnder18(d.ageBand),
      });
      return { ...state, encounters };
    }
    case 'EncounterCorrected': {
      const { passId: _p, encounterId, ...changes } = event.data;
      return withEncounter(state, encounterId, (e) => ({ ...e, ...changes, everUnder18: e.everUnder18 || (changes.ageBand !== undefined && isUnder18(changes.ageBand)) }));
    }
    case 'EncounterRetracted':
      return withEncounter(state, event.data.encounterId, (e) => ({ ...e, retracted: true }));
    case 'PassCorrected': {
      const { passId: _p, area, ...changes } = event.data;
      return { ...state, ...changes, ...(area === undefined ? {} : { area: area ?? undefined }) };
    }
    case 'PassRetracted':
      return { ...state, retracted: true };
    case 'GuardianContacted':
      return withEncounter(state, event.data.encounterId, (e) => (e.guardianContactedOn === undefined ? { ...e, guardianContactedOn: event.data.on } : e));
    case 'ConcernReportFiled':
      return withEncounter(state, event.data.encounterId, (e) => (e.concernReport === undefined ? { ...e, concernReport: { on: event.data.on } } : e));
    case 'SupportOffered':
      return state;
  }
}

export type PassDecision = DecisionOf<DecidedEvent>;

function openPass(state: PassState): DomainError | undefined {
  if (!state.recorded) return domainError('NOT_FOUND', 'passId', 'must name a recorded pass; no pass with this id is recorded');
  if (state.retracted) return domainError('CONFLICT', 'passId', 'names a retracted pass; nothing more can be recorded on it');
  return undefined;
}

function openEncounter(state: PassState, encounterId: string): DomainError | EncounterState {
  const encounter = state.encounters.get(encounterId);
  if (!encounter) return domainError('NOT_FOUND', 'encounterId', 'must name an encounter recorded on this pass');
  if (encounter.retracted) return domainError('CONFLICT', 'encounterId', 'names a retracted encounter; it cannot be changed');
  return encounter;
}

function isError(value: DomainError | EncounterState): value is DomainError {
  return 'rule' in value;
}

function knownRaid(state: PassState, raidId: string | undefined): DomainError | undefined {
  return raidId !== undefined && !state.raids.has(raidId)
    ? domainError('NOT_FOUND', 'raidId', 'must name a raid recorded on this pass')
    : undefined;
}

function under18Only(encounter: EncounterState, what: string): DomainError | undefined {
  return isUnder18(encounter.ageBand)
    ? undefined
    : domainError('BAD_USER_INPUT', 'encounterId', `${what} is recorded only for an encounter under 18 (age band ${UNDER_18_AGE_BANDS.join(' or ')})`);
}

function actionDate(state: PassState, on: string, now: Date): DomainError | undefined {
  if (on < state.date) return domainError('BAD_USER_INPUT', 'on', `must not be before the pass date (${state.date})`);
  return notInFuture('on', on, now);
}

/** The changes a correction really makes: fields that are given and differ from what stands. */
function changedFields<T extends object>(given: T, current: Record<string, unknown>): Partial<T> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const before = current[key];
    // The only list is units, a set (no unit twice): the same units in another order change nothing.
    const same = Array.isArray(value) && Array.isArray(before) ? [...value].sort().join() === [...before].sort().join() : value === before;
    if (!same) changes[key] = value;
  }
  return changes as Partial<T>;
}

/** Who decides, where it changes what may be said: the police learn nothing of social-services-only facts. */
export interface DecidedBy {
  readonly police?: boolean;
}

export function decide(command: PassCommand, state: PassState, now: Date, by: DecidedBy = {}): PassDecision {
  const problem = command.type === 'RecordPass' ? undefined : openPass(state);
  if (problem) return refuse(problem);
  const passStart = () => stockholmDateTime(state.date, state.startTime);

  switch (command.type) {
    case 'RecordPass': {
      if (state.recorded) return refuse(domainError('CONFLICT', 'passId', 'is already recorded by another command; a pass id is recorded once'));
      const future = notInFuture('date', command.date, now);
      if (future) return refuse(future);
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'PassRecorded', data, occurredAt: stockholmDateTime(command.date, command.startTime) });
    }
    case 'RecordRaid': {
      if (state.raids.has(command.raidId)) return refuse(domainError('CONFLICT', 'raidId', 'is already recorded on this pass by another command'));
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'RaidRecorded', data, occurredAt: stockholmDateTime(state.date, command.time ?? state.startTime) });
    }
    case 'RecordEncounter': {
      if (state.encounters.has(command.encounterId)) {
        return refuse(domainError('CONFLICT', 'encounterId', 'is already recorded on this pass by another command'));
      }
      const raid = knownRaid(state, command.raidId);
      if (raid) return refuse(raid);
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'PersonEncountered', data, occurredAt: passStart() });
    }
    case 'OfferSupport': {
      const encounter = openEncounter(state, command.encounterId);
      if (isError(encounter)) return refuse(encounter);
      // Support is the social services' to offer, and only a unit that was on the pass met the person.
      if (command.unit === 'POLIS') return refuse(domainError('BAD_USER_INPUT', 'unit', 'must be a social-services unit: the police do not offer support'));
      if (!state.units.includes(command.unit)) return refuse(domainError('BAD_USER_INPUT', 'unit', 'must be a unit that takes part in the pass'));
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'SupportOffered', data, occurredAt: passStart() });
    }
    case 'ContactGuardian':
    case 'FileConcernReport':
      return decideSafeguarding(command, state, now);
    case 'CorrectEncounter':
      return decideEncounterCorrection(command, state, now);
    case 'RetractEncounter': {
      const encounter = openEncounter(state, command.encounterId);
      if (isError(encounter)) return refuse(encounter);
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'EncounterRetracted', data, occurredAt: nowInStockholm(now) });
    }
    case 'CorrectPass':
      return decidePassCorrection(command, state, now, by);
    case 'RetractPass': {
      const { type: _t, commandId: _c, ...data } = command;
      return decided({ type: 'PassRetracted', data, occurredAt: nowInStockholm(now) });
    }
  }
}

/** The earliest guardian contact or report of concern on the pass's standing encounters. */
function earliestSafeguarding(state: PassState): string | undefined {
  let earliest: string | undefined;
  for (const encounter of state.encounters.values()) {
    if (encounter.retracted) continue;
    for (const on of [encounter.guardianContactedOn, encounter.concernReport?.on]) {
      if (on !== undefined && (earliest === undefined || on < earliest)) earliest = on;
    }
  }
  return earliest;
}

function decideSafeguarding(command: CommandOf<'ContactGuardian'> | CommandOf<'FileConcernReport'>, state: PassState, now: Date): PassDecision {
  const encounter = openEncounter(state, command.encounterId);
  if (isError(encounter)) return refuse(encounter);
  const what = command.type === 'ContactGuardian' ? 'guardian contact' : 'a report of concern';
  const problem = under18Only(encounter, what) ?? actionDate(state, command.on, now);
  if (problem) return refuse(problem);
  const occurredAt = stockholmDateTime(command.on);
  if (command.type === 'ContactGuardian') {
    const { type: _t, commandId: _c, ...data } = command;
    return decided({ type: 'GuardianContacted', data, occurredAt });
  }
  const { type: _t, commandId: _c, ...data } = command;
  return decided({ type: 'ConcernReportFiled', data, occurredAt });
}

function decideEncounterCorrection(command: CommandOf<'CorrectEncounter'>, state: PassState, now: Date): PassDecision {
  const encounter = openEncounter(state, command.encounterId);
  if (isError(encounter)) return refuse(encounter);
  const { type: _t, commandId: _c, passId, encounterId, ...given } = command;
  const raid = knownRaid(state, given.raidId);
  if (raid) return refuse(raid);
  const changes = changedFields(given, { ...encounter });
  if (Object.keys(changes).length === 0) {
    return refuse(domainError('BAD_USER_INPUT', 'encounterId', 'the correction changes nothing: give the fields that change (role, ageBand, gender, homeKommun, raidId)'));
  }
  return decided({ type: 'EncounterCorrected', data: { passId, encounterId, ...changes }, occurredAt: nowInStockholm(now) });
}

function decidePassCorrection(command: CommandOf<'CorrectPass'>, state: PassState, now: Date, by: DecidedBy): PassDecision {
  const { type: _t, commandId: _c, passId, ...given } = command;
  if (given.date !== undefined) {
    const future = notInFuture('date', given.date, now);
    if (future) return refuse(future);
    // For the police the rule is one they can see the reason for: later than the pass's date, with a
    // child on it, whether or not social services recorded anything. It holds whenever the real rule
    // does (a contact or report is dated on or after the pass, and only for a child), so their
    // answer never depends on what they may not know.
    if (by.police && given.date > state.date && [...state.encounters.values()].some((e) => !e.retracted && e.everUnder18)) {
      return refuse(domainError('BAD_USER_INPUT', 'date', 'must not be moved later while an encounter under 18 (now or before a correction) is recorded on the pass; a social-services unit on the pass can correct it'));
    }
    const earliest = earliestSafeguarding(state);
    if (earliest !== undefined && given.date > earliest) {
      return refuse(domainError('BAD_USER_INPUT', 'date', `must not be after a guardian contact or report of concern already recorded on this pass (the earliest on ${earliest})`));
    }
  }
  // No area and a cleared area are the same: clearing an area that is not there changes nothing.
  const changes = changedFields(given, { ...state, area: state.area ?? null });
  if (Object.keys(changes).length === 0) {
    return refuse(domainError('BAD_USER_INPUT', 'passId', 'the correction changes nothing: give the fields that change (date, kind, units, area; area null clears it)'));
  }
  return decided({ type: 'PassCorrected', data: { passId, ...changes }, occurredAt: nowInStockholm(now) });
}

/** The decider of pass streams, as the catalogue (catalogue.ts) holds it. */
export const passDecider: Decider<PassCommand, PassState, PassEvent, DecidedBy> = { initialState, evolve, decide };
