import { isJoint, isMinor } from '../src/domain/vocabulary.js';
import type { PassRegister } from './pass-register.js';

/** The steering group's key figures (seed 004) for a period of pass dates, both ends inclusive. */
export interface SteeringFigures {
  readonly from: string;
  readonly to: string;
  /** Passes, not retracted, whose units include POLIS and at least one social-services unit. */
  readonly jointPasses: number;
  readonly exposed: number;
  readonly exposedUnder18: number;
  readonly suspectedBuyers: number;
  readonly suspectedBuyersUnder18: number;
  /** Encounters counted above with at least one support offer. */
  readonly offeredSupport: number;
}

export function steeringFigures(register: PassRegister, period: { from: string; to: string }): SteeringFigures {
  let jointPasses = 0;
  let exposed = 0;
  let exposedUnder18 = 0;
  let suspectedBuyers = 0;
  let suspectedBuyersUnder18 = 0;
  let offeredSupport = 0;
  for (const pass of register.passes.values()) {
    if (pass.retracted || pass.date < period.from || pass.date > period.to || !isJoint(pass.units)) continue;
    jointPasses += 1;
    for (const id of pass.encounterIds) {
      const encounter = register.encounters.get(id);
      if (!encounter || encounter.retracted) continue;
      const minor = isMinor(encounter.ageBand);
      if (encounter.role === 'EXPOSED') {
        exposed += 1;
        if (minor) exposedUnder18 += 1;
      } else {
        suspectedBuyers += 1;
        if (minor) suspectedBuyersUnder18 += 1;
      }
      if (encounter.supportUnits.length > 0) offeredSupport += 1;
    }
  }
  return { from: period.from, to: period.to, jointPasses, exposed, exposedUnder18, suspectedBuyers, suspectedBuyersUnder18, offeredSupport };
}
