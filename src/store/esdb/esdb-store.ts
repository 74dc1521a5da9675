import {
  AccessDeniedError,
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { BadStoreUrlError, StoreError, StoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendRequest, AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../port.js';

/**
 * The EventStore port on EventStoreDB / KurrentDB, through @eventstore/db-client (its successor,
 * @kurrent/kurrentdb-client, speaks the same protocol). One node (`esdb://host:2113?tls=false`) or a
 * cluster (`esdb+discover://…`).
 *
 * Positions: the port's global position is the event's commit position in $all. It is a byte offset
 * in the server's log, so it increases strictly but not by one, and stays below 2^53 for any log this
 * project will see (8 PB). Reading $all skips system events ($-prefixed streams and types).
 *
 * Batches: EventStoreDB has no transaction over several streams, so `atomicBatches` is false and a
 * batch is appended stream by stream, in order; the recorder's retry by commandId makes a batch that
 * stopped half-way safe to send again.
 */
export interface EsdbStoreOptions {
  /** Called when a transient failure is retried, so the caller can log it. */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  readonly maxAttempts?: number;
}

const positionOf = (position: number) => ({ commit: BigInt(position), prepare: BigInt(position) });

const isSystem = (event: { streamId: string; type: string }) => event.streamId.startsWith('$') || event.type.startsWith('$');

export function openEsdbStore(url: string, options: EsdbStoreOptions = {}): EventStore & { readonly description: string } {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(url);
  } catch (error) {
    throw new BadStoreUrlError(`store URL: not an EventStoreDB connection string (${(error as Error).message.split('\n')[0]})`);
  }
  const maxAttempts = options.maxAttempts ?? 5;

  /** Retries what may pass (no leader yet, the node restarting) with backoff; maps the rest to the port's errors. */
  async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof StoreError) throw error;
        if (error instanceof AccessDeniedError) throw new StoreError('ACCESS_DENIED', `EventStoreDB refused ${what}: access denied (check the user in the connection string)`);
        const transient = error instanceof UnavailableError || error instanceof NotLeaderError;
        if (!transient || attempt >= maxAttempts) {
          if (transient) throw new StoreUnavailableError(`EventStoreDB is unavailable (${what}, ${attempt} attempts)`, error);
          throw error;
        }
        const delayMs = Math.min(2_000, 100 * 2 ** (attempt - 1));
        options.onRetry?.(attempt, delayMs, error);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  const toRecorded = (resolved: ResolvedEvent, metadata = true): RecordedEvent | undefined => {
    const event = resolved.event;
    if (!event || isSystem(event)) return undefined;
    return {
      id: event.id,
      streamId: event.streamId,
      revision: Number(event.revision),
      position: Number(event.position?.commit ?? resolved.commitPosition ?? 0n),
      type: event.type,
      data: event.data,
      metadata: metadata ? ((event.metadata as Record<string, unknown> | undefined) ?? {}) : {},
      recordedAt: event.created.toISOString(),
    };
  };

  async function readStream(streamId: string): Promise<RecordedEvent[]> {
    return call(`reading ${streamId}`, async () => {
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of client.readStream(streamId, { direction: FORWARDS, fromRevision: START })) {
          const event = toRecorded(resolved);
          if (event) events.push(event);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    });
  }

  const expectedOf = (expected: ExpectedRevision): AppendExpectedRevision => (expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected === 'stream_exists' ? STREAM_EXISTS : BigInt(expected));

  async function append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // The same ids already in the stream: a retry. EventStoreDB would accept it too; answering here
    // keeps the port's promise of the original position and says no new event was written.
    const existing = await readStream(streamId);
    const byId = new Map(existing.map((e) => [e.id, e]));
    if (events.length > 0 && events.every((e) => byId.has(e.id))) {
      const last = byId.get((events[events.length - 1] as NewEvent).id) as RecordedEvent;
      return { streamId, nextRevision: existing.length - 1, position: last.position, alreadyRecorded: true };
    }
    if (typeof expected === 'number' && expected < 0) throw new WrongExpectedRevisionError(streamId, expected, existing.length - 1);
    return call(`appending to ${streamId}`, async () => {
      try {
        const result = await client.appendToStream(
          streamId,
          events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata as Record<string, unknown> })),
          { expectedRevision: expectedOf(expected) },
        );
        return { streamId, nextRevision: Number(result.nextExpectedRevision), position: Number(result.position?.commit ?? 0n), alreadyRecorded: false };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1;
          throw new WrongExpectedRevisionError(streamId, expected, actual);
        }
        throw error;
      }
    });
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const pageSize = Math.max(1, readOptions.pageSize ?? 1_000);
    // The last position handed over: a read from a position includes that position, so it is skipped.
    let cursor = readOptions.after ?? 0;
    let from: { commit: bigint; prepare: bigint } | typeof START = cursor > 0 ? positionOf(cursor) : START;
    for (;;) {
      const page: RecordedEvent[] = [];
      let last: { commit: bigint; prepare: bigint } | undefined;
      let read = 0;
      const source = from;
      await call('reading $all', async () => {
        for await (const resolved of client.readAll({ fromPosition: source, direction: FORWARDS, maxCount: pageSize + 1 })) {
          read += 1;
          last = resolved.event?.position ?? last;
          const event = toRecorded(resolved, readOptions.metadata ?? true);
          if (event && event.position > cursor && page.length < pageSize) page.push(event);
        }
      });
      if (page.length > 0) {
        yield page;
        cursor = (page[page.length - 1] as RecordedEvent).position;
      }
      if (read <= 1 || !last) return;
      from = page.length > 0 ? positionOf(cursor) : last;
    }
  }

  async function headPosition(): Promise<number> {
    // Backwards from the end, past any system events. Each read is drained to its end: leaving a
    // gRPC read half-consumed keeps the client from closing.
    let from: { commit: bigint; prepare: bigint } | typeof END = END;
    const page = 256;
    for (;;) {
      let found: number | undefined;
      let read = 0;
      let last: { commit: bigint; prepare: bigint } | undefined;
      const source = from;
      await call('reading the head of $all', async () => {
        for await (const resolved of client.readAll({ fromPosition: source, direction: BACKWARDS, maxCount: page })) {
          read += 1;
          last = resolved.event?.position ?? last;
          const event = toRecorded(resolved, false);
          if (event && found === undefined) found = event.position;
        }
      });
      if (found !== undefined) return found;
      if (read < page || !last) return 0;
      from = last;
    }
  }

  function subscribeToAll(subscribe: SubscribeOptions): Subscription {
    let closed = false;
    let checkpoint = subscribe.after;
    let current: { unsubscribe(): Promise<void> } | undefined;
    let attempt = 0;
    const run = async (): Promise<void> => {
      while (!closed) {
        const subscription = client.subscribeToAll({ fromPosition: checkpoint > 0 ? positionOf(checkpoint) : START });
        current = subscription;
        try {
          for await (const resolved of subscription) {
            attempt = 0;
            const event = toRecorded(resolved);
            if (!event || event.position <= checkpoint) continue;
            await subscribe.onEvents([event]);
            checkpoint = event.position;
          }
          if (closed) return;
        } catch (error) {
          if (closed) return;
          attempt += 1;
          const delayMs = Math.min(5_000, 100 * 2 ** Math.min(attempt, 6));
          // Resubscribe from the checkpoint: the events already handed over are not handed over again.
          options.onRetry?.(attempt, delayMs, error);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
      }
    };
    void run().catch((error: unknown) => subscribe.onError?.(error));
    return {
      async close() {
        closed = true;
        await current?.unsubscribe().catch(() => undefined);
      },
    };
  }

  return {
    kind: 'esdb',
    atomicBatches: false,
    description: `esdb:${url.replace(/\/\/[^@/]*@/, '//***@')}`,
    append,
    async appendBatch(requests: readonly AppendRequest[]) {
      const results: AppendResult[] = [];
      for (const request of requests) results.push(await append(request.streamId, request.events, request.expectedRevision));
      return results;
    },
    readStream,
    readAll,
    headPosition,
    subscribeToAll,
    close: () => client.dispose(),
  };
}
