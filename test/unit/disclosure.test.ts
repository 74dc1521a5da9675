import { expect } from 'chai';
import { strictEqual } from 'node:assert/strict';
import {
  discloseSeries,
  discloseStatistics,
  discloseTable,
  type CountTable,
  type DisclosedCount,
  type DisclosedTable,
} from '../../queries/disclosure.js';
import type { Statistics } from '../../queries/statistics.js';
import { seededRandom, type Random } from '../../src/demo/random.js';
import { rank } from '../support/report-numbers.js';

/** Small-cell suppression, worked by hand and checked on random tables against linear algebra. */

/** Compact view of a disclosed count: the number, 's' (small) or 'c' (complementary). */
const code = (cell: DisclosedCount): number | 's' | 'c' => {
  if (!cell.suppressed) {
    expect(cell.reason).to.equal(null);
    return cell.value as number;
  }
  expect(cell.value, 'a masked cell carries no number').to.equal(null);
  return cell.reason === 'small' ? 's' : 'c';
};

/** The extended table as codes: rows with their total, then the column totals with the grand total. */
const view = (t: DisclosedTable) => [
  ...t.cells.map((row, i) => [...row.map(code), code(t.rowTotals[i] as DisclosedCount)]),
  [...t.columnTotals.map(code), code(t.total)],
];

function tableOf(cells: number[][]): CountTable {
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = (cells[0] ?? []).map((_, j) => cells.reduce((a, row) => a + (row[j] as number), 0));
  return { cells, rowTotals, columnTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
}

describe('small-cell suppression', () => {
  describe('one-way tables (cells and their total)', () => {
    it('masks a small count and the smallest other non-zero count, and shows the total', () => {
      const out = discloseSeries({ cells: [12, 3, 25, 8], total: 48 }, 'PUBLIC');
      expect([...out.cells.map(code), code(out.total)]).to.deep.equal([12, 's', 25, 'c', 48]);
    });

    it('never masks a zero, and needs no complement when two counts are small', () => {
      const zeros = discloseSeries({ cells: [0, 2, 0, 15, 30], total: 47 }, 'PUBLIC');
      expect([...zeros.cells.map(code), code(zeros.total)]).to.deep.equal([0, 's', 0, 'c', 30, 47]);
      const two = discloseSeries({ cells: [2, 3, 40], total: 45 }, 'PUBLIC');
      expect([...two.cells.map(code), code(two.total)]).to.deep.equal(['s', 's', 40, 45]);
    });

    it('masks a small total with its only non-zero cell; and the total when no other cell can hide the small one', () => {
      const alone = discloseSeries({ cells: [3, 0, 0], total: 3 }, 'PUBLIC');
      expect([...alone.cells.map(code), code(alone.total)]).to.deep.equal(['s', 0, 0, 's']);
      const withTotal = discloseSeries({ cells: [0, 4, 0], total: 9 }, 'PUBLIC'); // not additive: a pass under two units
      expect([...withTotal.cells.map(code), code(withTotal.total)]).to.deep.equal([0, 's', 0, 'c']);
    });

    it('moves with the threshold: 5 is small at threshold 5, not at the default 4, and threshold 0 masks nothing', () => {
      const cells = [5, 12, 30];
      expect(discloseSeries({ cells, total: 47 }, 'PUBLIC', { threshold: 5 }).cells.map(code)).to.deep.equal(['s', 'c', 30]);
      expect(discloseSeries({ cells, total: 47 }, 'PUBLIC').cells.map(code)).to.deep.equal([5, 12, 30]);
      expect(discloseSeries({ cells: [1, 2, 3], total: 6 }, 'PUBLIC', { threshold: 0 }).cells.map(code)).to.deep.equal([1, 2, 3]);
      expect(() => discloseSeries({ cells, total: 47 }, 'PUBLIC', { threshold: -1 })).to.throw(RangeError);
      expect(() => discloseSeries({ cells: [1.5], total: 2 }, 'PUBLIC')).to.throw(RangeError);
    });

    it('INTERNAL shows everything', () => {
      const out = discloseSeries({ cells: [1, 2, 0, 40], total: 43 }, 'INTERNAL');
      expect([...out.cells.map(code), code(out.total)]).to.deep.equal([1, 2, 0, 40, 43]);
    });
  });

  describe('two-way tables with row, column and grand totals', () => {
    it('closes a small cell into a rectangle of the cheapest cells, keeping every total', () => {
      const out = discloseTable(tableOf([[10, 2, 15], [8, 12, 9], [7, 6, 20]]), 'PUBLIC');
      expect(view(out)).to.deep.equal([
        ['c', 's', 15, 27],
        [8, 12, 9, 29],
        ['c', 'c', 20, 33],
        [25, 20, 44, 89],
      ]);
    });

    it('iterates: each complement can leave another line with one masked cell, until stable', () => {
      const out = discloseTable(tableOf([[2, 10, 30], [15, 40, 13], [50, 12, 14]]), 'PUBLIC');
      expect(view(out)).to.deep.equal([
        ['s', 'c', 30, 42],
        ['c', 40, 'c', 68],
        [50, 'c', 'c', 76],
        [67, 62, 57, 186],
      ]);
    });

    it('breaks a bridge: two protected blocks joined by one small cell that could still be solved for', () => {
      // Every line has two or more masked cells after primary suppression, yet [1][2] = 9 − (4 + 6 − 3) = 2.
      const out = discloseTable(tableOf([[1, 2, 20, 30], [3, 4, 2, 40], [50, 60, 1, 3], [70, 80, 2, 4]]), 'PUBLIC');
      expect(view(out)).to.deep.equal([
        ['s', 's', 'c', 30, 53],
        ['s', 's', 's', 40, 49],
        [50, 60, 's', 's', 114],
        [70, 80, 's', 's', 156],
        [124, 146, 25, 77, 372],
      ]);
    });

    it('masks small totals, and a total when a line offers nothing but totals', () => {
      // Row 0 holds one non-zero count, so its total is small too. The column of row totals then has one
      // masked entry and nothing but totals to pair it with: the smallest, row 2's, is masked.
      const table = tableOf([[3, 0, 0], [6, 5, 10], [7, 8, 0]]);
      const out = discloseTable(table, 'PUBLIC');
      expect(view(out)).to.deep.equal([
        ['s', 0, 0, 's'],
        ['c', 'c', 10, 21],
        ['c', 'c', 0, 'c'],
        [16, 13, 10, 39],
      ]);
      assertProtected(table, out, 4);
    });

    it('zeros stay zeros and are never used as complements', () => {
      const out = discloseTable(tableOf([[0, 3, 0], [0, 20, 9], [0, 0, 0]]), 'PUBLIC');
      for (const cell of [out.cells[0]?.[0], out.cells[0]?.[2], out.cells[1]?.[0], out.cells[2]?.[1]]) expect(code(cell as DisclosedCount)).to.equal(0);
      assertProtected(tableOf([[0, 3, 0], [0, 20, 9], [0, 0, 0]]), out, 4);
    });

    it('INTERNAL shows every cell and total; a higher threshold masks more', () => {
      const table = tableOf([[10, 2, 15], [8, 12, 9], [7, 6, 20]]);
      expect(view(discloseTable(table, 'INTERNAL'))).to.deep.equal([[10, 2, 15, 27], [8, 12, 9, 29], [7, 6, 20, 33], [25, 20, 44, 89]]);
      const wider = discloseTable(table, 'PUBLIC', { threshold: 7 });
      expect(view(wider)[2]?.slice(0, 2)).to.deep.equal(['s', 's']);
      assertProtected(table, wider, 7);
    });
  });

  describe('on random tables (500 seeds)', () => {
    it('masks every small count and no zero, keeps every shown number, and leaves no masked count recoverable', () => {
      for (let seed = 1; seed <= 500; seed += 1) {
        const random = seededRandom(seed);
        const threshold = random.pick([3, 4, 4, 4, 5, 10]);
        const rows = random.int(1, 6);
        const cols = random.int(1, 6);
        const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => count(random)));
        const table = tableOf(cells);
        try {
          assertProtected(table, discloseTable(table, 'PUBLIC', { threshold }), threshold);
          const series = discloseSeries({ cells: cells[0] as number[], total: table.rowTotals[0] as number }, 'PUBLIC', { threshold });
          const entries = [...series.cells, series.total];
          const masked = entries.filter((c) => c.suppressed).length;
          expect(masked === 0 || masked >= 2, 'a one-way table with exactly one masked entry').to.equal(true);
        } catch (error) {
          throw new Error(`seed ${seed}, threshold ${threshold}, table ${JSON.stringify(cells)}: ${(error as Error).message}`);
        }
      }
    });
  });

  describe('statistics', () => {
    const counts = (n: number) => ({ passes: n, encounters: n, exposed: n, suspectedBuyers: 0, under18: Math.min(n, 1), offeredSupport: n });
    const key = (...values: string[]) => values.map((value, i) => ({ dimension: (['UNIT', 'ROLE'] as const)[i] as 'UNIT', value }));

    it('protects each measure of a one-dimension result as one line with its total', () => {
      const stats: Statistics = { rows: [{ key: key('KAST'), ...counts(3) }, { key: key('MIKA'), ...counts(20) }, { key: key('POLIS'), ...counts(9) }], total: counts(32) };
      const out = discloseStatistics(stats, 'PUBLIC');
      expect(out.rows.map((r) => code(r.counts.encounters))).to.deep.equal(['s', 20, 'c']);
      expect(code(out.total.encounters)).to.equal(32);
      expect(out.rows.map((r) => code(r.counts.suspectedBuyers))).to.deep.equal([0, 0, 0]);
      expect(out.rows.map((r) => code(r.counts.under18))).to.deep.equal(['s', 's', 's']);
      expect(code(out.total.under18)).to.equal('s');
      expect(discloseStatistics(stats, 'INTERNAL').rows.map((r) => code(r.counts.encounters))).to.deep.equal([3, 20, 9]);
    });

    it('protects a two-dimension result as a table whose margins are the one-dimension results', () => {
      const stats: Statistics = {
        rows: [
          { key: key('KAST', 'BUYER'), ...counts(10) },
          { key: key('KAST', 'EXPOSED'), ...counts(2) },
          { key: key('MIKA', 'BUYER'), ...counts(8) },
          { key: key('MIKA', 'EXPOSED'), ...counts(12) },
          { key: key('POLIS', 'BUYER'), ...counts(7) },
          { key: key('POLIS', 'EXPOSED'), ...counts(6) },
        ],
        total: counts(45),
      };
      const out = discloseStatistics(stats, 'PUBLIC');
      expect(out.rows.map((r) => code(r.counts.passes))).to.deep.equal(['c', 's', 8, 12, 'c', 'c']);
      expect(out.rows[1]?.key).to.deep.equal(stats.rows[1]?.key);
      expect(code(out.total.passes)).to.equal(45);
    });
  });
});

describe('statistics: the measures of one result protected together', () => {
  const BANDS = ['UNDER_15', 'AGE_15_17', 'AGE_18_20', 'AGE_21_25', 'AGE_26_35'];
  const MINORS = new Set(['UNDER_15', 'AGE_15_17']);
  const MEASURES = ['passes', 'encounters', 'exposed', 'suspectedBuyers', 'under18', 'offeredSupport'] as const;

  /** A ROLE × AGE_BAND result, as `statistics` makes one: exposed or suspectedBuyers equals encounters in each row. */
  function roleAgeStatistics(random: Random): Statistics {
    const rows = (['EXPOSED', 'BUYER'] as const).flatMap((role) =>
      BANDS.flatMap((band) => {
        const encounters = count(random);
        if (encounters === 0) return [];
        const key = [{ dimension: 'ROLE' as const, value: role }, { dimension: 'AGE_BAND' as const, value: band }];
        return [{ key, passes: Math.min(encounters, random.int(1, 9)), encounters, exposed: role === 'EXPOSED' ? encounters : 0, suspectedBuyers: role === 'BUYER' ? encounters : 0, under18: MINORS.has(band) ? encounters : 0, offeredSupport: random.int(0, encounters) }];
      }),
    );
    const sum = (m: (typeof MEASURES)[number]) => rows.reduce((n, r) => n + r[m], 0);
    return { rows, total: { passes: sum('passes'), encounters: sum('encounters'), exposed: sum('exposed'), suspectedBuyers: sum('suspectedBuyers'), under18: sum('under18'), offeredSupport: sum('offeredSupport') } };
  }

  it('gives no masked count away through another measure of the same row (the demo\'s 2021-T2 by ROLE × AGE_BAND, and 300 random results)', () => {
    const demo2021T2: Array<[string, string, number]> = [
      ['BUYER', 'AGE_18_20', 1], ['BUYER', 'AGE_21_25', 12], ['BUYER', 'AGE_26_35', 15], ['EXPOSED', 'AGE_15_17', 4], ['EXPOSED', 'AGE_18_20', 10], ['EXPOSED', 'AGE_21_25', 24], ['EXPOSED', 'AGE_26_35', 28], ['EXPOSED', 'UNDER_15', 1],
    ];
    const fixed: Statistics = {
      rows: demo2021T2.map(([role, band, n]) => ({ key: [{ dimension: 'ROLE', value: role }, { dimension: 'AGE_BAND', value: band }], passes: n, encounters: n, exposed: role === 'EXPOSED' ? n : 0, suspectedBuyers: role === 'BUYER' ? n : 0, under18: MINORS.has(band) ? n : 0, offeredSupport: n })),
      total: { passes: 95, encounters: 95, exposed: 67, suspectedBuyers: 28, under18: 5, offeredSupport: 95 },
    };
    const cases = [fixed, ...Array.from({ length: 300 }, (_, n) => roleAgeStatistics(seededRandom(1000 + n)))];
    for (const [n, stats] of cases.entries()) {
      const out = discloseStatistics(stats, 'PUBLIC');
      // Unknowns: the masked counts. Relations: each measure's rows add up to its total (passes too, here),
      // encounters = exposed + suspectedBuyers in every row and the total, under18 = encounters in a minor row.
      const K = stats.rows.length;
      const value = (m: (typeof MEASURES)[number], k: number) => (k < K ? (stats.rows[k] as Statistics['rows'][number])[m] : stats.total[m]);
      const shown = (m: (typeof MEASURES)[number], k: number) => (k < K ? (out.rows[k] as (typeof out.rows)[number]).counts : out.total)[m];
      const masked: Array<[(typeof MEASURES)[number], number]> = [];
      for (const m of MEASURES) for (let k = 0; k <= K; k += 1) {
        const c = shown(m, k);
        if (c.suppressed) masked.push([m, k]);
        else expect(c.value, `case ${n}: ${m}[${k}]`).to.equal(value(m, k));
        if (!c.suppressed) expect(value(m, k) >= 1 && value(m, k) <= 4, `case ${n}: small ${m}[${k}] shown`).to.equal(false);
      }
      const relations: Array<Map<string, number>> = [];
      for (const m of MEASURES) relations.push(new Map([...Array.from({ length: K }, (_, k) => [`${m} ${k}`, 1] as [string, number]), [`${m} ${K}`, -1]]));
      for (let k = 0; k <= K; k += 1) {
        relations.push(new Map([[`encounters ${k}`, 1], [`exposed ${k}`, -1], [`suspectedBuyers ${k}`, -1]]));
        if (k < K && MINORS.has((stats.rows[k] as Statistics['rows'][number]).key[1]?.value as string)) relations.push(new Map([[`under18 ${k}`, 1], [`encounters ${k}`, -1]]));
      }
      const names = masked.map(([m, k]) => `${m} ${k}`);
      const matrix = (columns: string[]) => relations.map((r) => columns.map((name) => r.get(name) ?? 0));
      const full = rank(matrix(names));
      for (const name of names) expect(rank(matrix(names.filter((other) => other !== name))), `case ${n}: masked ${name} can be worked out`).to.equal(full);
    }
  });
});

describe('statistics: a result too large to protect its measures together exactly', () => {
  it('masks every non-zero count of exposed, suspectedBuyers and under18, and protects the others as their own tables', () => {
    const random = seededRandom(77);
    const rows = Array.from({ length: 400 }, (_, k) => {
      const exposed = random.int(0, 6);
      const suspectedBuyers = random.int(0, 6);
      const encounters = exposed + suspectedBuyers;
      return { key: [{ dimension: 'HOME_KOMMUN' as const, value: String(k).padStart(4, '0') }], passes: Math.min(encounters, 2), encounters, exposed, suspectedBuyers, under18: Math.min(exposed, 1), offeredSupport: encounters };
    });
    const sum = (m: 'passes' | 'encounters' | 'exposed' | 'suspectedBuyers' | 'under18' | 'offeredSupport') => rows.reduce((n, r) => n + r[m], 0);
    const stats: Statistics = { rows, total: { passes: sum('passes'), encounters: sum('encounters'), exposed: sum('exposed'), suspectedBuyers: sum('suspectedBuyers'), under18: sum('under18'), offeredSupport: sum('offeredSupport') } };
    const out = discloseStatistics(stats, 'PUBLIC');
    for (const m of ['exposed', 'suspectedBuyers', 'under18'] as const) {
      [...out.rows.map((r) => r.counts[m]), out.total[m]].forEach((c, k) => expect(c.suppressed, `${m}[${k}]`).to.equal(((k < rows.length ? rows[k]?.[m] : stats.total[m]) as number) > 0));
    }
    // encounters as its own line would be: two or more masked, the big ones shown.
    const line = [...out.rows.map((r) => r.counts.encounters), out.total.encounters];
    expect(line.filter((c) => c.suppressed).length).to.be.greaterThan(1);
    expect(out.total.encounters.value).to.equal(stats.total.encounters);
  });
});

/** Many small counts and zeros, some large ones: the tables where suppression has work to do. */
function count(random: Random): number {
  const roll = random.next();
  if (roll < 0.2) return 0;
  if (roll < 0.55) return random.int(1, 5);
  if (roll < 0.85) return random.int(6, 40);
  return random.int(41, 400);
}

/**
 * The properties PUBLIC promises, checked without the module's own graph reasoning: primary suppression
 * exact, zeros and shown values untouched, every line with masked entries has at least two, and (by the
 * rank of the line equations over the masked entries) no masked entry is determined by the shown ones.
 */
function assertProtected(table: CountTable, out: DisclosedTable, threshold: number): void {
  // node's strictEqual, not chai: this runs thousands of times over the random tables, and each chai
  // expect builds a proxied assertion (a third of this file's CPU).
  const R = table.cells.length;
  const C = table.columnTotals.length;
  const value = (i: number, j: number) =>
    i < R ? (j < C ? (table.cells[i] as number[])[j] : table.rowTotals[i]) : j < C ? table.columnTotals[j] : table.total;
  const cell = (i: number, j: number) => (i < R ? (j < C ? (out.cells[i] as DisclosedCount[])[j] : out.rowTotals[i]) : j < C ? out.columnTotals[j] : out.total) as DisclosedCount;
  const masked: Array<[number, number]> = [];
  for (let i = 0; i <= R; i += 1) {
    for (let j = 0; j <= C; j += 1) {
      const v = value(i, j) as number;
      const c = cell(i, j);
      strictEqual(c.reason === 'small', v >= 1 && v <= threshold, `[${i}][${j}] = ${v} small`);
      if (v === 0) strictEqual(c.suppressed, false, `zero at [${i}][${j}]`);
      if (!c.suppressed) strictEqual(c.value, v);
      else {
        strictEqual(c.value, null);
        masked.push([i, j]);
      }
    }
  }
  for (let i = 0; i <= R; i += 1) {
    const n = masked.filter(([a]) => a === i).length;
    strictEqual(n === 0 || n >= 2, true, `row ${i} has exactly one masked entry`);
  }
  for (let j = 0; j <= C; j += 1) {
    const n = masked.filter(([, b]) => b === j).length;
    strictEqual(n === 0 || n >= 2, true, `column ${j} has exactly one masked entry`);
  }
  // Line equations over the masked entries: one per row and column of the extended table.
  const equations = (entries: Array<[number, number]>) => {
    const lines: number[][] = [];
    for (let i = 0; i <= R; i += 1) lines.push(entries.map(([a]) => (a === i ? 1 : 0)));
    for (let j = 0; j <= C; j += 1) lines.push(entries.map(([, b]) => (b === j ? 1 : 0)));
    return lines;
  };
  const full = rank(equations(masked));
  for (const [k, [i, j]] of masked.entries()) {
    const without = rank(equations(masked.filter((_, x) => x !== k)));
    strictEqual(full, without, `masked [${i}][${j}] = ${value(i, j)} can be solved for from the shown counts`);
  }
}

