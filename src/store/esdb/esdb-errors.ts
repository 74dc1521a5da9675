import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { AppendTooLargeError, StoreError, StoreUnavailableError, StreamDeletedError } from '../errors.js';

/**
 * What may pass if tried again: no node answers (restarting, network), the node is not the leader
 * (an election; the client reconnects to the leader it names), the server's own commit timeout, and
 * the call's deadline. Retrying an append is safe: the server recognises the same ids at the same place.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof UnavailableError || error instanceof NotLeaderError || error instanceof TimeoutError || error instanceof DeadlineExceededError;
}

const discoveryFailed = (error: unknown) => error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message);

/** The port's error for what the client threw while doing `what` (after `attempts` tries). */
export function esdbStoreError(what: string, error: unknown, attempts: number): unknown {
  if (error instanceof StoreError) return error;
  if (error instanceof AccessDeniedError) return new StoreError('ACCESS_DENIED', `EventStoreDB refused ${what}: access denied (check the user in the connection string)`);
  if (error instanceof ClientStreamDeletedError) return new StreamDeletedError(error.streamName);
  if (error instanceof MaxAppendSizeExceededError) return new AppendTooLargeError(what.replace(/^appending to /, ''), typeof error.maxAppendSize === 'number' ? error.maxAppendSize : undefined);
  if (error instanceof NotLeaderError) return new StoreUnavailableError(`EventStoreDB has no leader to take ${what} (${attempts} attempts; an election may be under way)`, error);
  if (error instanceof TimeoutError) return new StoreUnavailableError(`EventStoreDB timed out ${what} (${attempts} attempts; the write may have been recorded, and a retry with the same ids is safe)`, error);
  if (error instanceof DeadlineExceededError) return new StoreUnavailableError(`EventStoreDB did not answer ${what} in time (${attempts} attempts)`, error);
  if (error instanceof UnavailableError || error instanceof CancelledError) return new StoreUnavailableError(`EventStoreDB is unavailable (${what}, ${attempts} attempts)`, error);
  if (discoveryFailed(error)) return new StoreUnavailableError(`EventStoreDB: no cluster node answered gossip (${what}); check the hosts in the connection string`, error);
  return error;
}
