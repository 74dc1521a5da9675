import { discloseStatistics, STATISTICS_MEASURES, type Disclosure, type DisclosedCounts, type StatisticsMeasure } from './disclosure.js';
import type { Statistics } from './statistics.js';

/** Why a count is not shown: a small cell, or one that would give a small cell away. */
type MaskReason = 'SMALL' | 'COMPLEMENTARY';

/** One cell's measures as they may be shown (null where masked) and which were masked, and why. */
type ShownCounts = Record<StatisticsMeasure, number | null> & { masked: Array<{ measure: StatisticsMeasure; reason: MaskReason }> };

export function shownCounts(disclosed: DisclosedCounts): ShownCounts {
  return {
    ...Object.fromEntries(STATISTICS_MEASURES.map((measure) => [measure, disclosed[measure].value])),
    masked: STATISTICS_MEASURES.flatMap((measure) => (disclosed[measure].reason ? [{ measure, reason: disclosed[measure].reason === 'small' ? ('SMALL' as const) : ('COMPLEMENTARY' as const) }] : [])),
  } as ShownCounts;
}

/** The statistics' rows and total as they may be shown under `disclosure` with the server's small-cell threshold. */
export function statisticsAnswer(result: Statistics, disclosure: Disclosure, threshold: number) {
  const shown = discloseStatistics(result, disclosure, { threshold });
  return {
    rows: shown.rows.map((row) => ({ key: row.key, ...shownCounts(row.counts) })),
    total: { key: [], ...shownCounts(shown.total) },
  };
}
