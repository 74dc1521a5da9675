import { EXPOSED_CODE, UNDER_18_AGE_CODES, RETRACTED, type PassRegister } from './pass-register-rows.js';

/**
 * The encounters in pass-date order, laid out for the statistics: one row per encounter, the rows of
 * a pass together (a block), the blocks sorted by pass date (ties in pass row order), and every fact a
 * statistics question reads about an encounter or its pass copied into a flat column of the row. A
 * period is then a binary search over the blocks' dates and one sequential loop over a range of rows,
 * with no lookup through a row number; as a pass's rows are contiguous, a group's distinct passes are
 * counted exactly by remembering the last pass that touched it.
 *
 * Derived from the register and never saved, kept up as the register folds without the fold knowing
 * about it: every event applied to a pass stamps its stream revision on the pass row and counts in
 * `byPass.changes` (`touchPass` in pass-register.ts), and a stream's revisions only grow. A read
 * with the same count of changes and of passes as last time finds the index current in O(1); after
 * changes, a pass whose revision is not the one its block was copied at has changed since, and the
 * read compares the revisions (one sequential pass over an Int32Array) and
 *   - copies a changed pass again in place when its date and its number of encounters are the same
 *     (a correction, a retraction, support offered, a raid);
 *   - lays out again only the blocks from the first one that moved (a new encounter, a new pass, a
 *     corrected date), sorting just those: recording in date order moves only the last few blocks;
 *   - rebuilds the whole index when most of it moved, in O(n) with a counting sort on date.
 */

/** Digit columns: a small integer per row for each dimension a question can group by. */
/** 0: not met in a raid; otherwise 1 + index in LOCATION_TYPES. */
export const LOCATION_DIGITS = 0;
export const ROLE_DIGITS = 1;
export const AGE_DIGITS = 2;
/** 1: under 18; 0: not. */
export const UNDER_18_DIGITS = 3;
/** 0: not given; otherwise 1 + index in GENDERS. */
export const GENDER_DIGITS = 4;
/** The home kommun as its code in `kommuner`. */
export const KOMMUN_DIGITS = 5;
/** The pass's month as year × 12 + (month − 1). */
export const MONTH_DIGITS = 6;
/** The pass's tertial as year × 3 + (tertial − 1): the month digit divided by 4. */
export const TERTIAL_DIGITS = 7;
export const KIND_DIGITS = 8;
/** The pass's set of units, as its code in `unitSets`. */
export const UNIT_SET_DIGITS = 9;
const DIGIT_COLUMNS = 10;

/** Bits of a row's measure: what it counts towards, and whether it is counted at all. */
export const EXPOSED_ROW = 1;
export const UNDER_18_ROW = 2;
export const SUPPORTED_ROW = 4;
/** The encounter or its pass was retracted. */
export const RETRACTED_ROW = 8;
/** The first row of its pass's block: a count of these is a count of passes, with no pass column to read. */
export const FIRST_ROW = 16;

export interface EncounterIndex {
  /** Blocks laid out: one per pass row of the register, in pass-date order. */
  blocks: number;
  blockPass: Int32Array;
  blockDate: Int32Array;
  /** Per block, for counting passes without encounters: the pass's unit set code, kind, and 1 if retracted. */
  blockUnitSet: Uint16Array;
  blockKind: Uint8Array;
  blockRetracted: Uint8Array;
  /** First row of each block; `blockStart[blocks]` is the number of rows. */
  blockStart: Int32Array;
  /** Per row, by digit column (LOCATION_DIGITS…UNIT_SET_DIGITS); one array type for all, so reads stay monomorphic. */
  digits: Uint16Array[];
  /** Per row: EXPOSED_ROW, UNDER_18_ROW and SUPPORTED_ROW (some unit offered support), RETRACTED_ROW and FIRST_ROW. */
  measure: Uint8Array;
  /** Per row: its pass's date (yyyymmdd). */
  date: Int32Array;
  /** The unit sets passes have, as unit bits, by code (UNIT_SET_DIGITS); codes are handed out as sets appear. */
  readonly unitSets: number[];
  /** Code by unit bits, -1 where no pass has had the set. */
  readonly unitSetCodes: Int16Array;
  /**
   * The home kommuner encounters have, as indexes in HOME_KOMMUN_VALUES, by code (KOMMUN_DIGITS):
   * a log names a few dozen of the 292, so a key by kommun spans those, not all.
   */
  readonly kommuner: number[];
  /** Code by index in HOME_KOMMUN_VALUES, -1 where no encounter has had it. */
  readonly kommunCodes: Int16Array;
  /** Per pass row: its block, and the pass revision the block was copied at. */
  blockOf: Int32Array;
  revisionOf: Int32Array;
  /** The register's `byPass.changes` when the index was last brought up to date. */
  changes: number;
}

const indexes = new WeakMap<PassRegister, EncounterIndex>();

const MINOR_OF = new Uint8Array(256);
for (const code of UNDER_18_AGE_CODES) MINOR_OF[code] = 1;

/** The register's encounter index, brought up to date with the register first. */
export function encounterIndex(r: PassRegister): EncounterIndex {
  let index = indexes.get(r);
  if (!index) {
    index = emptyIndex();
    indexes.set(r, index);
  }
  bringUpToDate(r, index);
  return index;
}

/** The first block whose date is at least `date` (binary search). */
export function firstBlockOn(index: EncounterIndex, date: number): number {
  const dates = index.blockDate;
  let low = 0;
  let high = index.blocks;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((dates[mid] as number) < date) low = mid + 1;
    else high = mid;
  }
  return low;
}

function emptyIndex(): EncounterIndex {
  return {
    blocks: 0,
    blockPass: new Int32Array(0),
    blockDate: new Int32Array(0),
    blockUnitSet: new Uint16Array(0),
    blockKind: new Uint8Array(0),
    blockRetracted: new Uint8Array(0),
    blockStart: new Int32Array(1),
    digits: Array.from({ length: DIGIT_COLUMNS }, () => new Uint16Array(0)),
    measure: new Uint8Array(0),
    date: new Int32Array(0),
    unitSets: [],
    unitSetCodes: new Int16Array(256).fill(-1),
    kommuner: [],
    kommunCodes: new Int16Array(1 << 16).fill(-1),
    blockOf: new Int32Array(0),
    revisionOf: new Int32Array(0),
    changes: 0,
  };
}

/** Blocks, and rows, laid out between two yields of `prepareEncounterIndex`: a few milliseconds at most. */
export const BLOCKS_PER_STEP = 1024;
export const ROWS_PER_STEP = 4096;

/**
 * `encounterIndex` in steps, for a server: when the index must be laid out whole (none yet, after a
 * state load or a rebuild, or a correction that moved most blocks), a fresh one is laid out between
 * yields and put in place at the end, leaving the same cached index `encounterIndex` would; a small
 * update is done at once, as there. The register may fold events between two steps: a layout that
 * saw it change starts again, and after a few such starts the index is brought up to date at once.
 */
export function* prepareEncounterIndex(r: PassRegister): Generator<void, EncounterIndex> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = indexes.get(r);
    if (current && !movesMost(r, current)) return encounterIndex(r);
    const fresh = emptyIndex();
    const seen = stampOf(r);
    fresh.changes = r.byPass.changes;
    grow(fresh, r.passes.count, r.encounters.count);
    yield;
    if (stampOf(r) !== seen) continue;
    const order = passesInDateOrder(r);
    yield;
    if (stampOf(r) === seen && (yield* layOutInSteps(r, fresh, order, seen))) {
      indexes.set(r, fresh);
      return fresh;
    }
  }
  return encounterIndex(r);
}

/** What a fold changes: a layout is right only for the register it started from. */
function stampOf(r: PassRegister): string {
  return `${r.byPass.changes}/${r.passes.count}/${r.encounters.count}`;
}

/** `layOut` from block 0, yielding between slices; answers false (and stops) when the register changed meanwhile. */
function* layOutInSteps(r: PassRegister, x: EncounterIndex, order: Int32Array, seen: string): Generator<void, boolean> {
  const rowOf = new Int32Array(r.encounters.count);
  let row = 0;
  for (let i = 0; i < order.length; i += 1) {
    row = placeBlock(r, x, i, order[i] as number, row, rowOf, 0);
    if ((i + 1) % BLOCKS_PER_STEP === 0) {
      yield;
      if (stampOf(r) !== seen) return false;
    }
  }
  x.blocks = order.length;
  x.blockStart[x.blocks] = row;
  for (let first = 0; first < row; first += ROWS_PER_STEP) {
    yield;
    if (stampOf(r) !== seen) return false;
    const last = Math.min(row, first + ROWS_PER_STEP);
    copyEncounters(r, x, first, last, rowOf.subarray(first));
  }
  return true;
}

/** Whether bringing the index up to date would lay it out whole (see `bringUpToDate`), found without changing it. */
function movesMost(r: PassRegister, x: EncounterIndex): boolean {
  const passes = r.passes.count;
  const known = x.blocks;
  if (r.byPass.changes === x.changes && passes === known) return false;
  const revision = r.passes.cols.revision;
  let from = known;
  for (let pass = 0; pass < known; pass += 1) {
    if (revision[pass] !== x.revisionOf[pass] && !keepsItsPlace(r, x, pass)) from = Math.min(from, x.blockOf[pass] as number, firstBlockOn(x, r.passes.cols.date[pass] as number));
  }
  for (let pass = known; pass < passes && from > 0; pass += 1) from = Math.min(from, firstBlockOn(x, (r.passes.cols.date[pass] as number) + 1));
  return (known - from + (passes - known)) * 4 > passes;
}

/** A changed pass with the date and number of encounters its block was laid out with: copied again in place. */
function keepsItsPlace(r: PassRegister, x: EncounterIndex, pass: number): boolean {
  const block = x.blockOf[pass] as number;
  const size = (r.byPass.encounters[pass] as number[]).length;
  return r.passes.cols.date[pass] === x.blockDate[block] && size === (x.blockStart[block + 1] as number) - (x.blockStart[block] as number);
}

function bringUpToDate(r: PassRegister, x: EncounterIndex): void {
  const p = r.passes.cols;
  const passes = r.passes.count;
  const known = x.blocks;
  if (r.byPass.changes === x.changes && passes === known) return;
  x.changes = r.byPass.changes;
  const revision = p.revision;
  const date = p.date;
  const copied = x.revisionOf;
  let from = known;
  for (let pass = 0; pass < known; pass += 1) {
    if (revision[pass] !== copied[pass]) from = changed(r, x, pass, from);
  }
  // A new pass goes after the passes of its date (its row is the highest).
  for (let pass = known; pass < passes && from > 0; pass += 1) from = Math.min(from, firstBlockOn(x, (date[pass] as number) + 1));
  if (from === known && known === passes) return;
  grow(x, passes, r.encounters.count);
  const moved = known - from + (passes - known);
  if (moved * 4 > passes) layOut(r, x, 0, passesInDateOrder(r));
  else layOut(r, x, from, tailInDateOrder(r, x, from, known, passes));
}

/** A changed pass: copied again in place if it keeps its place and size; answers the first block to lay out again. */
function changed(r: PassRegister, x: EncounterIndex, pass: number, from: number): number {
  const block = x.blockOf[pass] as number;
  const date = r.passes.cols.date[pass] as number;
  const start = x.blockStart[block] as number;
  const size = (r.byPass.encounters[pass] as number[]).length;
  if (keepsItsPlace(r, x, pass)) {
    const rowOf = new Int32Array(size);
    placeBlock(r, x, block, pass, start, rowOf, start);
    copyEncounters(r, x, start, start + size, rowOf);
    return from;
  }
  return Math.min(from, block, firstBlockOn(x, date));
}

/** Lays out `order` (pass rows) as the blocks from `from` on. */
function layOut(r: PassRegister, x: EncounterIndex, from: number, order: ArrayLike<number>): void {
  const first = x.blockStart[from] as number;
  // Every row from the first block on belongs to the blocks laid out: the tail of the rows.
  const rowOf = new Int32Array(r.encounters.count - first);
  let row = first;
  for (let i = 0; i < order.length; i += 1) row = placeBlock(r, x, from + i, order[i] as number, row, rowOf, first);
  x.blocks = from + order.length;
  x.blockStart[x.blocks] = row;
  copyEncounters(r, x, first, row, rowOf);
}

function unitSetCode(x: EncounterIndex, bits: number): number {
  let code = x.unitSetCodes[bits] as number;
  if (code < 0) {
    code = x.unitSets.length;
    x.unitSets.push(bits);
    x.unitSetCodes[bits] = code;
  }
  return code;
}

/**
 * Places a pass in `block` with its rows from `start`: the block's columns, its rows' pass columns,
 * and in `rowOf` (from `first`) the encounter row each of its rows copies; answers the row after them.
 */
function placeBlock(r: PassRegister, x: EncounterIndex, block: number, pass: number, start: number, rowOf: Int32Array, first: number): number {
  const p = r.passes.cols;
  const date = p.date[pass] as number;
  const kind = p.kind[pass] as number;
  const units = unitSetCode(x, p.units[pass] as number);
  const retracted = p.retracted[pass] as number;
  x.blockPass[block] = pass;
  x.blockDate[block] = date;
  x.blockStart[block] = start;
  x.blockUnitSet[block] = units;
  x.blockKind[block] = kind;
  x.blockRetracted[block] = retracted ? 1 : 0;
  x.blockOf[pass] = block;
  x.revisionOf[pass] = p.revision[pass] as number;
  const month = Math.floor(date / 10000) * 12 + (Math.floor(date / 100) % 100) - 1;
  const months = x.digits[MONTH_DIGITS] as Uint16Array;
  const tertials = x.digits[TERTIAL_DIGITS] as Uint16Array;
  const kinds = x.digits[KIND_DIGITS] as Uint16Array;
  const sets = x.digits[UNIT_SET_DIGITS] as Uint16Array;
  const rows = r.byPass.encounters[pass] as number[];
  const passBits = retracted ? RETRACTED_ROW : 0;
  let j = start;
  for (let k = 0; k < rows.length; k += 1, j += 1) {
    rowOf[j - first] = rows[k] as number;
    months[j] = month;
    tertials[j] = month >> 2;
    kinds[j] = kind;
    sets[j] = units;
    x.date[j] = date;
    x.measure[j] = k === 0 ? passBits | FIRST_ROW : passBits;
  }
  return j;
}

/** The encounter columns of rows `first` to `last`, each from its encounter row in `rowOf`: one tight loop per column. */
function copyEncounters(r: PassRegister, x: EncounterIndex, first: number, last: number, rowOf: Int32Array): void {
  const e = r.encounters.cols;
  const location = r.raids.cols.locationType;
  const roles = x.digits[ROLE_DIGITS] as Uint16Array;
  const ages = x.digits[AGE_DIGITS] as Uint16Array;
  const genders = x.digits[GENDER_DIGITS] as Uint16Array;
  const kommuner = x.digits[KOMMUN_DIGITS] as Uint16Array;
  // One column at a time: each loop reads one source column, nearly in order (a pass's rows are near in the log).
  for (let j = first; j < last; j += 1) roles[j] = e.role[rowOf[j - first] as number] as number;
  for (let j = first; j < last; j += 1) ages[j] = e.ageBand[rowOf[j - first] as number] as number;
  for (let j = first; j < last; j += 1) genders[j] = e.gender[rowOf[j - first] as number] as number;
  const codes = x.kommunCodes;
  for (let j = first; j < last; j += 1) {
    const kommun = e.homeKommun[rowOf[j - first] as number] as number;
    let code = codes[kommun] as number;
    if (code < 0) {
      code = x.kommuner.length;
      x.kommuner.push(kommun);
      codes[kommun] = code;
    }
    kommuner[j] = code;
  }
  const places = x.digits[LOCATION_DIGITS] as Uint16Array;
  const minors = x.digits[UNDER_18_DIGITS] as Uint16Array;
  const measure = x.measure;
  for (let j = first; j < last; j += 1) {
    const row = rowOf[j - first] as number;
    const raid = e.raid[row] as number;
    const minor = MINOR_OF[e.ageBand[row] as number] as number;
    places[j] = raid >= 0 ? (location[raid] as number) + 1 : 0;
    minors[j] = minor;
    measure[j] =
      (measure[j] as number) |
      (e.role[row] === EXPOSED_CODE ? EXPOSED_ROW : 0) |
      (minor === 1 ? UNDER_18_ROW : 0) |
      (e.supportOffered[row] !== 0 ? SUPPORTED_ROW : 0) |
      ((e.flags[row] as number) & RETRACTED ? RETRACTED_ROW : 0);
  }
}

/** Every pass row by date, ties in row order: a counting sort over the days the dates span. */
function passesInDateOrder(r: PassRegister): Int32Array {
  const date = r.passes.cols.date;
  const count = r.passes.count;
  const order = new Int32Array(count);
  if (count === 0) return order;
  let low = date[0] as number;
  let high = low;
  for (let pass = 1; pass < count; pass += 1) {
    const d = date[pass] as number;
    if (d < low) low = d;
    else if (d > high) high = d;
  }
  // yyyymmdd numbers of a few years span tens of thousands; a wider span (dates centuries apart) is sorted instead.
  if (high - low > 4 * count + 100_000) return sortedByDate(date, Int32Array.from({ length: count }, (_, i) => i));
  const starts = new Int32Array(high - low + 2);
  for (let pass = 0; pass < count; pass += 1) {
    const slot = (date[pass] as number) - low + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let i = 1; i < starts.length; i += 1) starts[i] = (starts[i] as number) + (starts[i - 1] as number);
  for (let pass = 0; pass < count; pass += 1) {
    const slot = (date[pass] as number) - low;
    order[starts[slot] as number] = pass;
    starts[slot] = (starts[slot] as number) + 1;
  }
  return order;
}

/** The passes of the blocks from `from` on and the new pass rows, by date, ties in row order. */
function tailInDateOrder(r: PassRegister, x: EncounterIndex, from: number, known: number, passes: number): Int32Array {
  const tail = new Int32Array(known - from + passes - known);
  tail.set(x.blockPass.subarray(from, known));
  for (let pass = known, i = known - from; pass < passes; pass += 1, i += 1) tail[i] = pass;
  return sortedByDate(r.passes.cols.date, tail);
}

/** `rows` sorted by (date, row), in place: one number per row, sorted natively, no comparator. */
function sortedByDate(date: Int32Array, rows: Int32Array): Int32Array {
  const ROW = 2 ** 24;
  if (rows.length >= ROW || rows.some((row) => row >= ROW)) return rows.sort((a, b) => (date[a] as number) - (date[b] as number) || a - b);
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) keys[i] = (date[rows[i] as number] as number) * ROW + (rows[i] as number);
  keys.sort();
  for (let i = 0; i < rows.length; i += 1) rows[i] = (keys[i] as number) % ROW;
  return rows;
}

/** Room for `passes` blocks and `rows` rows, growing by doubling and keeping what is laid out. */
function grow(x: EncounterIndex, passes: number, rows: number): void {
  if (x.blockPass.length < passes) {
    const size = Math.max(passes, x.blockPass.length * 2, 1024);
    x.blockPass = resized(x.blockPass, size);
    x.blockDate = resized(x.blockDate, size);
    x.blockUnitSet = resized(x.blockUnitSet, size);
    x.blockKind = resized(x.blockKind, size);
    x.blockRetracted = resized(x.blockRetracted, size);
    x.blockStart = resized(x.blockStart, size + 1);
    x.blockOf = resized(x.blockOf, size);
    x.revisionOf = resized(x.revisionOf, size);
  }
  if (x.measure.length < rows) {
    const size = Math.max(rows, x.measure.length * 2, 4096);
    x.digits = x.digits.map((column) => resized(column, size));
    x.measure = resized(x.measure, size);
    x.date = resized(x.date, size);
  }
}

function resized<A extends Int32Array | Uint16Array | Uint8Array>(column: A, size: number): A {
  const next = new (column.constructor as new (n: number) => A)(size);
  next.set(column);
  return next;
}
