import { AGREEMENT_START, formatTertial, previousTertial, tertialRange, type Tertial } from '../src/domain/time.js';
import type { PassRegister } from '../projections/pass-register-rows.js';
import { steeringFigures, type SteeringFigures } from './steering-figures.js';

export const FIGURE_FIELDS = ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18', 'offeredSupport'] as const;
export type FiguresChange = Record<(typeof FIGURE_FIELDS)[number], number>;

export interface TertialSummary {
  readonly tertial: string;
  readonly current: SteeringFigures & { tertial: string };
  readonly previous: SteeringFigures & { tertial: string };
  readonly sameTertialLastYear: SteeringFigures & { tertial: string };
  /** From the agreement of April 2021 to the tertial's last day. */
  readonly cumulative: SteeringFigures;
  readonly changeFromPrevious: FiguresChange;
  readonly changeFromSameTertialLastYear: FiguresChange;
}

export function figuresChange(to: SteeringFigures, from: SteeringFigures): FiguresChange {
  return Object.fromEntries(FIGURE_FIELDS.map((field) => [field, to[field] - from[field]])) as FiguresChange;
}

/** The styrgrupp's view of one tertial, from the register as it stands (or stood). */
export function tertialSummary(register: PassRegister, tertial: Tertial): TertialSummary {
  const of = (t: Tertial) => ({ ...steeringFigures(register, tertialRange(t)), tertial: formatTertial(t) });
  const current = of(tertial);
  const previous = of(previousTertial(tertial));
  const sameTertialLastYear = of({ year: tertial.year - 1, number: tertial.number });
  const cumulative = steeringFigures(register, { from: AGREEMENT_START, to: tertialRange(tertial).to });
  return {
    tertial: formatTertial(tertial),
    current,
    previous,
    sameTertialLastYear,
    cumulative,
    changeFromPrevious: figuresChange(current, previous),
    changeFromSameTertialLastYear: figuresChange(current, sameTertialLastYear),
  };
}
