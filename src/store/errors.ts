import type { ExpectedRevision } from './port.js';

/** Base of the store's typed errors; `code` is what callers switch on. */
export class StoreError extends Error {
  constructor(
    readonly code: 'WRONG_EXPECTED_REVISION' | 'DUPLICATE_EVENT_ID' | 'STORE_UNAVAILABLE' | 'STORE_BUSY' | 'BACKUP_REFUSED' | 'ACCESS_DENIED' | 'BAD_STORE_URL' | 'NO_LOG' | 'STREAM_DELETED' | 'APPEND_TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevisionError extends StoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(
      'WRONG_EXPECTED_REVISION',
      `stream ${streamId}: expected revision ${String(expected)}, but the stream is at ${actual < 0 ? 'no stream' : actual}`,
    );
  }
}

/** An event id that is already recorded for another event (not a retry of the same append). */
export class DuplicateEventIdError extends StoreError {
  constructor(readonly eventId: string, readonly streamId: string) {
    super('DUPLICATE_EVENT_ID', `event id ${eventId} is already recorded elsewhere in the log (appending to ${streamId})`);
  }
}

export class StoreUnavailableError extends StoreError {
  constructor(message: string, cause?: unknown) {
    super('STORE_UNAVAILABLE', message);
    this.cause = cause;
  }
}

/**
 * Another writer held the log's write lock for longer than this writer would wait. Nothing was
 * appended, and the same append may simply be sent again.
 */
export class StoreBusyError extends StoreError {
  readonly retryable = true;
  constructor(readonly waitedMs: number) {
    super('STORE_BUSY', `the log is busy: another process has held its write lock for ${Math.round(waitedMs)} ms; nothing was recorded, try again`);
  }
}

export class BadStoreUrlError extends StoreError {
  constructor(message: string) {
    super('BAD_STORE_URL', message);
  }
}

/** The stream was deleted in the engine (EventStoreDB tombstone): nothing more can be read from it or appended. */
export class StreamDeletedError extends StoreError {
  constructor(readonly streamId: string) {
    super('STREAM_DELETED', `stream ${streamId} is deleted in the store: it can be neither read nor appended to`);
  }
}

/** One append larger than the engine takes at once (EventStoreDB: MaxAppendSize, 1 MiB by default). */
export class AppendTooLargeError extends StoreError {
  constructor(readonly streamId: string, readonly maxBytes: number | undefined) {
    super('APPEND_TOO_LARGE', `appending to ${streamId}: the events are larger than the store takes in one append${maxBytes ? ` (${maxBytes} bytes)` : ''}; split them`);
  }
}

/**
 * No log where the store URL points: a missing file, or a file that holds no events table. A command
 * that only reads refuses it, so a typo in the path is an error, never an empty log that counts zero.
 */
export class NoLogError extends StoreError {
  constructor(readonly location: string, why: string) {
    super('NO_LOG', `no log at ${location}: ${why}; check --store / SAMLOGG_STORE (only import, demo and the server start a new log)`);
  }
}
