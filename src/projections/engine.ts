import { decodeEvent } from '../domain/event-decoding.js';
import type { EventStore, ProjectionStateStore, RecordedEvent, Subscription } from '../store/port.js';
import { asOfFolds, type AsOfFolds } from './as-of.js';
import type { AnyProjection, Projection } from './projection.js';

/**
 * Runs projections over the log in global order: catch-up from each one's persisted checkpoint,
 * rebuild from position 0, and a live subscription that keeps them current. Saved state and the
 * position it reflects are written together, so a restart resumes exactly where the state stands.
 */

export interface CatchUpReport {
  readonly events: number;
  readonly position: number;
  readonly ms: number;
}

export interface EngineOptions {
  /**
   * During a long catch-up, persist this often (by the clock, not by event count: a save writes the
   * whole state, so saving every n events would make a catch-up quadratic), so a crash loses little work.
   */
  readonly catchUpPersistIntervalMs?: number;
  /** While following the log live, persist at most this often. */
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
  const catchUpPersistIntervalMs = options.catchUpPersistIntervalMs ?? 30_000;
  const head = await store.headPosition();
  asOfFoldsOf(store, states);
  const entries: Entry[] = [];
  for (const projection of projections) {
    const saved = await states.load(projection.name);
    // A state saved by another version of the fold, with other code lists, or ahead of this log, is not to be trusted.
    const usable = saved && saved.version === projection.version && saved.fingerprint === projection.fingerprint && saved.position <= head;
    const state = usable ? loadState(projection, saved.state) : undefined;
    entries.push(
      usable && state !== undefined
        ? { projection, state, position: saved.position, savedPosition: saved.position }
        : { projection, state: projection.init(), position: 0, savedPosition: -1 },
    );
  }
  const byProjection = new Map(entries.map((e) => [e.projection, e]));
  const waiters = new Set<{ position: number; resolve: () => void }>();
  let subscription: Subscription | undefined;
  let persistTimer: NodeJS.Timeout | undefined;

  const minPosition = () => entries.reduce((min, e) => Math.min(min, e.position), Number.POSITIVE_INFINITY);

  function applyPage(page: readonly RecordedEvent[]): void {
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
    release();
  }

  /** The store looked at the log up to `position` and handed over every event before it that passed its filter. */
  function applyCheckpoint(position: number): void {
    for (const entry of entries) if (position > entry.position) entry.position = position;
    release();
  }

  function release(): void {
    const reached = minPosition();
    for (const waiter of waiters) {
      if (waiter.position <= reached) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  async function persist(): Promise<void> {
    for (const entry of entries) {
      if (entry.position === entry.savedPosition) continue;
      await states.save({
        name: entry.projection.name,
        version: entry.projection.version,
        ...(entry.projection.fingerprint !== undefined ? { fingerprint: entry.projection.fingerprint } : {}),
        position: entry.position,
        state: entry.projection.serialize(entry.state),
      });
      entry.savedPosition = entry.position;
    }
  }

  async function catchUp(): Promise<CatchUpReport> {
    const started = performance.now();
    const from = minPosition();
    const target = await store.headPosition();
    let events = 0;
    let lastSaved = started;
    for await (const page of store.readAll({ after: from, metadata: false, ...(options.categories ? { categories: options.categories } : {}) })) {
      applyPage(page);
      events += page.length;
      options.onProgress?.(minPosition(), target);
      if (performance.now() - lastSaved >= catchUpPersistIntervalMs) {
        await persist();
        lastSaved = performance.now();
      }
    }
    // The read went to the log's end, so past the head captured before it, even when its last
    // records were ones the filter left out (an audit record): a wait for that head is done.
    if (options.categories) applyCheckpoint(target);
    await persist();
    return { events, position: minPosition(), ms: performance.now() - started };
  }

  return {
    get position() {
      return minPosition();
    },
    state<S>(projection: Projection<S>): S {
      const entry = byProjection.get(projection);
      if (!entry) throw new Error(`projection ${projection.name} is not run by this engine`);
      return entry.state as S;
    },
    catchUp,
    async rebuild() {
      for (const entry of entries) {
        entry.state = entry.projection.init();
        entry.position = 0;
        entry.savedPosition = -1;
      }
      return catchUp();
    },
    follow(onError) {
      if (subscription) return;
      subscription = store.subscribeToAll({
        after: minPosition(),
        onEvents: (page) => applyPage(page),
        // A write's position may be that of an event the filter leaves out (an audit record, an id
        // claim): the store's checkpoints carry the engine there, so waitFor does not hang on it.
        onCheckpoint: applyCheckpoint,
        ...(options.categories ? { categories: options.categories } : {}),
        ...(onError ? { onError } : {}),
      });
      persistTimer = setInterval(() => void persist().catch(onError), options.persistIntervalMs ?? 5000);
      persistTimer.unref();
    },
    waitFor(position, timeoutMs = 5000) {
      if (minPosition() >= position) return Promise.resolve();
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
    },
    async close() {
      if (persistTimer) clearInterval(persistTimer);
      await subscription?.close();
      await persist();
    },
  };
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
