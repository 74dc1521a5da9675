import { decodeEvent } from '../domain/event-decoding.js';
import type { EventStore, ProjectionStateStore, RecordedEvent, Subscription } from '../store/port.js';
import { asOfFolds, type AsOfFolds } from './as-of.js';
import type { AnyProjection, Projection } from './projection.js';
import { inSlices } from './steps.js';

/**
 * Runs projections over the log in global order: catch-up from each one's persisted checkpoint,
 * rebuild from position 0, and a live subscription that keeps them current. Saved state and the
 * position it reflects are written together, so a restart resumes exactly where the state stands.
 */

interface CatchUpReport {
  readonly events: number;
  readonly position: number;
  readonly ms: number;
}

interface EngineOptions {
  /**
   * During a long catch-up, persist this often (by the clock, not by event count: a save writes the
   * whole state, so saving every n events would make a catch-up quadratic), so a crash loses little work.
   */
  readonly catchUpPersistIntervalMs?: number;
  /**
   * While following the log live, persist at most this often; and after a save that took t ms, not
   * before SAVE_SHARE × t have passed (see `persistWhileFollowing`).
   */
  readonly persistIntervalMs?: number;
  readonly onProgress?: (position: number, head: number) => void;
  /** The categories the projections read (see PROJECTION_CATEGORIES): the live subscription asks for these only. */
  readonly categories?: readonly string[];
}

export interface ProjectionEngine {
  /** The position every projection has reached. */
  readonly position: number;
  state<S>(projection: Projection<S>): S;
  catchUp(): Promise<CatchUpReport>;
  rebuild(): Promise<CatchUpReport>;
  /** Follows the log as it grows, from where the projections stand. */
  follow(onError?: (error: unknown) => void): void;
  /** Resolves when every projection has applied the log up to `position` (a write's position). */
  waitFor(position: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  readonly projection: AnyProjection;
  state: unknown;
  position: number;
  savedPosition: number;
}

/** A saved state that cannot be read is folded again from the log, not fatal. */
function loadState(projection: AnyProjection, bytes: Uint8Array): unknown {
  try {
    return projection.deserialize(bytes);
  } catch {
    return undefined;
  }
}

export async function openProjectionEngine(
  store: EventStore,
  states: ProjectionStateStore,
  projections: readonly AnyProjection[],
  options: EngineOptions = {},
): Promise<ProjectionEngine> {
  const head = await store.headPosition();
  asOfFoldsOf(store, states);
  const entries = await Promise.all(projections.map((projection) => loadEntry(states, projection, head)));
  const byProjection = new Map(entries.map((e) => [e.projection, e]));
  const waiters = new Set<{ position: number; resolve: () => void }>();
  let subscription: Subscription | undefined;
  let saving: { stop(): void } | undefined;

  const minPosition = () => minPositionOf(entries);

  function applyPage(page: readonly RecordedEvent[]): void {
    applyPageTo(entries, page);
    release();
  }

  /** The store looked at the log up to `position` and handed over every event before it that passed its filter. */
  function applyCheckpoint(position: number): void {
    for (const entry of entries) if (position > entry.position) entry.position = position;
    release();
  }

  const release = () => releaseWaiters(waiters, minPosition());

  const persist = oneAtATime(() => persistEntries(states, entries));

  const fold: Fold = { applyPage, applyCheckpoint, persist, minPosition };
  const catchUp = () => catchUpFold(store, fold, options);

  return {
    get position() {
      return minPosition();
    },
    state: <S>(projection: Projection<S>): S => stateIn(byProjection, projection),
    catchUp,
    async rebuild() {
      resetEntries(entries);
      return catchUp();
    },
    follow(onError) {
      if (subscription) return;
      ({ subscription, saving } = followLog(store, fold, options, onError));
    },
    waitFor(position, timeoutMs = 5000) {
      if (minPosition() >= position) return Promise.resolve();
      return waitForPosition(waiters, position, timeoutMs);
    },
    async close() {
      saving?.stop();
      await subscription?.close();
      await persist();
    },
  };
}

/** Every projection back to its initial state, never saved: a rebuild folds the whole log again. */
function resetEntries(entries: readonly Entry[]): void {
  for (const entry of entries) {
    entry.state = entry.projection.init();
    entry.position = 0;
    entry.savedPosition = -1;
  }
}

function stateIn<S>(byProjection: ReadonlyMap<AnyProjection, Entry>, projection: Projection<S>): S {
  const entry = byProjection.get(projection);
  if (!entry) throw new Error(`projection ${projection.name} is not run by this engine`);
  return entry.state as S;
}

function releaseWaiters(waiters: Set<{ position: number; resolve: () => void }>, reached: number): void {
  for (const waiter of waiters) {
    if (waiter.position <= reached) {
      waiters.delete(waiter);
      waiter.resolve();
    }
  }
}

/** Folds the log as it grows, and saves the states now and then (`persistWhileFollowing`). */
function followLog(store: EventStore, fold: Fold, options: EngineOptions, onError: ((error: unknown) => void) | undefined): { subscription: Subscription; saving: { stop(): void } } {
  const subscription = store.subscribeToAll({
    after: fold.minPosition(),
    onEvents: (page) => fold.applyPage(page),
    // A write's position may be that of an event the filter leaves out (an audit record, an id
    // claim): the store's checkpoints carry the engine there, so waitFor does not hang on it.
    onCheckpoint: fold.applyCheckpoint,
    ...(options.categories ? { categories: options.categories } : {}),
    ...(onError ? { onError } : {}),
  });
  const saving = persistWhileFollowing(fold.persist, options.persistIntervalMs ?? 5000, onError);
  return { subscription, saving };
}

/**
 * A save's share of the time while following: after a save that took t ms (wall clock, its slices and
 * the requests served between them), the next waits at least SAVE_SHARE × t. A saved state only spares
 * a restart some catching up; saving the register every 5 s under writes took 400 ms of work each time
 * at 200k events, a few times that at 1M — a fifth of the server's CPU while it recorded mutations.
 */
const SAVE_SHARE = 20;

/** Saves every `intervalMs`, or less often as above; one save at a time, the next timed from the end of the last. */
function persistWhileFollowing(persist: () => Promise<void>, intervalMs: number, onError: ((error: unknown) => void) | undefined): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const after = (delayMs: number) => {
    timer = setTimeout(save, delayMs);
    timer.unref();
  };
  const save = async () => {
    const started = performance.now();
    await persist().catch((error: unknown) => onError?.(error));
    if (!stopped) after(Math.max(intervalMs, SAVE_SHARE * (performance.now() - started)));
  };
  after(intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** What a catch-up does to the engine's projections. */
interface Fold {
  applyPage(page: readonly RecordedEvent[]): void;
  applyCheckpoint(position: number): void;
  persist(): Promise<void>;
  minPosition(): number;
}

/** Reads the log from the least position any projection has folded to, saving now and then and at the end. */
async function catchUpFold(store: EventStore, fold: Fold, options: EngineOptions): Promise<CatchUpReport> {
  const catchUpPersistIntervalMs = options.catchUpPersistIntervalMs ?? 30_000;
  const started = performance.now();
  const from = fold.minPosition();
  const target = await store.headPosition();
  let events = 0;
  let lastSaved = started;
  for await (const page of store.readAll({ after: from, metadata: false, ...(options.categories ? { categories: options.categories } : {}) })) {
    fold.applyPage(page);
    events += page.length;
    options.onProgress?.(fold.minPosition(), target);
    if (performance.now() - lastSaved >= catchUpPersistIntervalMs) {
      await fold.persist();
      lastSaved = performance.now();
    }
  }
  // The read went to the log's end, so past the head captured before it, even when its last
  // records were ones the filter left out (an audit record): a wait for that head is done.
  if (options.categories) fold.applyCheckpoint(target);
  await fold.persist();
  return { events, position: fold.minPosition(), ms: performance.now() - started };
}

/** A projection where its saved state leaves it, or from position 0 when the state is not to be trusted. */
async function loadEntry(states: ProjectionStateStore, projection: AnyProjection, head: number): Promise<Entry> {
  const saved = await states.load(projection.name);
  // A state saved by another version of the fold, with other code lists, or ahead of this log, is not to be trusted.
  const usable = saved && saved.version === projection.version && saved.fingerprint === projection.fingerprint && saved.position <= head;
  const state = usable ? loadState(projection, saved.state) : undefined;
  return usable && state !== undefined
    ? { projection, state, position: saved.position, savedPosition: saved.position }
    : { projection, state: projection.init(), position: 0, savedPosition: -1 };
}

const minPositionOf = (entries: readonly Entry[]) => entries.reduce((min, e) => Math.min(min, e.position), Number.POSITIVE_INFINITY);

/** Folds a page into every projection that has not seen its events, decoded once per projection that reads them. */
function applyPageTo(entries: readonly Entry[], page: readonly RecordedEvent[]): void {
  for (const entry of entries) {
    const { projection } = entry;
    let state = entry.state;
    for (const event of page) {
      if (event.position <= entry.position || !projection.eventTypes.has(event.type)) continue;
      state = projection.apply(state, decodeEvent(event));
    }
    entry.state = state;
    const last = page[page.length - 1];
    if (last && last.position > entry.position) entry.position = last.position;
  }
}

/** One run at a time: a save takes several turns now, and the timer or close may ask for the next meanwhile. */
function oneAtATime(run: () => Promise<void>): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => (last = last.catch(() => undefined).then(run));
}

/**
 * Saves each state folded past the position it was last saved at. A state that can be encoded in steps
 * is, between other work: at a million events the pass register took 170–440 ms to encode at once,
 * every few seconds while writes came in. Its first step copies what it encodes, at this position.
 */
async function persistEntries(states: ProjectionStateStore, entries: readonly Entry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.position === entry.savedPosition) continue;
    const { projection } = entry;
    const position = entry.position;
    const state = projection.serializeInSteps ? await inSlices(projection.serializeInSteps(entry.state)) : projection.serialize(entry.state);
    await states.save({
      name: projection.name,
      version: projection.version,
      ...(projection.fingerprint !== undefined ? { fingerprint: projection.fingerprint } : {}),
      position,
      state,
    });
    entry.savedPosition = position;
  }
}

/** Resolves once the projections reach `position` (released by the engine), or fails after `timeoutMs`. */
function waitForPosition(waiters: Set<{ position: number; resolve: () => void }>, position: number, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const waiter = {
      position,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    };
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      reject(new Error(`projections did not reach position ${position} within ${timeoutMs} ms`));
    }, timeoutMs);
    waiters.add(waiter);
  });
}

const foldsByStore = new WeakMap<EventStore, AsOfFolds>();

/**
 * The state of one projection as the log stood at `asOf`: only events recorded at or before that
 * instant. Computed afresh (from a snapshot of an earlier prefix of the log, see as-of.ts) and never
 * persisted — it answers "as presented then".
 */
export function foldAsOf<S>(store: EventStore, projection: Projection<S>, asOf: Date): Promise<S> {
  return asOfFoldsOf(store).fold(projection, asOf);
}

/** `foldAsOf` with the last log position the state covers. */
export function foldAsOfAt<S>(store: EventStore, projection: Projection<S>, asOf: Date): Promise<{ readonly state: S; readonly position: number }> {
  return asOfFoldsOf(store).foldAt(projection, asOf);
}

/**
 * The as-of folds of a store. The first to name the store's projection states (the engine does, when
 * it opens) has its snapshots kept there, so they survive a restart; otherwise they are kept in memory.
 */
export function asOfFoldsOf(store: EventStore, states?: ProjectionStateStore): AsOfFolds {
  let folds = foldsByStore.get(store);
  if (!folds) {
    folds = asOfFolds(store, states ? { states } : {});
    foldsByStore.set(store, folds);
  }
  return folds;
}
