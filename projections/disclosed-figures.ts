import { DEFAULT_SMALL_CELL_THRESHOLD, type Disclosure } from './disclosure.js';
import { FIGURE_FIELDS, type TertialSummary } from './tertial-summary.js';

/**
 * Steering figures as they may be shown under a disclosure. Each figure is a count of its own (no
 * line of cells adds up to another figure), so PUBLIC masks the small ones, 1 to the threshold.
 * A change between two sets of figures is masked when either side is: a difference with a known
 * side gives the masked one away.
 */
export type FigureField = (typeof FIGURE_FIELDS)[number];
/** Why a figure is not shown, in the API's words. */
export type MaskReason = 'SMALL' | 'COMPLEMENTARY';
export type ShownFigures = { [F in FigureField]: number | null } & { masked: Array<{ measure: FigureField; reason: MaskReason }> };

const isSmall = (value: number, threshold: number) => value >= 1 && value <= threshold;

export function discloseFigures(figures: Readonly<Record<FigureField, number>>, disclosure: Disclosure, threshold = DEFAULT_SMALL_CELL_THRESHOLD): ShownFigures {
  const shown = { masked: [] } as unknown as ShownFigures;
  for (const field of FIGURE_FIELDS) {
    const small = disclosure === 'PUBLIC' && isSmall(figures[field], threshold);
    shown[field] = small ? null : figures[field];
    if (small) shown.masked.push({ measure: field, reason: 'SMALL' });
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

export function discloseSummary(summary: TertialSummary, disclosure: Disclosure, threshold = DEFAULT_SMALL_CELL_THRESHOLD) {
  const current = { ...summary.current, ...discloseFigures(summary.current, disclosure, threshold) };
  const previous = { ...summary.previous, ...discloseFigures(summary.previous, disclosure, threshold) };
  const sameTertialLastYear = { ...summary.sameTertialLastYear, ...discloseFigures(summary.sameTertialLastYear, disclosure, threshold) };
  const cumulative = { ...summary.cumulative, ...discloseFigures(summary.cumulative, disclosure, threshold) };
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
