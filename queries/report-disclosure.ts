import { drain } from '../src/projections/steps.js';
import { AGREEMENT_START, formatTertial, tertialRange, type Tertial } from '../src/domain/time.js';
import { AGE_BANDS, isUnder18, ROLES } from '../src/domain/vocabulary.js';
import { discloseSeries, discloseTable, type DisclosedCount } from './disclosure.js';
import { LinkedCells, protectLinked, type Mark } from './linked-cells.js';
import type { PassRegister } from '../projections/pass-register-rows.js';
import { statistics, type StatisticsContext } from './statistics.js';
import { steeringFigures } from './steering-figures.js';
import { FIGURE_FIELDS } from './tertial-summary.js';

/**
 * Small-cell suppression across every PUBLIC report at once.
 *
 * A tertial report shows, for its tertial T, the six steering figures, passes by month, encounters by role and
 * age band and by home kommun; beside them the figures of T−1 and of T−3 (the same tertial a year earlier) and
 * the cumulative figures since the agreement of April 2021. Every number is tied to others: the months add up
 * to the joint passes, each role's age bands to its figure and its two under-18 bands to its under-18 figure, the
 * kommuner to all encounters, and cumulative(T) = cumulative(T−1) + figures(T). So a report's numbers are one
 * set of linear relations, and the reports of all tertials together are one set too: cumulative(T) −
 * cumulative(T−1) is the tertial's own figure, however it is masked in its own report.
 *
 * The plan therefore decides every cell once, for all reports, walking the tertials in order from the one the
 * agreement began in: each tertial's cells are decided with the decisions of the tertials before it fixed, so a
 * report for T and one for T+1 (or any other) make the same decision for every cell they share, and each step
 * checks, over the relations of every tertial so far, that no masked count is determined. Within a tertial the
 * tables are first protected as tables (projections/disclosure.ts); then, while some masked count can still be
 * worked out, the cheapest cell that breaks the combination giving it away is masked: a table cell first, then
 * the cumulative figure, then a margin, and the tertial's own figures last. A small increment therefore masks
 * the cumulative figure of its tertial; the next tertial with data then masks its own figure (and what that
 * needs) before its cumulative figure, so that the two masked increments hide each other and the cumulative
 * figure shows again. January to March 2021 (in 2021-T1's figures, not in its cumulative ones) is a cell of
 * its own, shown nowhere. Tertials before the agreement share no relation with the others and are decided
 * alone; tertials after the last pass repeat the decisions of the first empty one.
 *
 * The margins of the two-way tables (age band totals, kommun totals, status totals, all encounters) are
 * treated as shown unless masked: a `statistics` query for the same tertial can show them.
 */

export type { Mark };
type Kind = 'cell' | 'cumulative' | 'margin' | 'figure';
type Field = (typeof FIGURE_FIELDS)[number];

const TIER: Readonly<Record<Kind, number>> = { cell: 0, cumulative: 1e6, margin: 1e9, figure: 1e12 };
const FIRST_CHAINED: Tertial = { year: 2021, number: 1 };
const ROLE_FIGURES: Readonly<Record<(typeof ROLES)[number], { all: Field; under18: Field }>> = {
  EXPOSED: { all: 'exposed', under18: 'exposedUnder18' },
  BUYER: { all: 'suspectedBuyers', under18: 'suspectedBuyersUnder18' },
};

const indexOf = (t: Tertial) => t.year * 3 + t.number - 1;
const tertialAt = (index: number): Tertial => ({ year: Math.floor(index / 3), number: ((index % 3) + 1) as 1 | 2 | 3 });

const cellId = {
  figure: (t: Tertial, field: Field) => `${formatTertial(t)}|figure|${field}`,
  cumulative: (t: Tertial, field: Field) => `${formatTertial(t)}|cumulative|${field}`,
  month: (t: Tertial, month: string) => `${formatTertial(t)}|month|${month}`,
  roleAge: (t: Tertial, role: string, ageBand: string) => `${formatTertial(t)}|role-age|${role}|${ageBand}`,
  kommun: (t: Tertial, code: string, status: string) => `${formatTertial(t)}|kommun|${code}|${status}`,
};

export interface DisclosurePlan {
  readonly threshold: number;
  /** The figures of a tertial, as its own report, the next tertial's and next year's show them. */
  figure(t: Tertial, field: Field, value: number): Mark;
  /** The cumulative figure from the agreement to the end of the tertial. */
  cumulative(t: Tertial, field: Field, value: number): Mark;
  month(t: Tertial, month: string, value: number): Mark;
  roleAge(t: Tertial, role: string, ageBand: string, value: number): Mark;
  kommun(t: Tertial, code: string, status: string, value: number): Mark;
}

/**
 * The PUBLIC marks for the report of `target` (its tertial, the tertial before, the same tertial a year
 * earlier, the cumulative figures), decided as every report decides them.
 */
export function planDisclosure(register: PassRegister, context: StatisticsContext, target: Tertial, threshold: number): DisclosurePlan {
  return drain(planDisclosureInSteps(register, context, target, threshold));
}

/** The same plan in steps (one tertial each), for a server to compute between other requests. */
export function* planDisclosureInSteps(register: PassRegister, context: StatisticsContext, target: Tertial, threshold: number): Generator<void, DisclosurePlan> {
  if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError('threshold must be a whole number ≥ 0');
  const cells = new LinkedCells(threshold);
  const withData = yield* tertialsWithData(register);
  const lastWithData = Math.max(indexOf(FIRST_CHAINED), ...[...withData].map((text) => indexOf({ year: Number(text.slice(0, 4)), number: Number(text.slice(6)) as 1 | 2 | 3 })));
  // After the last tertial with passes every block is empty and each cumulative figure repeats the one
  // before: its decision too. One empty tertial past the data decides them all.
  const end = Math.min(indexOf(target), lastWithData + 1);
  const first = indexOf(FIRST_CHAINED);
  for (let i = first; i <= end; i += 1) {
    yield* decideTertial(cells, register, context, tertialAt(i), withData.has(formatTertial(tertialAt(i))), true);
    yield;
  }
  const wanted = [indexOf(target), indexOf(target) - 1, indexOf(target) - 3];
  for (const i of wanted) if (i < first) yield* decideTertial(cells, register, context, tertialAt(i), withData.has(formatTertial(tertialAt(i))), false);

  const markOf = (id: string, value: number): Mark => {
    const cell = cells.at(id);
    if (cell === undefined) {
      if (value === 0) return null;
      throw new Error(`disclosure plan: no decision for ${id}`);
    }
    if (cells.values[cell] !== value) throw new Error(`disclosure plan: ${id} is ${value}, planned for ${cells.values[cell]}`);
    return cells.marks[cell] as Mark;
  };
  const beyond = (t: Tertial) => indexOf(t) > end && indexOf(t) >= first;
  return {
    threshold,
    figure: (t, field, value) => (beyond(t) ? markOf('', value) : markOf(cellId.figure(t, field), value)),
    cumulative: (t, field, value) => {
      if (indexOf(t) < first) return markOf('', value);
      return markOf(cellId.cumulative(beyond(t) ? tertialAt(end) : t, field), value);
    },
    month: (t, month, value) => markOf(cellId.month(t, month), value),
    roleAge: (t, role, band, value) => markOf(cellId.roleAge(t, role, band), value),
    kommun: (t, code, status, value) => markOf(cellId.kommun(t, code, status), value),
  };
}

/**
 * The tertials with joint passes: a year of pass dates at a time, the same tertials as one query over
 * every date gives, in steps of one year.
 */
function* tertialsWithData(register: PassRegister): Generator<void, Set<string>> {
  const dates = register.passes.cols.date;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < register.passes.count; row += 1) {
    const date = dates[row] as number;
    if (date < min) min = date;
    if (date > max) max = date;
  }
  const withData = new Set<string>();
  if (register.passes.count === 0) return withData;
  const [firstYear, lastYear] = [Math.floor(min / 10000), Math.floor(max / 10000)];
  // Years far apart (a mistyped date) are one query: the steps are for a long log, not a long span.
  const ranges = lastYear - firstYear > 50 ? [{ from: '0001-01-01', to: '9999-12-31' }] : Array.from({ length: lastYear - firstYear + 1 }, (_, i) => String(firstYear + i).padStart(4, '0')).map((year) => ({ from: `${year}-01-01`, to: `${year}-12-31` }));
  for (const range of ranges) {
    for (const row of statistics(register, { ...range, jointOnly: true, groupBy: ['TERTIAL'] }).rows) withData.add(row.key[0]?.value as string);
    yield;
  }
  return withData;
}

/** Adds one tertial's cells and relations, protects its tables, then masks until nothing can be worked out. */
function* decideTertial(cells: LinkedCells, register: PassRegister, context: StatisticsContext, t: Tertial, hasData: boolean, chained: boolean): Generator<void, void> {
  const firstCell = cells.ids.length;
  const firstRelation = cells.relations.length;
  const range = tertialRange(t);
  const figures = steeringFigures(register, range);
  const figure = Object.fromEntries(FIGURE_FIELDS.map((field) => [field, cells.add(cellId.figure(t, field), figures[field], TIER.figure)])) as Record<Field, number>;
  const encounters = cells.add(`${formatTertial(t)}|encounters`, figures.exposed + figures.suspectedBuyers, TIER.margin);
  cells.sum([figure.exposed, figure.suspectedBuyers], encounters);
  const tables: Array<{ cells: number[]; disclosed: DisclosedCount[] }> = [];

  if (hasData) {
    const joint = { ...range, jointOnly: true } as const;
    // Passes by month: one line whose total is the joint passes.
    const months = statistics(register, { ...joint, groupBy: ['MONTH'] }).rows;
    const monthCells = months.map((row) => cells.add(cellId.month(t, row.key[0]?.value as string), row.passes, TIER.cell));
    cells.sum(monthCells, figure.jointPasses);
    const series = discloseSeries({ cells: months.map((row) => row.passes), total: figures.jointPasses }, 'PUBLIC', { threshold: cells.threshold });
    tables.push({ cells: [...monthCells, figure.jointPasses], disclosed: [...series.cells, series.total] });
    yield;

    // Role × age band: rows add up to the role's figure, the under-18 bands to its under-18 figure.
    const roleAge = statistics(register, { ...joint, groupBy: ['ROLE', 'AGE_BAND'] }).rows;
    const raCount = new Map(roleAge.map((row) => [`${row.key[0]?.value}|${row.key[1]?.value}`, row.encounters]));
    const grid = ROLES.map((role) => AGE_BANDS.map((band) => raCount.get(`${role}|${band}`) ?? 0));
    const gridCells = ROLES.map((role, i) => AGE_BANDS.map((band, j) => ((grid[i] as number[])[j] ? cells.add(cellId.roleAge(t, role, band), (grid[i] as number[])[j] as number, TIER.cell) : -1)));
    const bandCells = AGE_BANDS.map((band, j) => cells.add(`${formatTertial(t)}|age-band|${band}`, grid.reduce((n, row) => n + (row[j] as number), 0), TIER.margin));
    ROLES.forEach((role, i) => {
      const row = gridCells[i] as number[];
      cells.sum(row.filter((cell) => cell >= 0), figure[ROLE_FIGURES[role].all]);
      cells.sum(AGE_BANDS.flatMap((band, j) => (isUnder18(band) && (row[j] as number) >= 0 ? [row[j] as number] : [])), figure[ROLE_FIGURES[role].under18]);
    });
    AGE_BANDS.forEach((_, j) => cells.sum(gridCells.flatMap((row) => ((row[j] as number) >= 0 ? [row[j] as number] : [])), bandCells[j] as number));
    cells.sum(bandCells, encounters);
    const roleTable = discloseTable(
      { cells: grid, rowTotals: ROLES.map((role) => figures[ROLE_FIGURES[role].all]), columnTotals: bandCells.map((cell) => cells.values[cell] as number), total: figures.exposed + figures.suspectedBuyers },
      'PUBLIC',
      { threshold: cells.threshold },
    );
    tables.push({
      cells: [...gridCells.flat(), figure.exposed, figure.suspectedBuyers, ...bandCells, encounters],
      disclosed: [...roleTable.cells.flat(), ...roleTable.rowTotals, ...roleTable.columnTotals, roleTable.total],
    });
    yield;

    // Home kommun × agreement status: a two-way table whose grand total is every encounter.
    const kommun = statistics(register, { ...joint, groupBy: ['HOME_KOMMUN', 'AGREEMENT_STATUS'] }, context).rows;
    const codes = [...new Set(kommun.map((row) => row.key[0]?.value as string))];
    const statuses = [...new Set(kommun.map((row) => row.key[1]?.value as string))];
    const kCount = new Map(kommun.map((row) => [`${row.key[0]?.value}|${row.key[1]?.value}`, row.encounters]));
    const kGrid = codes.map((code) => statuses.map((status) => kCount.get(`${code}|${status}`) ?? 0));
    const kCells = codes.map((code, i) => statuses.map((status, j) => ((kGrid[i] as number[])[j] ? cells.add(cellId.kommun(t, code, status), (kGrid[i] as number[])[j] as number, TIER.cell) : -1)));
    const codeCells = codes.map((code, i) => cells.add(`${formatTertial(t)}|kommun-total|${code}`, (kGrid[i] as number[]).reduce((a, b) => a + b, 0), TIER.margin));
    const statusCells = statuses.map((status, j) => cells.add(`${formatTertial(t)}|status-total|${status}`, kGrid.reduce((n, row) => n + (row[j] as number), 0), TIER.margin));
    kCells.forEach((row, i) => cells.sum(row.filter((cell) => cell >= 0), codeCells[i] as number));
    statuses.forEach((_, j) => cells.sum(kCells.flatMap((row) => ((row[j] as number) >= 0 ? [row[j] as number] : [])), statusCells[j] as number));
    cells.sum(statusCells, encounters);
    cells.sum(codeCells, encounters);
    const kTable = discloseTable(
      { cells: kGrid, rowTotals: codeCells.map((cell) => cells.values[cell] as number), columnTotals: statusCells.map((cell) => cells.values[cell] as number), total: figures.exposed + figures.suspectedBuyers },
      'PUBLIC',
      { threshold: cells.threshold },
    );
    tables.push({ cells: [...kCells.flat(), ...codeCells, ...statusCells, encounters], disclosed: [...kTable.cells.flat(), ...kTable.rowTotals, ...kTable.columnTotals, kTable.total] });
    yield;
  }

  if (chained) {
    // cumulative(T) = cumulative(T−1) + figures(T).
    const cumulative = steeringFigures(register, { from: AGREEMENT_START, to: range.to });
    const before = indexOf(t) > indexOf(FIRST_CHAINED) ? tertialAt(indexOf(t) - 1) : undefined;
    for (const field of FIGURE_FIELDS) {
      const cell = cells.add(cellId.cumulative(t, field), cumulative[field], TIER.cumulative);
      if (before) {
        const previous = cells.at(cellId.cumulative(before, field));
        if (previous === undefined) throw new Error(`disclosure plan: ${formatTertial(before)} was not decided before ${formatTertial(t)}`);
        cells.relate([[cell, 1], [previous, -1], [figure[field], -1]]);
        // A cumulative figure masked in the tertial before stays masked until a second masked increment hides
        // the first: without this, one small tertial would mask the cumulative figure for good. So mask this
        // tertial's own figure before this cumulative one, once.
        if (cells.marks[previous] !== null) {
          cells.costs[cell] = (cells.costs[cell] as number) + TIER.figure * 10;
          cells.untried.add(cell);
        }
      } else {
        // January to March of the agreement's first tertial: in the tertial's figure, not in the cumulative
        // one. Shown nowhere, yet the difference of the two gives it, so it is a cell like the others.
        const early = cells.add(`${formatTertial(t)}|before-agreement|${field}`, figures[field] - cumulative[field], TIER.margin);
        cells.relate([[cell, 1], [figure[field], -1], [early, 1]]);
      }
    }
  }

  // Primary suppression, and what each table's own protection asks for.
  cells.maskSmall(firstCell);
  for (const table of tables) table.cells.forEach((cell, k) => cell >= 0 && (table.disclosed[k] as DisclosedCount).suppressed && cells.mask(cell));

  yield;
  // Across tables and tertials: break every combination that still isolates a masked count.
  protectLinked(cells, firstCell, firstRelation);
}