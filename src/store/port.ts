/**
 * The EventStore port: the only way anything above src/store touches the log.
 * It speaks the log's own words (stream, revision, position, expected revision) so that
 * the SQLite and EventStoreDB adapters can stand behind it unchanged.
 */

/** Revision of the last event a writer has seen: a number (0-based) or a condition on the stream. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface NewEvent {
  /** Client-derived UUID: appending the same ids again is a no-op, not a duplicate. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  /** 0-based position of the event inside its stream. */
  readonly revision: number;
  /** Global position in the log: strictly increasing, never reused. */
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** ISO-8601 instant (UTC) the store recorded the event. */
  readonly recordedAt: string;
}

export interface AppendRequest {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the stream's last event after the append. */
  readonly nextRevision: number;
  /** Global position of the last event of this request. */
  readonly position: number;
  /** True when every event was already recorded (an idempotent retry): nothing was written. */
  readonly alreadyRecorded: boolean;
}

export interface ReadAllOptions {
  /** Read events whose position is greater than this (0 = from the start). */
  readonly after?: number;
  /** Upper bound on events per page. */
  readonly pageSize?: number;
  /**
   * False skips reading metadata but for its `schemaVersion` (events then carry `{ schemaVersion }`,
   * or an empty object where none was written): projections fold data, not who sent it, and parsing
   * metadata is a large share of a rebuild; the version says which shape the data has. Default true.
   */
  readonly metadata?: boolean;
  /**
   * The categories the reader folds. A store may leave out other streams (EventStoreDB filters
   * server-side) or hand them over all the same (SQLite). Either way the read goes to the log's end.
   */
  readonly categories?: readonly string[];
}

export interface SubscribeOptions {
  readonly after: number;
  /** Called with each page of new events in global order; the next page waits for the promise. */
  readonly onEvents: (events: readonly RecordedEvent[]) => void | Promise<void>;
  readonly onError?: (error: unknown) => void;
  /**
   * The categories (`pass`, …) the subscriber reads. A store may leave out the streams of other
   * categories (EventStoreDB filters server-side) or hand them over all the same (SQLite): the
   * subscriber skips what it does not read either way.
   */
  readonly categories?: readonly string[];
  /**
   * Called with a position the store has looked at everything up to, every event before it handed
   * over, even when the filter let nothing through: a subscriber waiting for the position of an event
   * the filter left out (an audit record, an id claim) is done there. Never before the events it covers.
   */
  readonly onCheckpoint?: (position: number) => void;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventStore {
  /** The engine behind the port, for messages and the bench: 'sqlite', 'esdb'. */
  readonly kind: string;
  /** Appends to one stream atomically. */
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Appends to several streams. On SQLite the whole batch is one transaction: either every request is
   * recorded or none is. Engines without multi-stream transactions say so in their `atomicBatches`.
   */
  appendBatch(requests: readonly AppendRequest[]): Promise<AppendResult[]>;
  readonly atomicBatches: boolean;
  /** The whole stream in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** The log in global order, page by page. */
  readAll(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  /** Position of the newest event (0 for an empty log). */
  headPosition(): Promise<number>;
  /** Catch-up subscription: everything after `after`, then new events as they are appended. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

/** The category of a stream is the part before the first '-': `pass-…` → `pass`. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

/** A projection's persisted state with the position it reflects (its checkpoint). */
export interface SavedProjection {
  readonly name: string;
  /** The projection's own version: a changed fold invalidates what an older one saved. */
  readonly version: number;
  /** The code lists the state was encoded with (see Projection.fingerprint); absent for a state that keeps none. */
  readonly fingerprint?: string;
  readonly position: number;
  readonly state: Uint8Array;
  readonly savedAt: string;
}

/** Where the projection engine keeps state and checkpoints; a local file even when the log is remote. */
export interface ProjectionStateStore {
  load(name: string): Promise<SavedProjection | undefined>;
  save(saved: Omit<SavedProjection, 'savedAt'>): Promise<void>;
  close(): Promise<void>;
}
