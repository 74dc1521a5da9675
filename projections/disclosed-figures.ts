import { parseTertial, type Tertial } from '../src/domain/time.js';
import type { Mark, DisclosurePlan } from './report-disclosure.js';
import { FIGURE_FIELDS, type TertialSummary } from './tertial-summary.js';

/**
 * Steering figures as they may be shown: INTERNAL as they are, PUBLIC with the marks of the disclosure plan
 * (projections/report-disclosure.ts), which decides the figures of every tertial and every cumulative figure
 * once for all reports, so that no report, nor two reports together, give a masked count away.
 * A change between two sets of figures is masked when either side is: a difference with a known side gives
 * the masked one away.
 */
export type FigureField = (typeof FIGURE_FIELDS)[number];
/** Why a figure is not shown, in the API's words. */
export type MaskReason = 'SMALL' | 'COMPLEMENTARY';
export type ShownFigures = { [F in FigureField]: number | null } & { masked: Array<{ measure: FigureField; reason: MaskReason }> };

function shownFigures(figures: Readonly<Record<FigureField, number>>, mark: (field: FigureField, value: number) => Mark): ShownFigures {
  const shown = { masked: [] } as unknown as ShownFigures;
  for (const field of FIGURE_FIELDS) {
    const reason = mark(field, figures[field]);
    shown[field] = reason ? null : figures[field];
    if (reason) shown.masked.push({ measure: field, reason: reason === 'small' ? 'SMALL' : 'COMPLEMENTARY' });
  }
  return shown;
}

function change(to: ShownFigures, from: ShownFigures): ShownFigures {
  const shown = { masked: [] } as unknown as ShownFigures;
  for (const field of FIGURE_FIELDS) {
    const [a, b] = [to[field], from[field]];
    shown[field] = a === null || b === null ? null : a - b;
    if (a === null || b === null) shown.masked.push({ measure: field, reason: 'COMPLEMENTARY' });
  }
  return shown;
}

const tertialOf = (text: string): Tertial => {
  const tertial = parseTertial(text);
  if (!tertial) throw new Error(`not a tertial: ${text}`);
  return tertial;
};

/** The summary under a plan (PUBLIC), or as it is (INTERNAL, plan null). */
export function discloseSummary(summary: TertialSummary, plan: DisclosurePlan | null) {
  const none = (): Mark => null;
  const of = (figures: TertialSummary['current']) => ({
    ...figures,
    ...shownFigures(figures, plan ? (field, value) => plan.figure(tertialOf(figures.tertial), field, value) : none),
  });
  const current = of(summary.current);
  const previous = of(summary.previous);
  const sameTertialLastYear = of(summary.sameTertialLastYear);
  const cumulative = { ...summary.cumulative, ...shownFigures(summary.cumulative, plan ? (field, value) => plan.cumulative(tertialOf(summary.tertial), field, value) : none) };
  return {
    ...summary,
    current,
    previous,
    sameTertialLastYear,
    cumulative,
    changeFromPrevious: change(current, previous),
    changeFromSameTertialLastYear: change(current, sameTertialLastYear),
  };
}
