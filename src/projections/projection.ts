import type { Decoded } from '../domain/event-decoding.js';
import type { RecordedEvent } from '../store/port.js';

/** A recorded event as folds see it: decoded and upcast (domain/event-decoding.ts), so `switch (event.type)` types its data. */
export type ProjectedEvent = Decoded<RecordedEvent>;

/**
 * A projection is data plus pure functions: the engine, not the projection, owns checkpoints and I/O.
 *
 * `apply` is deterministic — its result depends only on (state, event) — but may update the state it is
 * given in place and return it: the engine hands each state to `apply` exactly once and never keeps the
 * old one, so the update cannot be observed, and a log of a million events folds without copying maps.
 */
export interface Projection<S> {
  readonly name: string;
  /** Bump when `apply` changes meaning: a saved state of another version is rebuilt, not trusted. */
  readonly version: number;
  /**
   * For a state that keeps values as codes (indexes into an enum or the reference data): a fingerprint
   * of those lists (fingerprint.ts). A state saved under another fingerprint is rebuilt, not trusted.
   */
  readonly fingerprint?: string;
  /** The event types the projection reads; the engine skips the rest. */
  readonly eventTypes: ReadonlySet<string>;
  init(): S;
  apply(state: S, event: ProjectedEvent): S;
  serialize(state: S): Uint8Array;
  deserialize(bytes: Uint8Array): S;
  /**
   * The same as serialize and deserialize, in steps that each take a few milliseconds (a generator that
   * yields between them), for a state too large to save or load between two requests in one go.
   */
  readonly serializeInSteps?: (state: S) => Generator<void, Uint8Array>;
  readonly deserializeInSteps?: (bytes: Uint8Array) => Generator<void, S>;
}

// Projections of different state types live side by side in one engine.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any>;
