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
type FigureField = (typeof FIGURE_FIELDS)[number];
/** Why a figure is not shown, in the API's words. */
type MaskReason = 'SMALL' | 'COMPLEMENTARY';
type ShownFigures = { [F in FigureField]: number | null } & { masked: Array<{ measure: FigureField; reason: MaskReason }> };

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

/**
 * A count over several tertials (a year) as PUBLIC may show it: only where the plan shows every
 * tertial count it adds up, so it says nothing the tertials' own reports do not, and the plan's
 * guarantee (no masked count can be worked out) carries over. Masked otherwise, SMALL when the sum
 * itself is small.
 */
export function sumMark(parts: ReadonlyArray<{ readonly value: number; readonly mark: Mark }>, threshold: number): Mark {
  if (!parts.some((part) => part.mark)) return null;
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  return total > 0 && total <= threshold ? 'small' : 'complementary';
}

type Figures = Readonly<Record<FigureField, number>>;

/**
 * A year's summary under the plan of its last tertial: the year and the year before are sums of
 * their tertials' figures, each shown only where all its tertials' figures are; the cumulative
 * figure is the plan's for the year's last tertial.
 */
export function discloseYearSummary(summary: TertialSummary, plan: DisclosurePlan, year: number, figuresOf: (t: Tertial) => Figures) {
  const tertialsOf = (y: number): Tertial[] => [1, 2, 3].map((number) => ({ year: y, number: number as 1 | 2 | 3 }));
  const yearMark = (y: number) => (field: FigureField) =>
    sumMark(tertialsOf(y).map((t) => { const value = figuresOf(t)[field]; return { value, mark: plan.figure(t, field, value) }; }), plan.threshold);
  const of = (figures: TertialSummary['current'], y: number) => ({ ...figures, ...shownFigures(figures, yearMark(y)) });
  const current = of(summary.current, year);
  const previous = of(summary.previous, year - 1);
  const last = { year, number: 3 as const };
  const cumulative = { ...summary.cumulative, ...shownFigures(summary.cumulative, (field, value) => plan.cumulative(last, field, value)) };
  return {
    ...summary,
    current,
    previous,
    sameTertialLastYear: previous,
    cumulative,
    changeFromPrevious: change(current, previous),
    changeFromSameTertialLastYear: change(current, previous),
  };
}
