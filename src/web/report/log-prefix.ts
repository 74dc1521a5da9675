import { agreementRegister, type AgreementRegister } from '../../../projections/agreements.js';
import { passRegister, type PassRegister } from '../../../projections/pass-register.js';
import type { ProjectionEngine } from '../../projections/engine.js';
import type { EventStore } from '../../store/port.js';

/** The registers a report is made from, and the last log position they include. */
export interface PrefixState {
  readonly register: PassRegister;
  readonly agreements: AgreementRegister;
  /** The last position folded (0 for none): the report is derived from the log's prefix up to it. */
  readonly position: number;
}

/** The projections as they stand, read in one go so the registers and the position agree. */
export function liveState(engine: ProjectionEngine): PrefixState {
  return { register: engine.state(passRegister), agreements: engine.state(agreementRegister), position: engine.position };
}

/**
 * The registers over the log's prefix: every event up to `position`, or every event recorded at or
 * before `asOf` (recorded times never go backwards in log order, so that too is a prefix).
 */
export async function foldPrefix(store: EventStore, bound: { readonly position?: number; readonly asOf?: Date }): Promise<PrefixState> {
  const until = bound.asOf?.toISOString();
  let register = passRegister.init();
  let agreements = agreementRegister.init();
  let position = 0;
  for await (const page of store.readAll({ metadata: false })) {
    for (const event of page) {
      if ((bound.position !== undefined && event.position > bound.position) || (until !== undefined && event.recordedAt > until)) return { register, agreements, position };
      if (passRegister.eventTypes.has(event.type)) register = passRegister.apply(register, event);
      if (agreementRegister.eventTypes.has(event.type)) agreements = agreementRegister.apply(agreements, event);
      position = event.position;
    }
  }
  return { register, agreements, position };
}
