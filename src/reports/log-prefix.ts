import { agreementRegister, type AgreementRegister } from '../../projections/agreements.js';
import { passRegister } from '../../projections/pass-register.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { reportRegisters } from '../../projections/report-registers.js';
import { decodeEvent } from '../domain/event-decoding.js';
import { asOfFoldsOf, foldAsOfAt, type ProjectionEngine } from '../projections/engine.js';
import { encounterIndexReady } from '../projections/encounter-index-preparation.js';
import type { EventStore } from '../store/port.js';

/** The registers a report is made from, and the last log position they include. */
export interface PrefixState {
  readonly register: PassRegister;
  readonly agreements: AgreementRegister;
  /** The last position folded (0 for none): the report is derived from the log's prefix up to it. */
  readonly position: number;
  /**
   * Which events the registers hold, as a key: `log@<position>` for the prefix of the log up to the
   * position (the live registers, and an as-of fold that stops at the instant); an as-of fold over a
   * store that reads to the end, filtered, names its instant too.
   */
  readonly prefix: string;
}

/** The projections as they stand, read in one go so the registers and the position agree. */
export function liveState(engine: ProjectionEngine): PrefixState {
  const position = engine.position;
  return { register: engine.state(passRegister), agreements: engine.state(agreementRegister), position, prefix: `log@${position}` };
}

/**
 * The registers as the log stood at `asOf` (the server's as-of folds: both registers in one read of the
 * log, from a snapshot, yielding to the event loop), with the last position they cover.
 */
export async function stateAsOf(store: EventStore, asOf: Date): Promise<PrefixState> {
  const { state, position } = await foldAsOfAt(store, reportRegisters, asOf);
  // Its questions are the report's tables: the index they read is laid out here, between other requests
  // (at 1M events a whole layout at once was the longest block of an as-of report, 76 ms).
  await encounterIndexReady(state.register);
  const prefix = store.kind === 'sqlite' ? `log@${position}` : `log@${position}|asOf@${asOf.toISOString()}`;
  return { register: state.register, agreements: state.agreements, position, prefix };
}

/**
 * Takes the as-of snapshots a log without them lacks (after a first start on a long log), in the
 * background, so the first as-of question after it folds only from the nearest snapshot.
 */
export function prepareAsOf(store: EventStore): Promise<void> {
  return asOfFoldsOf(store).prepare(reportRegisters);
}

/** The registers over the log's prefix up to `position`: what a signed report is derived again from. */
export async function foldPrefix(store: EventStore, position: number): Promise<PrefixState> {
  let register = passRegister.init();
  let agreements = agreementRegister.init();
  let at = 0;
  for await (const page of store.readAll({ metadata: false })) {
    for (const event of page) {
      if (event.position > position) return { register, agreements, position: at, prefix: `log@${at}` };
      if (passRegister.eventTypes.has(event.type)) register = passRegister.apply(register, decodeEvent(event));
      if (agreementRegister.eventTypes.has(event.type)) agreements = agreementRegister.apply(agreements, decodeEvent(event));
      at = event.position;
    }
  }
  return { register, agreements, position: at, prefix: `log@${at}` };
}
