import { prepareEncounterIndex } from '../../projections/encounter-index.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { inSlices } from './steps.js';

const preparing = new WeakMap<PassRegister, Promise<void>>();

/**
 * Resolves once the register's encounter index is up to date. Laying it out whole (after a start, a
 * state load, a rebuild or a correction that moved most blocks) takes some 85 ms of CPU at 1M events,
 * so a server lays it out between other requests (`prepareEncounterIndex` in slices of `sliceMs`), and
 * every statistics question that arrives meanwhile waits for that one layout instead of starting its own.
 */
export function encounterIndexReady(register: PassRegister, sliceMs?: number): Promise<void> {
  const running = preparing.get(register);
  if (running) return running;
  const done = inSlices(prepareEncounterIndex(register), sliceMs).then(
    () => void preparing.delete(register),
    (error: unknown) => {
      preparing.delete(register);
      throw error;
    },
  );
  preparing.set(register, done);
  return done;
}
