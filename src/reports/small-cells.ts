import { DEFAULT_SMALL_CELL_THRESHOLD } from '../../queries/disclosure.js';

/** Counts from 1 to this are masked under PUBLIC disclosure: server configuration, never a caller's choice. */
export const SMALL_CELL_THRESHOLD = smallCellThreshold(process.env.SAMLOGG_SMALL_CELL_THRESHOLD);

function smallCellThreshold(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SMALL_CELL_THRESHOLD;
  const threshold = Number(value);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100) throw new Error('SAMLOGG_SMALL_CELL_THRESHOLD: must be a whole number from 1 to 100');
  return threshold;
}

