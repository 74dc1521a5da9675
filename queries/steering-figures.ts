import { dateNumber, EXPOSED_CODE, isJointBits, UNDER_18_AGE_CODES, RETRACTED, type PassRegister } from '../projections/pass-register-rows.js';

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
  const from = dateNumber(period.from);
  const to = dateNumber(period.to);
  const passes = register.passes.cols;
  const counted = new Uint8Array(register.passes.count);
  let jointPasses = 0;
  for (let p = 0; p < register.passes.count; p += 1) {
    const date = passes.date[p] as number;
    if (passes.retracted[p] || date < from || date > to || !isJointBits(passes.units[p] as number)) continue;
    counted[p] = 1;
    jointPasses += 1;
  }
  let exposed = 0;
  let exposedUnder18 = 0;
  let suspectedBuyers = 0;
  let suspectedBuyersUnder18 = 0;
  let offeredSupport = 0;
  const e = register.encounters.cols;
  for (let i = 0; i < register.encounters.count; i += 1) {
    if (!counted[e.pass[i] as number] || ((e.flags[i] as number) & RETRACTED) !== 0) continue;
    const under18 = UNDER_18_AGE_CODES.has(e.ageBand[i] as number);
    if (e.role[i] === EXPOSED_CODE) {
      exposed += 1;
      if (under18) exposedUnder18 += 1;
    } else {
      suspectedBuyers += 1;
      if (under18) suspectedBuyersUnder18 += 1;
    }
    if (e.supportOffered[i] !== 0) offeredSupport += 1;
  }
  return { from: period.from, to: period.to, jointPasses, exposed, exposedUnder18, suspectedBuyers, suspectedBuyersUnder18, offeredSupport };
}
