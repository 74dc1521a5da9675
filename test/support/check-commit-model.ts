import type { ExpectedRevision } from '../../src/store/port.js';

/**
 * A pure model of the log and of how an append is decided: EventStoreDB's `CheckCommit`
 * (src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs, v24.10.0) as the port promises it
 * on every adapter, with the port's cross-log rule for event ids added.
 *
 * - Every id already in this stream, one after the other, where the request's expected revision
 *   puts them (any/stream_exists: anywhere): a retry, nothing written.
 * - The first id already there but a later one not: refused (CorruptedIdempotency).
 * - An id recorded in another stream: refused (DuplicateEventId).
 * - Otherwise the expected revision decides: exact equal to the current one, no_stream on a missing
 *   stream, stream_exists on an existing one, any: written; else refused (WrongExpectedVersion).
 *
 * What the model leaves out, because the generated histories never reach it: a bounded ANY cache
 * (nothing is evicted in a test this size) and an exact expected revision equal to the current one
 * for ids already written (the server writes duplicates; the recorder never sends that).
 */
export type Decision = { kind: 'write' } | { kind: 'retry' } | { kind: 'refused'; why: 'wrong-expected' | 'corrupted-idempotency' | 'duplicate-id' };

export interface ModelLog {
  /** ids per stream, in revision order. */
  readonly streams: ReadonlyMap<string, readonly string[]>;
  /** ids in global order. */
  readonly all: readonly string[];
  /** id → stream. */
  readonly owner: ReadonlyMap<string, string>;
}

export const emptyLog = (): ModelLog => ({ streams: new Map(), all: [], owner: new Map() });

export function decide(log: ModelLog, streamId: string, ids: readonly string[], expected: ExpectedRevision): Decision {
  const stream = log.streams.get(streamId) ?? [];
  const current = stream.length - 1;
  if (ids.some((id) => (log.owner.get(id) ?? streamId) !== streamId)) return { kind: 'refused', why: 'duplicate-id' };
  const [first] = ids;
  if (first !== undefined && log.owner.get(first) === streamId) {
    const start = typeof expected === 'number' ? expected + 1 : expected === 'no_stream' ? 0 : stream.indexOf(first);
    const inPlace = ids.every((id, n) => stream[start + n] === id);
    if (inPlace && (typeof expected !== 'number' || expected < current) && (expected !== 'no_stream' || current >= 0)) return { kind: 'retry' };
    if (ids.slice(1).some((id) => log.owner.get(id) !== streamId) && stream[start] === first) return { kind: 'refused', why: 'corrupted-idempotency' };
  }
  if (ids.some((id) => log.owner.has(id))) return { kind: 'refused', why: 'wrong-expected' };
  const fits = expected === 'any' || (expected === 'no_stream' ? current === -1 : expected === 'stream_exists' ? current >= 0 : expected === current);
  return fits ? { kind: 'write' } : { kind: 'refused', why: 'wrong-expected' };
}

/** The log after the decision. */
export function apply(log: ModelLog, streamId: string, ids: readonly string[], decision: Decision): ModelLog {
  if (decision.kind !== 'write' || ids.length === 0) return log;
  const streams = new Map(log.streams);
  streams.set(streamId, [...(log.streams.get(streamId) ?? []), ...ids]);
  const owner = new Map(log.owner);
  for (const id of ids) owner.set(id, streamId);
  return { streams, all: [...log.all, ...ids], owner };
}
