/**
 * Which masked counts a set of published counts gives away exactly.
 *
 * Every relation says Σ coefficient·count = a number the reader knows (0, or a count shown elsewhere). With the
 * shown counts moved to the known side, a masked count is determined exactly when its unit vector lies in the
 * row space of the relations restricted to the masked counts: then some combination of relations isolates it
 * (that combination is its certificate). Reduced row echelon form answers for every masked count at once: a
 * pivot row left with nothing but its pivot is a determined count.
 *
 * The arithmetic is exact, modulo two primes below 2^26 (products stay below 2^53). A rank over a prime can only
 * fall below the rank over the rationals when the prime divides every largest non-zero minor; a count is called
 * undetermined only when both primes say so.
 */

export interface Relation {
  readonly cells: readonly number[];
  readonly coefficients: readonly number[];
}

export interface Determined {
  readonly cell: number;
  /** Relation index → multiplier (mod `prime`): Σ multiplier·relation isolates `cell`. */
  readonly certificate: ReadonlyMap<number, number>;
  readonly prime: number;
}

export const PRIMES = [67_108_859, 67_108_837] as const;

const mod = (value: number, p: number) => ((value % p) + p) % p;
const mul = (a: number, b: number, p: number) => (a * b) % p;

function inverse(a: number, p: number): number {
  // Extended Euclid; a and p are coprime because p is prime and 0 < a < p.
  let [r0, r1, s0, s1] = [p, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, p);
}

/**
 * The masked cells that the relations determine. Only components of the masked cells that some relation with
 * index ≥ `fromRelation` touches are examined (or only the one holding `focus`): the caller knows the others
 * to be safe already.
 */
interface DeterminedOptions {
  readonly focus?: number;
  readonly primes?: readonly number[];
  /** Answers of components met before, by prime, relations and masked cells: a component nothing touched since is not reduced again. */
  readonly memo?: Map<string, Determined[]>;
  /** The relations that can matter (indices, ascending); the others are left out. All by default. */
  readonly scope?: readonly number[];
  /**
   * Counts the elimination work (rows × (rows + columns) of each component reduced) against a budget: a
   * component that would overspend is not reduced, `exceeded` is set and the answer is incomplete.
   */
  readonly work?: { units: number; readonly budget: number; exceeded: boolean };
}

export function determinedCells(relations: readonly Relation[], masked: (cell: number) => boolean, fromRelation = 0, options: DeterminedOptions = {}): Determined[] {
  const scope = options.scope ?? relations.map((_, r) => r);
  const restricted: Array<number[]> = new Array(relations.length);
  for (const r of scope) restricted[r] = (relations[r] as Relation).cells.filter((cell) => masked(cell));
  const byComponent = componentsToExamine(scope, restricted, fromRelation, options.focus);
  const found = new Map<number, Determined>();
  for (const rows of byComponent.values()) {
    const cellsKey = options.memo || options.work ? [...new Set(rows.flatMap((r) => restricted[r] as number[]))].sort((a, b) => a - b).join(',') : '';
    for (const p of options.primes ?? PRIMES) {
      const key = `${p}|${rows.join(',')}|${cellsKey}`;
      let answer = options.memo?.get(key);
      if (!answer) {
        if (options.work) {
          options.work.units += rows.length * (rows.length + cellsKey.split(',').length);
          if (options.work.units > options.work.budget) {
            options.work.exceeded = true;
            return [];
          }
        }
        answer = reduce(relations, rows, masked, p);
        options.memo?.set(key, answer);
      }
      for (const d of answer) if (!found.has(d.cell)) found.set(d.cell, d);
    }
  }
  return [...found.values()].sort((a, b) => a.cell - b.cell);
}

/**
 * The relations of each component of the masked cells (joined by the relations they share) that is to
 * be examined: those some relation from `fromRelation` on touches, or only the one holding `focus`.
 */
function componentsToExamine(scope: readonly number[], restricted: ReadonlyArray<number[]>, fromRelation: number, focus: number | undefined): Map<number, number[]> {
  // Union-find over masked cells, joined by the relations they share.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as number;
    while (parent.get(x) !== root) {
      const next = parent.get(x) as number;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const r of scope) {
    const cells = restricted[r] as number[];
    for (const cell of cells) if (!parent.has(cell)) parent.set(cell, cell);
    for (let k = 1; k < cells.length; k += 1) {
      const [a, b] = [find(cells[0] as number), find(cells[k] as number)];
      if (a !== b) parent.set(a, b);
    }
  }
  const wanted = new Set<number>();
  if (focus !== undefined) {
    if (parent.has(focus)) wanted.add(find(focus));
  } else {
    for (const r of scope) {
      if (r < fromRelation) continue;
      const first = (restricted[r] as number[])[0];
      if (first !== undefined) wanted.add(find(first));
    }
  }
  const byComponent = new Map<number, number[]>();
  scope.forEach((r) => {
    const first = (restricted[r] as number[])[0];
    if (first === undefined) return;
    const root = find(first);
    if (!wanted.has(root)) return;
    const list = byComponent.get(root) ?? [];
    list.push(r);
    byComponent.set(root, list);
  });
  return byComponent;
}

function reduce(relations: readonly Relation[], rowIndices: readonly number[], masked: (cell: number) => boolean, p: number): Determined[] {
  // Dense rows over the component's masked cells, each with the combination of relations it stands for.
  const columnOf = new Map<number, number>();
  for (const r of rowIndices) for (const cell of (relations[r] as Relation).cells) if (masked(cell) && !columnOf.has(cell)) columnOf.set(cell, columnOf.size);
  const cellAt = [...columnOf.keys()];
  const width = cellAt.length;
  const height = rowIndices.length;
  const rows = rowIndices.map((r, k) => {
    const relation = relations[r] as Relation;
    const entries = new Float64Array(width + height);
    relation.cells.forEach((cell, n) => {
      const column = columnOf.get(cell);
      if (column !== undefined) entries[column] = mod((entries[column] as number) + (relation.coefficients[n] as number), p);
    });
    entries[width + k] = 1;
    return entries;
  });
  const pivotOf = new Int32Array(height).fill(-1);
  const used = new Uint8Array(height);
  for (let column = 0; column < width; column += 1) {
    let pivot = -1;
    for (let k = 0; k < height; k += 1) if (!used[k] && (rows[k] as Float64Array)[column] !== 0) { pivot = k; break; }
    if (pivot < 0) continue;
    used[pivot] = 1;
    pivotOf[pivot] = column;
    const top = rows[pivot] as Float64Array;
    const scale = inverse(top[column] as number, p);
    const nonZero: number[] = [];
    for (let n = 0; n < width + height; n += 1) {
      if (top[n] === 0) continue;
      top[n] = mul(top[n] as number, scale, p);
      nonZero.push(n);
    }
    for (let k = 0; k < height; k += 1) {
      if (k === pivot) continue;
      const row = rows[k] as Float64Array;
      const factor = row[column] as number;
      if (factor === 0) continue;
      for (const n of nonZero) row[n] = mod((row[n] as number) - mul(factor, top[n] as number, p), p);
    }
  }
  const found: Determined[] = [];
  for (let k = 0; k < height; k += 1) {
    const column = pivotOf[k] as number;
    if (column < 0) continue;
    const row = rows[k] as Float64Array;
    let alone = true;
    for (let n = 0; n < width && alone; n += 1) if (n !== column && row[n] !== 0) alone = false;
    if (!alone) continue;
    const certificate = new Map<number, number>();
    for (let n = 0; n < height; n += 1) if (row[width + n] !== 0) certificate.set(rowIndices[n] as number, row[width + n] as number);
    found.push({ cell: cellAt[column] as number, certificate, prime: p });
  }
  return found;
}
