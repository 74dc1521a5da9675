import { agreementRegister, type AgreementRegister } from '../../projections/agreements.js';
import { passRegister } from '../../projections/pass-register.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { foldAsOfAt, type ProjectionEngine } from '../projections/engine.js';
import type { EventStore } from '../store/port.js';

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
 * The registers as the log stood at `asOf` (the server's as-of folds: from a snapshot, yielding to
 * the event loop), with the last position they cover.
 */
export async function stateAsOf(store: EventStore, asOf: Date): Promise<PrefixState> {
  const passes = await foldAsOfAt(store, passRegister, asOf);
  const agreements = await foldAsOfAt(store, agreementRegister, asOf);
  // Both folds stop at the same event (the first recorded after asOf), so they cover the same prefix.
  return { register: passes.state, agreements: agreements.state, position: passes.position };
}

/** The registers over the log's prefix up to `position`: what a signed report is derived again from. */
export async function foldPrefix(store: EventStore, position: number): Promise<PrefixState> {
  let register = passRegister.init();
  let agreements = agreementRegister.init();
  let at = 0;
  for await (const page of store.readAll({ metadata: false })) {
    for (const event of page) {
      if (event.position > position) return { register, agreements, position: at };
      if (passRegister.eventTypes.has(event.type)) register = passRegister.apply(register, event);
      if (agreementRegister.eventTypes.has(event.type)) agreements = agreementRegister.apply(agreements, event);
      at = event.position;
    }
  }
  return { register, agreements, position: at };
}
