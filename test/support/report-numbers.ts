import { expect } from 'chai';

/**
 * The numbers a set of tertial reports publishes, named by what they count, the relations a reader knows they
 * obey (written from their meaning, not from the code that masks them), and the rank check that tells which
 * masked numbers the shown ones determine.
 */

export const FIELDS = ['jointPasses', 'exposed', 'exposedUnder18', 'suspectedBuyers', 'suspectedBuyersUnder18', 'offeredSupport'] as const;
export type Field = (typeof FIELDS)[number];
export const ROLE_FIELDS = { EXPOSED: ['exposed', 'exposedUnder18'], BUYER: ['suspectedBuyers', 'suspectedBuyersUnder18'] } as const;
export const MINOR = new Set(['UNDER_15', 'AGE_15_17']);

export type Figures = Record<Field, number | null> & { tertial?: string };
export interface Summary {
  tertial: string;
  current: Figures;
  previous: Figures;
  sameTertialLastYear: Figures;
  cumulative: Figures;
  changeFromPrevious: Figures;
  changeFromSameTertialLastYear: Figures;
}
export type Cell = { value: number | null; masked: boolean };
export interface Report {
  summary: Summary;
  passesByMonth: Array<{ month: string; passes: Cell }>;
  encountersByRoleAndAgeBand: Array<{ role: string; ageBand: string; encounters: Cell }>;
  encountersByHomeKommun: Array<{ code: string; agreementStatus: string; encounters: Cell }>;
}

/** Every number a set of reports publishes, by what it counts: one name, one value, wherever it appears. */
export class Published {
  readonly values = new Map<string, number | null>();

  put(name: string, value: number | null, where: string): void {
    if (this.values.has(name)) expect(value, `${name} in ${where} differs from where it was shown before`).to.equal(this.values.get(name));
    else this.values.set(name, value);
  }

  summary(s: Summary, where: string): void {
    const prior = priorTertial;
    for (const field of FIELDS) {
      this.put(`figure ${s.current.tertial} ${field}`, s.current[field], where);
      this.put(`figure ${s.previous.tertial} ${field}`, s.previous[field], where);
      this.put(`figure ${s.sameTertialLastYear.tertial} ${field}`, s.sameTertialLastYear[field], where);
      this.put(`cumulative ${s.tertial} ${field}`, s.cumulative[field], where);
      this.put(`change ${s.tertial} ${prior(s.tertial, 1)} ${field}`, s.changeFromPrevious[field], where);
      this.put(`change ${s.tertial} ${prior(s.tertial, 3)} ${field}`, s.changeFromSameTertialLastYear[field], where);
    }
  }

  report(r: Report, where: string): void {
    const t = r.summary.tertial;
    this.summary(r.summary, where);
    for (const m of r.passesByMonth) this.put(`month ${t} ${m.month}`, m.passes.value, where);
    for (const x of r.encountersByRoleAndAgeBand) this.put(`role-age ${t} ${x.role} ${x.ageBand}`, x.encounters.value, where);
    for (const k of r.encountersByHomeKommun) this.put(`kommun ${t} ${k.code} ${k.agreementStatus}`, k.encounters.value, where);
  }
}

export const priorTertial = (t: string, back: number) => {
  const index = Number(t.slice(0, 4)) * 3 + Number(t.slice(6)) - 1 - back;
  return `${Math.floor(index / 3)}-T${(index % 3) + 1}`;
};

export interface KnownRelation {
  readonly terms: Map<string, number>;
  /** Adds up to a number the reader may know but no report shows (January–March 2021). */
  readonly constant: boolean;
}

/** What the reader knows the numbers obey, written from their meaning (not from the code that masks them). */
export function relationsOf(names: readonly string[], tertials: readonly string[]): KnownRelation[] {
  const relations: KnownRelation[] = [];
  const add = (terms: Array<[string, number]>, constant = false) => {
    const relation = new Map<string, number>();
    for (const [name, c] of terms) relation.set(name, (relation.get(name) ?? 0) + c);
    relations.push({ terms: relation, constant });
  };
  const matching = (prefix: string) => names.filter((name) => name.startsWith(prefix));
  for (const t of tertials) {
    const fig = (field: Field) => `figure ${t} ${field}`;
    add([...matching(`month ${t} `).map((name) => [name, 1] as [string, number]), [fig('jointPasses'), -1]]);
    for (const [role, [all, minors]] of Object.entries(ROLE_FIELDS)) {
      const cells = matching(`role-age ${t} ${role} `);
      add([...cells.map((name) => [name, 1] as [string, number]), [fig(all), -1]]);
      add([...cells.filter((name) => MINOR.has(name.split(' ')[3] as string)).map((name) => [name, 1] as [string, number]), [fig(minors), -1]]);
    }
    add([...matching(`kommun ${t} `).map((name) => [name, 1] as [string, number]), [fig('exposed'), -1], [fig('suspectedBuyers'), -1]]);
    for (const field of FIELDS) {
      if (tertials.includes(priorTertial(t, 1))) add([[`cumulative ${t} ${field}`, 1], [`cumulative ${priorTertial(t, 1)} ${field}`, -1], [fig(field), -1]]);
      // 2021-T1's cumulative figure leaves out January to March, which no report shows: no relation.
    }
  }
  for (const field of FIELDS) {
    for (const name of names.filter((n) => n.startsWith('change ') && n.endsWith(` ${field}`))) {
      const [, to, from] = name.split(' ');
      add([[name, 1], [`figure ${to} ${field}`, -1], [`figure ${from} ${field}`, 1]]);
    }
  }
  return relations;
}

/** Rank by Gaussian elimination with partial pivoting; the relations have small integer coefficients. */
export function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  const width = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < m.length; c += 1) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i += 1) if (Math.abs((m[i] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number)) pivot = i;
    if (Math.abs((m[pivot] as number[])[c] as number) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = (row[c] as number) / (p[c] as number);
      if (f !== 0) for (let k = c; k < width; k += 1) row[k] = (row[k] as number) - f * (p[k] as number);
    }
    r += 1;
  }
  return r;
}

/** The masked counts that the shown numbers and the relations determine. */
export function determined(shown: Published, truth: Published, tertials: readonly string[]): string[] {
  const names = [...truth.values.keys()];
  const relations = relationsOf(names, tertials);
  for (const { terms, constant } of relations) {
    const total = [...terms].reduce((n, [name, c]) => n + c * (truth.values.get(name) ?? Number.NaN), 0);
    if (!constant) expect(total, `relation ${[...terms.keys()].join(' ')} holds for the INTERNAL numbers`).to.equal(0);
  }
  const masked = names.filter((name) => shown.values.get(name) === null);
  const matrix = (columns: string[]) => relations.map(({ terms }) => columns.map((name) => terms.get(name) ?? 0));
  // A masked number is determined when leaving its column out lowers the rank: when its unit vector is
  // in the relations' row space, i.e. a row of the reduced echelon form has it alone. One elimination
  // answers for every column, instead of one rank per masked number.
  const alone = columnsAlone(matrix(masked));
  // A change is no count: a masked change that the relations give is a difference of two masked counts,
  // neither of which it gives away.
  return masked.filter((name, column) => !name.startsWith('change ') && alone.has(column));
}

/** The columns some row of the reduced row echelon form (Gauss–Jordan, partial pivoting) has as its only entry. */
function columnsAlone(matrix: number[][]): Set<number> {
  const m = matrix.map((row) => [...row]);
  const width = m[0]?.length ?? 0;
  const pivots: number[] = [];
  for (let c = 0, r = 0; c < width && r < m.length; c += 1) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i += 1) if (Math.abs((m[i] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number)) pivot = i;
    if (Math.abs((m[pivot] as number[])[c] as number) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    const scale = p[c] as number;
    for (let k = c; k < width; k += 1) p[k] = (p[k] as number) / scale;
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const row = m[i] as number[];
      const f = row[c] as number;
      if (f !== 0) for (let k = c; k < width; k += 1) row[k] = (row[k] as number) - f * (p[k] as number);
    }
    pivots.push(c);
    r += 1;
  }
  const alone = new Set<number>();
  for (const [r, c] of pivots.entries()) if ((m[r] as number[]).every((v, k) => k === c || Math.abs(v) < 1e-9)) alone.add(c);
  return alone;
}
