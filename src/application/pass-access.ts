import type { PassCommand } from '../domain/commands.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { evolve, initialState, type PassState } from '../domain/pass-decider.js';
import type { PassEvent } from '../domain/events.js';
import type { Unit } from '../domain/vocabulary.js';
import type { RecordedEvent } from '../store/port.js';

/**
 * Which passes a field user may see and write: those their own unit takes part in, as the pass's
 * stream stands when it is read, never as a projection that may lag the log (another process or app
 * instance may just have written it). One rule for the write path and the pass-level reads. It fails
 * closed: a pass the log does not hold is refused with the same answer as another unit's pass, so the
 * answer tells nothing about passes the caller may not see.
 */
const OWN_PASSES_ONLY = 'is open only for recorded passes your own unit took part in';

/** The pass as its stream stands (free text left as stored: access does not read it). */
export function passStateOf(events: readonly RecordedEvent[]): PassState {
  let state = initialState();
  for (const event of events) state = evolve(state, { type: event.type, data: event.data } as PassEvent);
  return state;
}

/** Undefined when `unit` may see the pass; otherwise a FORBIDDEN error naming passId. */
export function passAccess(unit: Unit, state: PassState): DomainError | undefined {
  return state.recorded && state.units.includes(unit) ? undefined : domainError('FORBIDDEN', 'passId', OWN_PASSES_ONLY);
}

/**
 * Undefined when `unit` may send `command` to the pass as its stream stands: record a pass its unit
 * takes part in, and write to and correct only such passes, never into one it no longer takes part in.
 */
export function commandAccess(unit: Unit, command: PassCommand, state: PassState): DomainError | undefined {
  if (command.type === 'RecordPass') {
    if (!command.units.includes(unit)) return domainError('FORBIDDEN', 'units', `must include your own unit ${unit}`);
    // Recording again a pass of other units would tell that it exists: refused like any other of theirs.
    return state.recorded ? passAccess(unit, state) : undefined;
  }
  const denied = passAccess(unit, state);
  if (denied) return denied;
  if (command.type === 'CorrectPass' && command.units !== undefined && !command.units.includes(unit)) {
    return domainError('FORBIDDEN', 'units', `must include your own unit ${unit}`);
  }
  return undefined;
}
