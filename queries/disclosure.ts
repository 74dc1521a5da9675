import { isUnder18 } from '../src/domain/vocabulary.js';
import { LinkedCells, protectLinked } from './linked-cells.js';
import type { Statistics, StatisticsCounts, StatisticsRow } from './statistics.js';

/**
 * Small-cell suppression: what a table of counts may show outside the steering groups.
 *
 * PUBLIC masks every count from 1 to the threshold (primary suppression, reason 'small'; 0 is never masked,
 * an empty cell identifies nobody), then masks further cells (reason 'complementary') until no masked value
 * can be recovered from the totals by subtraction. INTERNAL shows everything. A masked cell has value null
 * and says so; no number is ever made up.
 *
 * The arithmetic: a two-way table with row totals, column totals and a grand total is (R+1)×(C+1) entries
 * in which every line (row or column, totals included) adds up. Seen as a bipartite graph (lines are nodes,
 * masked entries are edges), a masked entry can be solved for exactly when it lies on no cycle, i.e. when
 * it is a bridge. So PUBLIC first gives every line with one masked entry a second one (the line's smallest
 * non-zero count), then closes any bridge left with the cheapest path of further entries, and repeats until
 * nothing changes. Totals are used only when no inner cell will do: other queries for the same period show
 * the same totals, so protection should not lean on hiding them. A one-way table is a single line.
 *
 * Not covered here: bounds an attacker can derive by linear programming (masked cells are only known to be
 * non-negative and to add up), and tables published separately that overlap in other ways than their totals.
 * The tertial report and tertialSummary put all their tables and figures, of every tertial, into one set of
 * relations: projections/report-disclosure.ts.
 */

export const DISCLOSURES = ['INTERNAL', 'PUBLIC'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];
export const isDisclosure = (value: unknown): value is Disclosure => (DISCLOSURES as readonly unknown[]).includes(value);
/** The rule every entry point refuses another disclosure with. */
export const DISCLOSURE_RULE = `must be ${DISCLOSURES.join(' or ')}`;
export type SuppressionReason = 'small' | 'complementary';

export interface DisclosedCount {
  /** The count, or null when it is masked. */
  readonly value: number | null;
  readonly suppressed: boolean;
  readonly reason: SuppressionReason | null;
}

export const DEFAULT_SMALL_CELL_THRESHOLD = 4;

interface DisclosureOptions {
  /** Counts from 1 to this are small; default 4. 0 masks nothing. */
  readonly threshold?: number;
}

/** A one-way table: counts by one dimension and their total. */
interface CountSeries {
  readonly cells: readonly number[];
  readonly total: number;
}

interface DisclosedSeries {
  readonly cells: DisclosedCount[];
  readonly total: DisclosedCount;
}

/** A two-way table: rows × columns of counts, each row's and column's total, and the grand total. */
export interface CountTable {
  readonly cells: ReadonlyArray<readonly number[]>;
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  readonly total: number;
}

export interface DisclosedTable {
  readonly cells: DisclosedCount[][];
  readonly rowTotals: DisclosedCount[];
  readonly columnTotals: DisclosedCount[];
  readonly total: DisclosedCount;
}

type Mark = SuppressionReason | null;

function shown(value: number, mark: Mark): DisclosedCount {
  return mark ? { value: null, suppressed: true, reason: mark } : { value, suppressed: false, reason: null };
}

function thresholdOf(options: DisclosureOptions): number {
  const threshold = options.threshold ?? DEFAULT_SMALL_CELL_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError('threshold must be a whole number ≥ 0');
  return threshold;
}

function checkCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number ≥ 0`);
}

const isSmall = (value: number, threshold: number) => value >= 1 && value <= threshold;

/** A one-way table: the cells and the total form one line. */
export function discloseSeries(series: CountSeries, disclosure: Disclosure, options: DisclosureOptions = {}): DisclosedSeries {
  const threshold = thresholdOf(options);
  series.cells.forEach((v, i) => checkCount(v, `cells[${i}]`));
  checkCount(series.total, 'total');
  const values = [...series.cells, series.total];
  const marks: Mark[] = values.map((v) => (disclosure === 'PUBLIC' && isSmall(v, threshold) ? 'small' : null));
  if (disclosure === 'PUBLIC' && marks.filter(Boolean).length === 1) {
    // The cheapest second entry: the smallest non-zero cell, and the total only when no cell will do.
    let best = -1;
    for (let i = 0; i < values.length; i += 1) {
      if (marks[i] || values[i] === 0) continue;
      const isTotal = i === values.length - 1;
      if (best < 0 || (!isTotal && (values[i] as number) < (values[best] as number))) best = i;
    }
    if (best >= 0) marks[best] = 'complementary';
  }
  return {
    cells: series.cells.map((v, i) => shown(v, marks[i] ?? null)),
    total: shown(series.total, marks[values.length - 1] ?? null),
  };
}

/** A two-way table with its row totals, column totals and grand total. */
export function discloseTable(table: CountTable, disclosure: Disclosure, options: DisclosureOptions = {}): DisclosedTable {
  const threshold = thresholdOf(options);
  const R = table.cells.length;
  const C = table.columnTotals.length;
  if (table.rowTotals.length !== R) throw new RangeError('rowTotals must have one total per row');
  // The extended table: row R holds the column totals, column C the row totals, [R][C] the grand total.
  const v: number[][] = [];
  for (let i = 0; i < R; i += 1) {
    const row = table.cells[i] as readonly number[];
    if (row.length !== C) throw new RangeError(`cells[${i}] must have one count per column`);
    v.push([...row, table.rowTotals[i] as number]);
  }
  v.push([...table.columnTotals, table.total]);
  v.forEach((row, i) => row.forEach((value, j) => checkCount(value, `entry [${i}][${j}]`)));

  const marks: Mark[][] = v.map((row) => row.map((value) => (disclosure === 'PUBLIC' && isSmall(value, threshold) ? 'small' : null)));
  if (disclosure === 'PUBLIC') protect(v, marks, R, C);

  const out = (i: number, j: number) => shown((v[i] as number[])[j] as number, (marks[i] as Mark[])[j] ?? null);
  return {
    cells: Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => out(i, j))),
    rowTotals: Array.from({ length: R }, (_, i) => out(i, C)),
    columnTotals: Array.from({ length: C }, (_, j) => out(R, j)),
    total: out(R, C),
  };
}

/** Makes totals the last resort: any inner cell is cheaper than any total. */
function costOf(v: number[][], R: number, C: number, i: number, j: number): number {
  const value = (v[i] as number[])[j] as number;
  return i === R || j === C ? value + 1e12 : value;
}

/** Complementary suppression on the extended table, in place, until no masked entry can be solved for. */
function protect(v: number[][], marks: Mark[][], R: number, C: number): void {
  const rows = R + 1;
  const cols = C + 1;
  const masked = (i: number, j: number) => (marks[i] as Mark[])[j] !== null;
  const mark = (i: number, j: number) => ((marks[i] as Mark[])[j] = 'complementary');
  const open = (i: number, j: number) => !masked(i, j) && ((v[i] as number[])[j] as number) > 0;
  const rowCount = (i: number) => (marks[i] as Mark[]).reduce((n, m) => n + (m ? 1 : 0), 0);
  const colCount = (j: number) => marks.reduce((n, row) => n + (row[j] ? 1 : 0), 0);

  for (let round = 0; round < rows * cols + 1; round += 1) {
    let changed = false;
    // 1. Every line with exactly one masked entry gets its cheapest second one. Among equals, prefer an
    //    entry whose other line already has a masked entry (one mask then serves two lines).
    for (let i = 0; i < rows; i += 1) {
      if (rowCount(i) !== 1) continue;
      let best: number | undefined;
      for (let j = 0; j < cols; j += 1) {
        if (!open(i, j)) continue;
        if (best === undefined || better(costOf(v, R, C, i, j), colCount(j), costOf(v, R, C, i, best), colCount(best))) best = j;
      }
      if (best !== undefined) {
        mark(i, best);
        changed = true;
      }
    }
    for (let j = 0; j < cols; j += 1) {
      if (colCount(j) !== 1) continue;
      let best: number | undefined;
      for (let i = 0; i < rows; i += 1) {
        if (!open(i, j)) continue;
        if (best === undefined || better(costOf(v, R, C, i, j), rowCount(i), costOf(v, R, C, best, j), rowCount(best))) best = i;
      }
      if (best !== undefined) {
        mark(best, j);
        changed = true;
      }
    }
    if (changed) continue;
    // 2. A masked entry on no cycle of masked entries can still be solved for: close a cycle through it
    //    with the cheapest path of further entries.
    const bridge = findBridge(rows, cols, masked);
    if (!bridge) return;
    const path = cheapestPath(rows, cols, bridge, masked, open, (i, j) => costOf(v, R, C, i, j));
    if (path.length === 0) return; // nothing left to mask: a table whose lines do not add up
    for (const [i, j] of path) mark(i, j);
  }
}

function better(cost: number, crossing: number, bestCost: number, bestCrossing: number): boolean {
  if (cost !== bestCost) return cost < bestCost;
  return crossing > 0 && bestCrossing === 0;
}

/**
 * A masked entry that is a bridge of the bipartite graph (row nodes 0…rows-1, column nodes rows…), or
 * undefined. Tarjan's low-link over the masked entries.
 */
function findBridge(rows: number, cols: number, masked: (i: number, j: number) => boolean): [number, number] | undefined {
  const n = rows + cols;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < cols; j += 1) {
      if (!masked(i, j)) continue;
      (adjacency[i] as number[]).push(rows + j);
      (adjacency[rows + j] as number[]).push(i);
    }
  }
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  let counter = 0;
  let found: [number, number] | undefined;
  const visit = (node: number, parent: number): void => {
    order[node] = low[node] = counter++;
    for (const next of adjacency[node] as number[]) {
      if (found) return;
      if (next === parent) continue; // a simple graph: one entry per (row, column)
      if ((order[next] as number) < 0) {
        visit(next, node);
        if (found) return; // the lows above an early exit are unfinished
        low[node] = Math.min(low[node] as number, low[next] as number);
        if ((low[next] as number) > (order[node] as number)) {
          found = node < rows ? [node, next - rows] : [next, node - rows];
        }
      } else {
        low[node] = Math.min(low[node] as number, order[next] as number);
      }
    }
  };
  for (let node = 0; node < n && !found; node += 1) if ((order[node] as number) < 0) visit(node, -1);
  return found;
}

/**
 * The cheapest set of unmasked, non-zero entries that, with masked entries (free), joins column `bridge[1]`
 * back to row `bridge[0]` without the bridge itself: masking them puts the bridge on a cycle.
 */
function cheapestPath(
  rows: number,
  cols: number,
  bridge: [number, number],
  masked: (i: number, j: number) => boolean,
  open: (i: number, j: number) => boolean,
  cost: (i: number, j: number) => number,
): Array<[number, number]> {
  const n = rows + cols;
  const start = rows + bridge[1];
  const goal = bridge[0];
  const distance = new Array<number>(n).fill(Infinity);
  const previous = new Array<number>(n).fill(-1);
  const done = new Array<boolean>(n).fill(false);
  distance[start] = 0;
  for (;;) {
    let node = -1;
    for (let k = 0; k < n; k += 1) if (!done[k] && (node < 0 || (distance[k] as number) < (distance[node] as number))) node = k;
    if (node < 0 || distance[node] === Infinity || node === goal) break;
    done[node] = true;
    const isRow = node < rows;
    const span = isRow ? cols : rows;
    for (let other = 0; other < span; other += 1) {
      const [i, j] = isRow ? [node, other] : [other, node - rows];
      if (i === bridge[0] && j === bridge[1]) continue;
      const weight = masked(i, j) ? 0 : open(i, j) ? cost(i, j) : Infinity;
      if (weight === Infinity) continue;
      const next = isRow ? rows + other : other;
      if ((distance[node] as number) + weight < (distance[next] as number)) {
        distance[next] = (distance[node] as number) + weight;
        previous[next] = node;
      }
    }
  }
  if (distance[goal] === Infinity) return [];
  const path: Array<[number, number]> = [];
  for (let node = goal; node !== start; node = previous[node] as number) {
    const from = previous[node] as number;
    const [i, j] = node < rows ? [node, from - rows] : [from, node - rows];
    if (!masked(i, j)) path.push([i, j]);
  }
  return path;
}

// ---------------------------------------------------------------------------------------------------------
// The shape `statistics` produces

export const STATISTICS_MEASURES = ['passes', 'encounters', 'exposed', 'suspectedBuyers', 'under18', 'offeredSupport'] as const;
export type StatisticsMeasure = (typeof STATISTICS_MEASURES)[number];
export type DisclosedCounts = { readonly [M in StatisticsMeasure]: DisclosedCount };

interface DisclosedStatistics {
  readonly disclosure: Disclosure;
  readonly threshold: number;
  readonly rows: Array<{ readonly key: StatisticsRow['key']; readonly counts: DisclosedCounts }>;
  readonly total: DisclosedCounts;
}

/**
 * Statistics as they may be shown under `disclosure`. Each measure is first protected as its own table. One
 * dimension: the rows and the total are one line. Two: a rows × columns table whose row and column totals
 * are the sums of its cells, as a one-dimension query of the same period shows them. More than two: the
 * last dimension is the columns and the others together the rows (the totals of each single dimension are
 * then not protected against). Then the measures are protected together (projections/linked-cells.ts): in
 * every row encounters = exposed + suspected buyers, and under18 = encounters in a row of an under-18 age band,
 * so a count one measure masks must not be shown, or be worked out, through another.
 */
/** Elimination work one statistics result may take to protect its measures together (see protectLinked). */
const STATISTICS_WORK = 500_000;

export function discloseStatistics(stats: Statistics, disclosure: Disclosure, options: DisclosureOptions = {}): DisclosedStatistics {
  const threshold = thresholdOf(options);
  if (disclosure === 'INTERNAL') {
    const all = (counts: StatisticsCounts) => Object.fromEntries(STATISTICS_MEASURES.map((m) => [m, shown(counts[m], null)])) as DisclosedCounts;
    return { disclosure, threshold, rows: stats.rows.map((row) => ({ key: row.key, counts: all(row) })), total: all(stats.total) };
  }
  const dimensions = stats.rows[0]?.key.length ?? 0;
  const linked = new LinkedCells(threshold);
  const cellOf = new Map<StatisticsMeasure, { rows: number[]; total: number }>();
  const K = stats.rows.length;
  const rowKey = (row: StatisticsRow) => row.key.slice(0, -1).map((k) => k.value).join('\u0000');
  const columnKey = (row: StatisticsRow) => (row.key[row.key.length - 1] as { value: string }).value;
  const rowIndex = new Map<string, number>();
  const columnIndex = new Map<string, number>();
  for (const row of stats.rows) {
    if (!rowIndex.has(rowKey(row))) rowIndex.set(rowKey(row), rowIndex.size);
    if (!columnIndex.has(columnKey(row))) columnIndex.set(columnKey(row), columnIndex.size);
  }
  const at = stats.rows.map((row) => [rowIndex.get(rowKey(row)) as number, columnIndex.get(columnKey(row)) as number] as const);
  const maskIf = (cell: number, count: DisclosedCount) => count.suppressed && linked.mask(cell);

  for (const measure of STATISTICS_MEASURES) {
    const values = stats.rows.map((row) => row[measure]);
    const total = stats.total[measure];
    const rows = values.map((v, k) => linked.add(`${measure}|${k}`, v, 0));
    const totalCell = linked.add(`${measure}|total`, total, 1e12);
    cellOf.set(measure, { rows, total: totalCell });
    const additive = values.reduce((a, b) => a + b, 0) === total;
    if (dimensions <= 1) {
      const series = discloseSeries({ cells: values, total }, disclosure, { threshold });
      series.cells.forEach((count, k) => maskIf(rows[k] as number, count));
      maskIf(totalCell, series.total);
      if (additive) linked.sum(rows, totalCell);
      continue;
    }
    const grid = Array.from({ length: rowIndex.size }, () => new Array<number>(columnIndex.size).fill(0));
    at.forEach(([i, j], k) => ((grid[i] as number[])[j] = values[k] as number));
    const rowTotals = grid.map((row) => row.reduce((a, b) => a + b, 0));
    const columnTotals = Array.from({ length: columnIndex.size }, (_, j) => grid.reduce((a, row) => a + (row[j] as number), 0));
    const disclosed = discloseTable({ cells: grid, rowTotals, columnTotals, total }, disclosure, { threshold });
    at.forEach(([i, j], k) => maskIf(rows[k] as number, (disclosed.cells[i] as DisclosedCount[])[j] as DisclosedCount));
    maskIf(totalCell, disclosed.total);
    // The margins are shown by other queries of the same period: cells here, shown unless masked.
    const rowMargins = rowTotals.map((v, i) => linked.add(`${measure}|row|${i}`, v, 1e9));
    const columnMargins = columnTotals.map((v, j) => linked.add(`${measure}|column|${j}`, v, 1e9));
    rowMargins.forEach((cell, i) => maskIf(cell, disclosed.rowTotals[i] as DisclosedCount));
    columnMargins.forEach((cell, j) => maskIf(cell, disclosed.columnTotals[j] as DisclosedCount));
    const inRow = rowMargins.map(() => [] as number[]);
    const inColumn = columnMargins.map(() => [] as number[]);
    at.forEach(([i, j], k) => (inRow[i]?.push(rows[k] as number), inColumn[j]?.push(rows[k] as number)));
    rowMargins.forEach((cell, i) => linked.sum(inRow[i] as number[], cell));
    columnMargins.forEach((cell, j) => linked.sum(inColumn[j] as number[], cell));
    if (additive) linked.sum(rowMargins, totalCell);
  }
  if (disclosure === 'PUBLIC') {
    const cell = (measure: StatisticsMeasure, k: number) => (k < K ? (cellOf.get(measure)?.rows[k] as number) : (cellOf.get(measure)?.total as number));
    for (let k = 0; k <= K; k += 1) {
      linked.relate([[cell('encounters', k), 1], [cell('exposed', k), -1], [cell('suspectedBuyers', k), -1]]);
      const key = k < K ? (stats.rows[k] as StatisticsRow).key : [];
      const under18 = key.some((part) => (part.dimension === 'AGE_BAND' && isUnder18(part.value)) || (part.dimension === 'UNDER_18' && part.value === 'true'));
      if (under18) linked.relate([[cell('under18', k), 1], [cell('encounters', k), -1]]);
    }
    if (!protectLinked(linked, 0, 0, STATISTICS_WORK)) {
      // Too large to settle exactly: show no count of the measures that are tied to encounters. Each then
      // stands for unknowns of its own in every relation, so encounters is as safe as its own table made it.
      for (const measure of ['exposed', 'suspectedBuyers', 'under18'] as const) {
        for (let k = 0; k <= K; k += 1) {
          const c = cell(measure, k);
          if ((linked.values[c] as number) > 0 && linked.marks[c] === null) linked.mask(c);
        }
      }
    }
  }
  const count = (cell: number): DisclosedCount => shown(linked.values[cell] as number, linked.marks[cell] ?? null);
  const countsAt = (k: number): DisclosedCounts =>
    Object.fromEntries(STATISTICS_MEASURES.map((m) => [m, count(k < K ? (cellOf.get(m)?.rows[k] as number) : (cellOf.get(m)?.total as number))])) as DisclosedCounts;
  return {
    disclosure,
    threshold,
    rows: stats.rows.map((row, k) => ({ key: row.key, counts: countsAt(k) })),
    total: countsAt(K),
  };
}
