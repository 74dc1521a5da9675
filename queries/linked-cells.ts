import { determinedCells, PRIMES, type Determined, type Relation } from './disclosure-algebra.js';
import type { SuppressionReason } from './disclosure.js';

/**
 * Counts tied together by linear relations, and complementary suppression across all of them: while some
 * masked count can be worked out from the shown ones (projections/disclosure-algebra.ts), the cheapest cell
 * that breaks the combination giving it away is masked. Used for one `statistics` result (its measures are
 * tied: encounters = exposed + suspected buyers) and for the tertial reports (report-disclosure.ts).
 */

export type Mark = SuppressionReason | null;

/** How many candidates a step tries before it settles for the cheapest. */
const TRIES = 8;

export class LinkedCells {
  readonly ids: string[] = [];
  readonly values: number[] = [];
  readonly costs: number[] = [];
  readonly marks: Mark[] = [];
  readonly relations: Relation[] = [];
  readonly relationsOf: Array<Array<[number, number]>> = [];
  /** Cells not tried as a one-cell fix: masking something cheaper first may be what is wanted. */
  readonly untried = new Set<number>();
  private readonly index = new Map<string, number>();

  constructor(readonly threshold: number) {}

  /** A cell whose cost of masking is `tier` + its value: lower tiers are masked first. */
  add(id: string, value: number, tier: number): number {
    if (this.index.has(id)) throw new Error(`cell ${id} twice`);
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.values.push(value);
    this.costs.push(tier + value);
    this.marks.push(null);
    this.relationsOf.push([]);
    return this.ids.length - 1;
  }

  at(id: string): number | undefined {
    return this.index.get(id);
  }

  /** Σ parts − whole = 0. */
  sum(parts: readonly number[], whole: number): void {
    this.relate([...parts.map((cell) => [cell, 1] as [number, number]), [whole, -1]]);
  }

  /** Σ coefficient·cell = 0. */
  relate(terms: ReadonlyArray<[number, number]>): void {
    const r = this.relations.length;
    const total = terms.reduce((n, [cell, c]) => n + c * (this.values[cell] as number), 0);
    // Fails closed: relations that do not hold would make the algebra protect the wrong thing.
    if (total !== 0) throw new Error(`relation ${r} does not add up (${terms.map(([cell, c]) => `${c}·${this.ids[cell]}`).join(' ')})`);
    this.relations.push({ cells: terms.map(([cell]) => cell), coefficients: terms.map(([, c]) => c) });
    for (const [cell, c] of terms) (this.relationsOf[cell] as Array<[number, number]>).push([r, c]);
  }

  mask(cell: number): void {
    const value = this.values[cell] as number;
    if (value === 0) throw new Error('a zero is never masked');
    this.marks[cell] = value <= this.threshold ? 'small' : 'complementary';
  }

  /** Masks every count from 1 to the threshold among the cells from `firstCell` on. */
  maskSmall(firstCell = 0): void {
    for (let cell = firstCell; cell < this.ids.length; cell += 1) {
      const value = this.values[cell] as number;
      if (value >= 1 && value <= this.threshold) this.mask(cell);
    }
  }
}

/**
 * Masks cells from `firstCell` on until no masked cell is determined, and says so (true). Cells and relations
 * before `firstCell` and `firstRelation` are decided already and known to be safe among themselves. With a
 * `budget` of elimination work (a count, not a time, so that the same input always gets the same answer),
 * gives up when it is spent (false): the caller then masks by a coarser rule.
 */
export function protectLinked(cells: LinkedCells, firstCell = 0, firstRelation = 0, budget = Infinity): boolean {
  const work = { units: 0, budget, exceeded: false };
  const masked = (cell: number) => cells.marks[cell] !== null;
  const memo = new Map<string, Determined[]>();
  // The relations that can reach this tertial's cells through cells that are, or may become, masked.
  const inScope = new Set<number>();
  const queue: number[] = [];
  for (let r = firstRelation; r < cells.relations.length; r += 1) (inScope.add(r), queue.push(r));
  const seen = new Set<number>();
  while (queue.length > 0) {
    for (const cell of (cells.relations[queue.pop() as number] as Relation).cells) {
      if (seen.has(cell) || (cell < firstCell && !masked(cell))) continue;
      seen.add(cell);
      for (const [r] of cells.relationsOf[cell] as Array<[number, number]>) if (!inScope.has(r)) (inScope.add(r), queue.push(r));
    }
  }
  const scope = [...inScope].sort((a, b) => a - b);
  for (let guard = 0; ; guard += 1) {
    // One prime while masking; the second only when the first finds nothing more.
    let determined = determinedCells(cells.relations, masked, firstRelation, { primes: [PRIMES[0]], memo, scope, work });
    if (determined.length === 0) determined = determinedCells(cells.relations, masked, firstRelation, { primes: [PRIMES[1]], memo, scope, work });
    if (work.exceeded) return false;
    const found = determined[0];
    if (!found) return true;
    if (guard > cells.ids.length) throw new Error('suppression: protection did not settle');
    const candidates: number[] = [];
    for (let cell = firstCell; cell < cells.ids.length; cell += 1) {
      if (masked(cell) || cells.values[cell] === 0) continue;
      // Masking `cell` breaks this certificate when the certificate's combination does not cancel it.
      let weight = 0;
      for (const [r, c] of cells.relationsOf[cell] as Array<[number, number]>) weight = (weight + (found.certificate.get(r) ?? 0) * (c + found.prime)) % found.prime;
      if (weight !== 0) candidates.push(cell);
    }
    if (candidates.length === 0) throw new Error(`suppression: ${cells.ids[found.cell]} cannot be protected`);
    candidates.sort((a, b) => (cells.costs[a] as number) - (cells.costs[b] as number) || a - b);
    // The cheapest candidate that frees the count, among the few cheapest; else the cheapest, and go on.
    let chosen = candidates[0] as number;
    for (const cell of candidates.filter((c) => !cells.untried.has(c)).slice(0, TRIES)) {
      cells.marks[cell] = 'complementary';
      const still = determinedCells(cells.relations, masked, firstRelation, { focus: found.cell, primes: [found.prime], memo, scope, work }).some((d) => d.cell === found.cell);
      cells.marks[cell] = null;
      if (work.exceeded) return false;
      if (!still) {
        chosen = cell;
        break;
      }
    }
    cells.mask(chosen);
  }
}
