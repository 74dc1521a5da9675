/**
 * Growable typed-array columns and a compact binary form for them. A projection of a million events
 * keeps its facts as numbers in columns rather than as half a million objects: folding, saving and
 * loading then cost a few copies of memory instead of building and parsing a large object graph.
 */

type NumberArray = Int32Array | Uint8Array | Uint16Array;
type NumberArrayConstructor = Int32ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor;
type ColumnSpec = Record<string, NumberArrayConstructor>;
type Columns<S extends ColumnSpec> = { [K in keyof S]: InstanceType<S[K]> };

/** Rows of numeric columns, all of one length; `add` grows every column together. */
export interface ColumnTable<S extends ColumnSpec> {
  count: number;
  capacity: number;
  readonly spec: S;
  cols: Columns<S>;
}

function allocate<S extends ColumnSpec>(spec: S, capacity: number): Columns<S> {
  const cols = {} as Record<string, NumberArray>;
  for (const [name, Type] of Object.entries(spec)) cols[name] = new Type(capacity);
  return cols as Columns<S>;
}

export function columnTable<S extends ColumnSpec>(spec: S, capacity = 1024): ColumnTable<S> {
  return { count: 0, capacity, spec, cols: allocate(spec, capacity) };
}

/** Appends a zeroed row and returns its index. */
export function addRow<S extends ColumnSpec>(table: ColumnTable<S>): number {
  if (table.count === table.capacity) {
    const capacity = table.capacity * 2;
    const cols = allocate(table.spec, capacity);
    for (const name of Object.keys(table.spec)) (cols[name] as NumberArray).set(table.cols[name] as NumberArray);
    table.cols = cols;
    table.capacity = capacity;
  }
  const row = table.count;
  table.count += 1;
  return row;
}

/** A binary document: a JSON header (counts and small values) followed by named byte sections. */
/**
 * The document's bytes: the JSON header, then each section copied in, about `bytesPerStep` at a time
 * with a yield between. A million-event register is some 36 MB: copied at once, 10–25 ms of one turn.
 */
export function* packSectionsInSteps(header: unknown, sections: Record<string, Uint8Array>, bytesPerStep = 4 << 20): Generator<void, Uint8Array> {
  const layout: Record<string, [offset: number, length: number]> = {};
  let offset = 0;
  for (const [name, bytes] of Object.entries(sections)) {
    layout[name] = [offset, bytes.byteLength];
    offset += bytes.byteLength;
  }
  const head = Buffer.from(JSON.stringify({ header, layout }));
  const out = Buffer.allocUnsafe(4 + head.length + offset);
  out.writeUInt32LE(head.length, 0);
  head.copy(out, 4);
  let at = 4 + head.length;
  let sinceYield = 0;
  for (const bytes of Object.values(sections)) {
    for (let from = 0; from < bytes.byteLength; from += bytesPerStep) {
      if (sinceYield >= bytesPerStep) {
        yield;
        sinceYield = 0;
      }
      const piece = bytes.subarray(from, from + bytesPerStep);
      out.set(piece, at);
      at += piece.byteLength;
      sinceYield += piece.byteLength;
    }
  }
  return out;
}

export function unpackSections<H>(bytes: Uint8Array): { header: H; section: (name: string) => Uint8Array } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = buffer.readUInt32LE(0);
  const { header, layout } = JSON.parse(buffer.toString('utf8', 4, 4 + headLength)) as { header: H; layout: Record<string, [number, number]> };
  const base = 4 + headLength;
  return {
    header,
    section: (name) => {
      const place = layout[name];
      if (!place) throw new Error(`saved state has no section ${name}`);
      return buffer.subarray(base + place[0], base + place[0] + place[1]);
    },
  };
}

/** The used rows of each column, as bytes. */
export function tableSections<S extends ColumnSpec>(prefix: string, table: ColumnTable<S>): Record<string, Uint8Array> {
  const sections: Record<string, Uint8Array> = {};
  for (const name of Object.keys(table.spec)) {
    const col = table.cols[name] as NumberArray;
    sections[`${prefix}.${name}`] = new Uint8Array(col.buffer, col.byteOffset, table.count * col.BYTES_PER_ELEMENT);
  }
  return sections;
}

export function tableFromSections<S extends ColumnSpec>(prefix: string, spec: S, count: number, section: (name: string) => Uint8Array): ColumnTable<S> {
  const table = columnTable(spec, Math.max(1024, count));
  for (const [name, Type] of Object.entries(spec)) {
    const bytes = section(`${prefix}.${name}`);
    // Copy into an aligned, growable column: the saved bytes may sit at any offset.
    const view = new Type(bytes.byteLength / Type.BYTES_PER_ELEMENT);
    new Uint8Array(view.buffer).set(bytes);
    (table.cols[name] as NumberArray).set(view);
  }
  table.count = count;
  return table;
}

const NEWLINE = Buffer.from('\n');

/**
 * Strings without newlines (ids, instants) as one UTF-8 section, one per line (read back by
 * `stringsFromSectionInSteps`), `perStep` strings at a time with a yield between: joining and encoding
 * the 402,595 encounter ids of a million-event register at once took 100–200 ms here, a step 8–10 ms.
 */
export function* stringsSectionInSteps(values: readonly string[], perStep = 20_000): Generator<void, Uint8Array> {
  const parts: Buffer[] = [];
  for (let from = 0; from < values.length; from += perStep) {
    if (from > 0) {
      parts.push(NEWLINE);
      yield;
    }
    parts.push(Buffer.from(values.slice(from, from + perStep).join('\n')));
  }
  return Buffer.concat(parts);
}

/**
 * `JSON.stringify(arrays)` as UTF-8, the same bytes, `perStep` items at a time with a yield between:
 * the free-text columns of a million-event register (100,766 passes' area, start and end, and the
 * raids' times) are some 3 MB of JSON, 10–30 ms of one turn stringified and encoded at once.
 */
export function* jsonArraysSectionInSteps(arrays: Readonly<Record<string, ReadonlyArray<string | null>>>, perStep = 20_000): Generator<void, Uint8Array> {
  const parts: Buffer[] = [Buffer.from('{')];
  for (const [n, [name, values]] of Object.entries(arrays).entries()) {
    parts.push(Buffer.from(`${n > 0 ? ',' : ''}${JSON.stringify(name)}:[`));
    for (let from = 0; from < values.length; from += perStep) {
      if (from > 0) yield;
      // An array's JSON without its brackets: its items, comma-separated.
      parts.push(Buffer.from(`${from > 0 ? ',' : ''}${JSON.stringify(values.slice(from, from + perStep)).slice(1, -1)}`));
    }
    parts.push(Buffer.from(']'));
  }
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}

/** The strings of a section, a slice of about `chunkBytes` at a time: a generator that yields between slices. */
export function* stringsFromSectionInSteps(bytes: Uint8Array, count: number, chunkBytes = 1 << 20): Generator<void, string[]> {
  if (count === 0) return [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  let start = 0;
  for (;;) {
    // Cut at a newline, so no string is split between slices.
    const cut = start + chunkBytes >= buffer.length ? -1 : buffer.indexOf(10, start + chunkBytes);
    const end = cut < 0 ? buffer.length : cut;
    for (const value of buffer.toString('utf8', start, end).split('\n')) out.push(value);
    if (cut < 0) return out;
    start = cut + 1;
    yield;
  }
}
