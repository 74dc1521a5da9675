import { decodeEvent } from '../domain/event-decoding.js';
import { turns } from '../application/event-loop-turns.js';
import { memoryProjectionStates } from '../store/file-projection-states.js';
import type { EventStore, ProjectionStateStore, RecordedEvent } from '../store/port.js';
import type { Projection } from './projection.js';
import { inSlices } from './steps.js';

/**
 * Folds "as the log stood at an instant" (the report's "as presented"), without stopping the server:
 *
 * - On SQLite recorded times never go backwards in log order (the store stamps the later of the clock
 *   and the last stamp), so "recorded at or before T" is a prefix of the log and the fold stops at the
 *   first event recorded after T. Other stores are read to the end, filtered.
 * - It yields to the event loop after every page, and encodes and decodes large states in slices, so
 *   other requests are answered meanwhile.
 * - It starts from the newest snapshot of the projection that the instant covers. Snapshots are the
 *   serialized state after a whole prefix of the log, taken as folds pass the spacing, so they follow
 *   the log as it grows; a few are kept, thinned (every other dropped, spacing doubled) when too many
 *   or too large. They are kept in the projection states (beside a SQLite log: MAC'd files, tied to
 *   the log's chain hash at their position), in a fixed number of slots plus an index, so they survive
 *   a restart; one that does not check out is refused and the fold starts from an earlier one, or from
 *   the start of the log.
 * - Identical questions in flight (same projection, same instant) share one fold.
 */

interface AsOfOptions {
  /** Events between snapshots at first (default 50,000). */
  readonly snapshotEvery?: number;
  /** Snapshots kept per projection (default 12): the slots on disk. */
  readonly maxSnapshots?: number;
  /** Bytes of snapshots kept per projection (default 256 MiB). */
  readonly maxSnapshotBytes?: number;
  /** Where snapshots are kept (default: in memory, for this process only). */
  readonly states?: ProjectionStateStore;
  /** Told about each fold: where it started and how many events it applied. */
  readonly onFold?: (report: AsOfReport) => void;
}

export interface AsOfReport {
  readonly projection: string;
  /** Position of the snapshot the fold started from (0: from the start of the log). */
  readonly fromPosition: number;
  /** Events read after the snapshot. */
  readonly eventsRead: number;
  /** True when the fold stopped at the first event recorded after the instant. */
  readonly stoppedEarly: boolean;
}

interface Snapshot {
  /** The state after every event up to and including this position. */
  readonly position: number;
  /** The latest recordedAt of those events: the snapshot serves any instant at or after it. */
  readonly recordedAt: string;
  /** Where it is kept: the projection state `as-of/<projection>/<slot>`. */
  readonly slot: number;
  readonly bytes: number;
}

interface Shelf {
  list: Snapshot[];
  every: number;
  /** Snapshots taken but perhaps not saved yet, by slot. */
  readonly pending: Map<number, { readonly position: number; readonly bytes: Uint8Array }>;
  saving: Promise<void>;
}

export interface AsOfFolds {
  fold<S>(projection: Projection<S>, asOf: Date): Promise<S>;
  /** The same fold with the last log position it covers: what a report drawn from it names. */
  foldAt<S>(projection: Projection<S>, asOf: Date): Promise<{ readonly state: S; readonly position: number }>;
  /** Takes the snapshots a fold to the log's head would take, unless the newest is within the spacing of the head. */
  prepare<S>(projection: Projection<S>): Promise<void>;
  /** Resolves when every snapshot taken so far is saved. */
  flush(): Promise<void>;
}

const serializeSliced = <S>(projection: Projection<S>, state: S) => (projection.serializeInSteps ? inSlices(projection.serializeInSteps(state)) : Promise.resolve(projection.serialize(state)));
const deserializeSliced = <S>(projection: Projection<S>, bytes: Uint8Array) => (projection.deserializeInSteps ? inSlices(projection.deserializeInSteps(bytes)) : Promise.resolve(projection.deserialize(bytes)));

const indexName = (projection: string) => `as-of/${projection}`;
const slotName = (projection: string, slot: number) => `as-of/${projection}/${slot}`;

/** A slot's bytes: the snapshot's recordedAt (length u32 LE, UTF-8), then the state. */
function slotBytes(recordedAt: string, state: Uint8Array): Uint8Array {
  const instant = Buffer.from(recordedAt, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(instant.length, 0);
  return Buffer.concat([length, instant, state]);
}

function openSlot(bytes: Uint8Array): { recordedAt: string; state: Uint8Array } | undefined {
  if (bytes.byteLength < 4) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = buffer.readUInt32LE(0);
  if (length > 64 || 4 + length > buffer.length) return undefined;
  return { recordedAt: buffer.toString('utf8', 4, 4 + length), state: buffer.subarray(4 + length) };
}

/** The saved index, checked entry by entry: anything unexpected and there are no snapshots. */
function parseIndex(bytes: Uint8Array, maxSnapshots: number): { every: number; list: Snapshot[] } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { every?: unknown; snapshots?: unknown };
    if (!Number.isSafeInteger(parsed.every) || (parsed.every as number) <= 0 || !Array.isArray(parsed.snapshots)) return undefined;
    const list: Snapshot[] = [];
    const slots = new Set<number>();
    for (const s of parsed.snapshots as Array<Record<string, unknown>>) {
      const { position, recordedAt, slot, bytes: size } = s;
      const valid =
        Number.isSafeInteger(position) && (position as number) > 0 && typeof recordedAt === 'string' && recordedAt.length <= 64 &&
        Number.isSafeInteger(slot) && (slot as number) >= 0 && (slot as number) < maxSnapshots && !slots.has(slot as number) && Number.isSafeInteger(size);
      if (!valid) return undefined;
      slots.add(slot as number);
      list.push({ position: position as number, recordedAt, slot: slot as number, bytes: size as number });
    }
    return { every: parsed.every as number, list: list.sort((a, b) => a.position - b.position) };
  } catch {
    return undefined;
  }
}

export function asOfFolds(store: EventStore, options: AsOfOptions = {}): AsOfFolds {
  const ctx: Folding = {
    store,
    options,
    maxSnapshots: options.maxSnapshots ?? 12,
    maxBytes: options.maxSnapshotBytes ?? 256 * 1024 * 1024,
    states: options.states ?? memoryProjectionStates(),
    shelves: new Map(),
    inFlight: new Map(),
    answers: [],
    prefixOrdered: store.kind === 'sqlite',
  };
  return {
    foldAt: (projection, asOf) => foldAt(ctx, projection, asOf),
    fold: async (projection, asOf) => (await foldAt(ctx, projection, asOf)).state,
    async prepare(projection) {
      const shelf = await shelfOf(ctx, projection as Projection<unknown>);
      const newest = shelf.list[shelf.list.length - 1]?.position ?? 0;
      if ((await store.headPosition()) - newest < shelf.every) return;
      // An instant after every recorded one: the fold passes every position and takes the snapshots on its
      // way. Its answer, the whole log, is the engine's state already: not kept.
      await run(ctx, projection, new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)), false);
    },
    async flush() {
      for (const shelf of ctx.shelves.values()) await (await shelf).saving;
    },
  };
}

/** What the as-of folds of one store share: its snapshots' shelves, the folds in flight, the last answers. */
interface Folding {
  readonly store: EventStore;
  readonly options: AsOfOptions;
  readonly maxSnapshots: number;
  readonly maxBytes: number;
  readonly states: ProjectionStateStore;
  readonly shelves: Map<string, Promise<Shelf>>;
  readonly inFlight: Map<string, Promise<unknown>>;
  /** The last folds' answers (read only, like every answer): another instant with the same prefix gets one again. */
  readonly answers: Array<{ readonly name: string; readonly state: unknown; readonly position: number; readonly latest: string }>;
  readonly prefixOrdered: boolean;
}

const ANSWERS_KEPT = 2;

function shelfOf(ctx: Folding, projection: Projection<unknown>): Promise<Shelf> {
  let shelf = ctx.shelves.get(projection.name);
  if (!shelf) {
    shelf = (async () => {
      const fresh: Shelf = { list: [], every: ctx.options.snapshotEvery ?? 50_000, pending: new Map(), saving: Promise.resolve() };
      const saved = await ctx.states.load(indexName(projection.name)).catch(() => undefined);
      const index = saved && saved.version === projection.version ? parseIndex(saved.state, ctx.maxSnapshots) : undefined;
      if (index) {
        fresh.list = index.list;
        fresh.every = Math.max(fresh.every, index.every);
      }
      return fresh;
    })();
    ctx.shelves.set(projection.name, shelf);
  }
  return shelf;
}

function save(ctx: Folding, projection: Projection<unknown>, shelf: Shelf, snapshot: Snapshot, bytes: Uint8Array): void {
  shelf.saving = shelf.saving
    .then(async () => {
      await ctx.states.save({ name: slotName(projection.name, snapshot.slot), version: projection.version, position: snapshot.position, state: slotBytes(snapshot.recordedAt, bytes) });
      const newest = shelf.list[shelf.list.length - 1];
      if (!newest) return;
      const index = { every: shelf.every, snapshots: shelf.list };
      await ctx.states.save({ name: indexName(projection.name), version: projection.version, position: newest.position, state: Buffer.from(JSON.stringify(index)) });
    })
    // A snapshot is derived from the log: one not saved costs a longer fold, never a fact.
    .catch(() => {})
    .finally(() => {
      if (shelf.pending.get(snapshot.slot)?.bytes === bytes) shelf.pending.delete(snapshot.slot);
    });
}

function keep(ctx: Folding, projection: Projection<unknown>, shelf: Shelf, position: number, recordedAt: string, bytes: Uint8Array): void {
  if (shelf.list.some((s) => s.position === position)) return;
  const candidate: Snapshot = { position, recordedAt, slot: -1, bytes: bytes.byteLength };
  let list = [...shelf.list, candidate].sort((a, b) => a.position - b.position);
  const total = () => list.reduce((sum, s) => sum + s.bytes, 0);
  while (list.length > 1 && (list.length > ctx.maxSnapshots || total() > ctx.maxBytes)) {
    // Keep the newest and every other one before it: the spacing doubles as the log grows.
    const newest = list[list.length - 1] as Snapshot;
    list = list.filter((_, i) => i % 2 === 1).filter((s) => s !== newest).concat(newest);
    shelf.every *= 2;
  }
  if (!list.includes(candidate)) {
    shelf.list = list;
    return;
  }
  const used = new Set(list.map((s) => s.slot));
  let slot = 0;
  while (used.has(slot)) slot += 1;
  const snapshot = { ...candidate, slot };
  shelf.list = list.map((s) => (s === candidate ? snapshot : s));
  shelf.pending.set(slot, { position, bytes });
  save(ctx, projection, shelf, snapshot, bytes);
}

/** The snapshot's state, or undefined when it is gone, was replaced or does not check out. */
async function open<S>(ctx: Folding, projection: Projection<S>, shelf: Shelf, snapshot: Snapshot): Promise<S | undefined> {
  try {
    const pending = shelf.pending.get(snapshot.slot);
    if (pending) return pending.position === snapshot.position ? await deserializeSliced(projection, pending.bytes) : undefined;
    const saved = await ctx.states.load(slotName(projection.name, snapshot.slot));
    if (!saved || saved.version !== projection.version || saved.position !== snapshot.position) return undefined;
    const slot = openSlot(saved.state);
    if (!slot || slot.recordedAt !== snapshot.recordedAt) return undefined;
    return await deserializeSliced(projection, slot.state);
  } catch {
    return undefined;
  }
}

/** The newest snapshot the instant covers that opens, and its state. */
async function start<S>(ctx: Folding, projection: Projection<S>, shelf: Shelf, limit: string): Promise<{ snapshot: Snapshot; state: S } | undefined> {
  for (;;) {
    let best: Snapshot | undefined;
    for (const s of shelf.list) if (s.recordedAt <= limit) best = s;
    if (!best) return undefined;
    const state = await open(ctx, projection, shelf, best);
    if (state !== undefined) return { snapshot: best, state };
    // Fail closed: a snapshot that cannot be trusted is forgotten, and an earlier one is tried.
    const refused = best;
    shelf.list = shelf.list.filter((s) => s !== refused);
  }
}

/** The recordedAt of the first event after `position`, or undefined at the head. */
async function recordedAfter(ctx: Folding, position: number): Promise<string | undefined> {
  for await (const page of ctx.store.readAll({ after: position, pageSize: 1, metadata: false })) return page[0]?.recordedAt;
  return undefined;
}

/**
 * A kept answer that holds exactly the events recorded by `limit`: on a prefix-ordered log, one whose
 * last event was recorded by then and whose next one after it (if any) was recorded after.
 */
async function keptAnswer<S>(ctx: Folding, projection: Projection<S>, limit: string): Promise<{ state: S; position: number } | undefined> {
  if (!ctx.prefixOrdered) return undefined;
  for (const answer of ctx.answers) {
    if (answer.name !== projection.name || answer.latest > limit) continue;
    const next = await recordedAfter(ctx, answer.position);
    if (next === undefined || next > limit) return { state: answer.state as S, position: answer.position };
  }
  return undefined;
}

async function run<S>(ctx: Folding, projection: Projection<S>, asOf: Date, keepAnswer = true): Promise<{ state: S; position: number }> {
  const limit = asOf.toISOString();
  const kept = await keptAnswer(ctx, projection, limit);
  if (kept) return kept;
  const shelf = await shelfOf(ctx, projection as Projection<unknown>);
  const from = await start(ctx, projection, shelf, limit);
  let state = from ? from.state : projection.init();
  let position = from?.snapshot.position ?? 0;
  // Every event up to `position` is in the state: it may become a snapshot.
  let wholePrefix = true;
  let latest = from?.snapshot.recordedAt ?? '';
  let eventsRead = 0;
  let stoppedEarly = false;
  let nextSnapshot = (Math.floor(position / shelf.every) + 1) * shelf.every;
  await turns.slice();
  read: for await (const page of ctx.store.readAll({ after: position, metadata: false })) {
    for (const event of page as readonly RecordedEvent[]) {
      if (event.recordedAt > limit) {
        if (ctx.prefixOrdered) {
          stoppedEarly = true;
          break read;
        }
        wholePrefix = false;
        continue;
      }
      eventsRead += 1;
      position = event.position;
      if (event.recordedAt > latest) latest = event.recordedAt;
      if (projection.eventTypes.has(event.type)) state = projection.apply(state, decodeEvent(event));
      if (wholePrefix && position >= nextSnapshot) {
        keep(ctx, projection as Projection<unknown>, shelf, position, latest, await serializeSliced(projection, state));
        nextSnapshot = (Math.floor(position / shelf.every) + 1) * shelf.every;
      }
    }
    await turns.slice();
  }
  ctx.options.onFold?.({ projection: projection.name, fromPosition: from?.snapshot.position ?? 0, eventsRead, stoppedEarly });
  if (wholePrefix && keepAnswer) {
    ctx.answers.unshift({ name: projection.name, state, position, latest });
    ctx.answers.length = Math.min(ctx.answers.length, ANSWERS_KEPT);
  }
  return { state, position };
}

function foldAt<S>(ctx: Folding, projection: Projection<S>, asOf: Date): Promise<{ state: S; position: number }> {
  const key = `${projection.name}@${asOf.toISOString()}`;
  const running = ctx.inFlight.get(key) as Promise<{ state: S; position: number }> | undefined;
  if (running) return running;
  const folding = run(ctx, projection, asOf).finally(() => ctx.inFlight.delete(key));
  ctx.inFlight.set(key, folding);
  return folding;
}

