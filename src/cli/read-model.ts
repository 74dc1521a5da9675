import { passRegister } from '../../projections/pass-register.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { foldAsOf, openProjectionEngine } from '../projections/engine.js';
import type { OpenedStore } from '../store/index.js';
import { PROJECTIONS } from '../projections/registry.js';
import type { CliIo } from './io.js';
import { progressBar } from './progress.js';

/** The pass register, caught up from its checkpoint, or folded afresh as the log stood at `asOf`. */
export async function passRegisterFor(io: CliIo, opened: OpenedStore, asOf?: Date): Promise<PassRegister> {
  if (asOf) return foldAsOf(opened.store, passRegister, asOf);
  const bar = progressBar(io, 'Läser ikapp loggen', 100_000);
  const engine = await openProjectionEngine(opened.store, opened.projectionStates, PROJECTIONS, { onProgress: (p, head) => bar.update(p, head) });
  try {
    await engine.catchUp();
    return engine.state(passRegister);
  } finally {
    bar.stop();
    await engine.close();
  }
}
