import { decodeEvent } from '../domain/event-decoding.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import type { Projection } from './projection.js';

/**
 * Folds "as the log stood at an instant" (the report's "as presented"), without stopping the server:
 *
 * - On SQLite recorded times never go backwards in log order (the store stamps the later of the clock
 *   and the last stamp), so "recorded at or before T" is a prefix of the log and the fold stops at the
 *   first event recorded after T. Other stores are read to the end, filtered.
 * - It yields to the event loop after every page, so other requests are answered meanwhile.
 * - It starts from the newest snapshot of the projection that the instant covers. Snapshots are the
 *   serialized state after a whole prefix of the log, taken as folds pass the spacing, so they follow
 *   the log as it grows; a few are kept, thinned (every other dropped, spacing doubled) when too many.
 * - Identical questions in flight (same projection, same instant) share one fold.
 */

export interface AsOfOptions {
  /** Events between snapshots at first (default 100,000). */
  readonly snapshotEvery?: number;
  /** Snapshots kept per projection (default 6). */
  readonly maxSnapshots?: number;
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
  readonly bytes: Uint8Array;
}

interface Snapshots {
  list: Snapshot[];
  every: number;
}

export interface AsOfFolds {
  fold<S>(projection: Projection<S>, asOf: Date): Promise<S>;
  /** The same fold with the last log position it covers: what a report drawn from it names. */
  foldAt<S>(projection: Projection<S>, asOf: Date): Promise<{ readonly state: S; readonly position: number }>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function asOfFolds(store: EventStore, options: AsOfOptions = {}): AsOfFolds {
  const maxSnapshots = options.maxSnapshots ?? 6;
  const snapshotsOf = new Map<string, Snapshots>();
  const inFlight = new Map<string, Promise<unknown>>();
  const prefixOrdered = store.kind === 'sqlite';

  function keep(projectionName: string, snapshot: Snapshot): void {
    const snapshots = snapshotsOf.get(projectionName) as Snapshots;
    if (snapshots.list.some((s) => s.position === snapshot.position)) return;
    snapshots.list.push(snapshot);
    snapshots.list.sort((a, b) => a.position - b.position);
    if (snapshots.list.length > maxSnapshots) {
      // Keep the newest and every other one before it: the spacing doubles as the log grows.
      const newest = snapshots.list[snapshots.list.length - 1] as Snapshot;
      snapshots.list = snapshots.list.filter((_, i) => i % 2 === 1).filter((s) => s !== newest).concat(newest);
      snapshots.every *= 2;
    }
  }

  async function run<S>(projection: Projection<S>, asOf: Date): Promise<{ state: S; position: number }> {
    const limit = asOf.toISOString();
    let snapshots = snapshotsOf.get(projection.name);
    if (!snapshots) {
      snapshots = { list: [], every: options.snapshotEvery ?? 100_000 };
      snapshotsOf.set(projection.name, snapshots);
    }
    let start: Snapshot | undefined;
    for (const s of snapshots.list) if (s.recordedAt <= limit) start = s;
    let state = start ? projection.deserialize(start.bytes) : projection.init();
    let position = start?.position ?? 0;
    // Every event up to `position` is in the state: it may become a snapshot.
    let wholePrefix = true;
    let latest = start?.recordedAt ?? '';
    let eventsRead = 0;
    let stoppedEarly = false;
    let nextSnapshot = (Math.floor(position / snapshots.every) + 1) * snapshots.every;
    await yieldToEventLoop();
    read: for await (const page of store.readAll({ after: position, metadata: false })) {
      for (const event of page as readonly RecordedEvent[]) {
        if (event.recordedAt > limit) {
          if (prefixOrdered) {
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
          keep(projection.name, { position, recordedAt: latest, bytes: projection.serialize(state) });
          nextSnapshot = (Math.floor(position / snapshots.every) + 1) * snapshots.every;
        }
      }
      await yieldToEventLoop();
    }
    options.onFold?.({ projection: projection.name, fromPosition: start?.position ?? 0, eventsRead, stoppedEarly });
    return { state, position };
  }

  function foldAt<S>(projection: Projection<S>, asOf: Date): Promise<{ state: S; position: number }> {
    const key = `${projection.name}@${asOf.toISOString()}`;
    const running = inFlight.get(key) as Promise<{ state: S; position: number }> | undefined;
    if (running) return running;
    const folding = run(projection, asOf).finally(() => inFlight.delete(key));
    inFlight.set(key, folding);
    return folding;
  }

  return {
    foldAt,
    fold: async (projection, asOf) => (await foldAt(projection, asOf)).state,
  };
}
