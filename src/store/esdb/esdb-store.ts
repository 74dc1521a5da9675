import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  CancelledError,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { BadStoreUrlError, DuplicateEventIdError, StoreError, StoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendRequest, AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription } from '../port.js';
import { esdbStoreError, isTransient } from './esdb-errors.js';
import { clientFor, parseEsdbUrl } from './esdb-url.js';

/**
 * The EventStore port on EventStoreDB / KurrentDB, through @eventstore/db-client 6.2.1 (its successor,
 * @kurrent/kurrentdb-client, speaks the same protocol). One node (`esdb://host:2113?tls=true&tlsCAFile=…`)
 * or a cluster by gossip seeds (`esdb://node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=…`).
 *
 * Positions: the port's global position is the event's commit position in $all, a byte offset in the
 * server's transaction file: it increases strictly but with gaps, and stays below 2^53 for any log
 * this project will see (8 PB). $all's system events ($-prefixed streams and types) are skipped.
 *
 * Appends go straight to the server, which decides idempotency itself (IndexWriter.CheckCommit: the
 * same ids at the same place are a success that writes nothing). Nothing is read before an append.
 * An append that reserved some event id itself (see `reserve`) is a new write; after one whose ids
 * were all reserved before (a retry), the stream's last event (one event, backwards) tells a retry
 * from a new write, and on WrongExpectedVersion the last few events tell a retry whose expected
 * revision moved on.
 *
 * Appends use the unary Append call even though 24.10 advertises BatchAppend: client 6.2.1's batch
 * path keeps its pending appends in a module-global map that an error on any client's stream clears,
 * and a reply that arrives afterwards throws in a stream listener (`undefined is not iterable`),
 * which takes the process down. `batchAppend: true` opts in (the tests run the contract both ways).
 *
 * Decision reads (a stream) and appends set `requiresLeader`: a follower may lag, and a decision must
 * see the write model as it is. NotLeader is retried: the client then reconnects to the leader it names.
 *
 * Batches: EventStoreDB has no transaction over several streams, so `atomicBatches` is false and a
 * batch is appended stream by stream, in order; the recorder's retry by commandId makes a batch that
 * stopped half-way safe to send again.
 */
interface EsdbStoreOptions {
  /** Called when a transient failure is retried, so the caller can log it. */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  readonly maxAttempts?: number;
  /** How long a subscription keeps resubscribing through transient failures: long enough for a leader election. */
  readonly subscriptionRetryBudgetMs?: number;
  /** Use the client's BatchAppend path when the server offers it (see the header). Default false. */
  readonly batchAppend?: boolean;
}

const positionOf = (position: number) => ({ commit: BigInt(position), prepare: BigInt(position) });

/** Streams that hold one event id's reservation (see `reserve`): the adapter's own, never handed over. */
const EVENT_ID_CATEGORY = 'eventid';
const RESERVATION_PREFIX = `${EVENT_ID_CATEGORY}-`;

const isSystem = (event: { streamId: string; type: string }) => event.streamId.startsWith('$') || event.type.startsWith('$') || event.streamId.startsWith(RESERVATION_PREFIX);

const RESERVATIONS_AT_ONCE = 64;

/** A server-side filter on stream names: neither `$…` nor `eventid-…`. */
const OWN_STREAMS = streamNameFilter({ regex: `^(?!\\$|${RESERVATION_PREFIX})` });

/**
 * The filter of a subscription: the port's own streams, or only the given categories' (`pass-…`).
 * A filtered subscription is told where the server has looked so far: the server checkpoints every
 * interval × window considered events (Enumerator.AllSubscriptionFiltered.cs) and when its catch-up
 * ends. Live, window 1 makes that every event, so a wait for the position of an audit record or id
 * claim ends when the server has passed it; a catch-up read takes a page-sized window (the server
 * reads that many records per page).
 */
function filterFor(categories: readonly string[] | undefined, checkpointReached: (subscription: { readableLength: number }, position: number) => Promise<void>, maxSearchWindow: number) {
  if (!categories) return { ...OWN_STREAMS, checkpointReached: (s: unknown, p: { commit: bigint }) => checkpointReached(s as { readableLength: number }, Number(p.commit)) };
  return streamNameFilter({
    prefixes: categories.map((category) => `${category}-`),
    maxSearchWindow,
    checkpointInterval: 1,
    checkpointReached: (s, p) => checkpointReached(s as unknown as { readableLength: number }, Number(p.commit)),
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface EsdbEventStore extends EventStore {
  readonly description: string;
  /** The id of the first record of $all (its first epoch): one log's, for as long as its data lives. */
  logId(): Promise<string | undefined>;
}

export function openEsdbStore(url: string, options: EsdbStoreOptions = {}): EsdbEventStore {
  // The client logs the whole connection string it is given (debug 'esdb:connection') and every
  // call's options: the credentials go to its constructor as the default user, never through either.
  const parsed = parseEsdbUrl(url);
  const connection: Connection = { client: clientOf(parsed, options), call: callerOf(options), options };
  const { client, call } = connection;
  const append = (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => appendTo(connection, streamId, events, expected);
  return {
    kind: 'esdb',
    atomicBatches: false,
    description: `esdb:${parsed.withoutCredentials}`,
    append,
    async appendBatch(requests: readonly AppendRequest[]) {
      const results: AppendResult[] = [];
      for (const request of requests) results.push(await append(request.streamId, request.events, request.expectedRevision));
      return results;
    },
    readStream: (streamId: string) => readStreamWith(connection, streamId, { direction: FORWARDS, fromRevision: START }),
    logId: () =>
      call('reading the start of $all', async () => {
        let id: string | undefined;
        for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 1 })) id ??= resolved.event?.id;
        return id;
      }),
    readAll: (readOptions?: ReadAllOptions) => readAll(connection, readOptions),
    headPosition: () => headPosition(connection),
    subscribeToAll: (subscribe: SubscribeOptions) => subscribeToAll(connection, subscribe),
    close: () => client.dispose(),
  };
}

/** What every call on the server shares: the client, the retrying call, the options. */
interface Connection {
  readonly client: EventStoreDBClient;
  call<T>(what: string, work: () => Promise<T>): Promise<T>;
  readonly options: EsdbStoreOptions;
}

function clientOf(parsed: ReturnType<typeof parseEsdbUrl>, options: EsdbStoreOptions): EventStoreDBClient {
  let client: EventStoreDBClient;
  try {
    client = clientFor(parsed.withoutCredentials, parsed.credentials);
  } catch (error) {
    throw new BadStoreUrlError(`store URL: not an EventStoreDB connection string (${(error as Error).message.split('\n')[0]})`);
  }
  if (!options.batchAppend) {
    // The client takes BatchAppend whenever the server lists it; answering "not supported" for that
    // one method keeps every append on the unary path (see the header).
    type Supports = (method: unknown, feature?: string) => Promise<boolean>;
    const withSupports = client as unknown as { supports: Supports };
    const supports = withSupports.supports;
    withSupports.supports = async (method, feature) => (method === StreamsService.batchAppend ? false : supports(method, feature));
  }
  return client;
}

const callOptions = (requiresLeader: boolean) => (requiresLeader ? { requiresLeader: true } : {});

/** Retries what may pass (no leader yet, the node restarting) with backoff; maps the rest to the port's errors. */
function callerOf(options: EsdbStoreOptions): Connection['call'] {
  const maxAttempts = options.maxAttempts ?? 5;
  return async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof StoreError) throw error;
        if (!isTransient(error) || attempt >= maxAttempts) throw esdbStoreError(what, error, attempt);
        const delayMs = Math.min(2_000, 100 * 2 ** (attempt - 1));
        options.onRetry?.(attempt, delayMs, error);
        await delay(delayMs);
      }
    }
  };
}

/** A read without metadata keeps the schema version, which readers upcast by (port.ts). */
function versionOnly(metadata: unknown): Readonly<Record<string, unknown>> {
  const version = (metadata as { schemaVersion?: unknown } | undefined)?.schemaVersion;
  return version === undefined ? {} : { schemaVersion: version };
}

function toRecorded(resolved: ResolvedEvent, metadata = true): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || isSystem(event)) return undefined;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: Number(event.position?.commit ?? resolved.commitPosition ?? 0n),
    type: event.type,
    data: event.data,
    metadata: metadata ? ((event.metadata as Record<string, unknown> | undefined) ?? {}) : versionOnly(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

/** Reads a stream; each attempt starts its own array, so a retried read hands over nothing twice. */
async function readStreamWith({ client, call }: Connection, streamId: string, read: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: typeof START | typeof END | bigint; maxCount?: number }): Promise<RecordedEvent[]> {
  return call(`reading ${streamId}`, async () => {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, { ...read, ...callOptions(true) })) {
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

/** The newest `count` events of a stream, newest first: O(count), whatever the stream's length. */
const lastEvents = (connection: Connection, streamId: string, count: number) => readStreamWith(connection, streamId, { direction: BACKWARDS, fromRevision: END, maxCount: count });

const expectedOf = (expected: ExpectedRevision): AppendExpectedRevision => (expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected === 'stream_exists' ? STREAM_EXISTS : BigInt(expected));

/**
 * Event ids are unique per stream on EventStoreDB, and the port promises them unique across the log:
 * each id is first reserved for its stream in a stream of its own (`eventid-<id>`, expected
 * no_stream). Another stream's reservation there is a DuplicateEventIdError, and nothing is appended.
 * A reservation this stream already holds (a retry, or an append that failed after reserving) lets
 * the append go on. Answers true when this call made some reservation itself: no append before it
 * can have written that id, so the append cannot be a retry.
 */
async function reserve(connection: Connection, streamId: string, events: readonly NewEvent[]): Promise<boolean> {
  // In parallel, a bounded number at a time: a migration's appends carry up to 2,000 events.
  const outcomes: PromiseSettledResult<boolean>[] = [];
  for (let from = 0; from < events.length; from += RESERVATIONS_AT_ONCE) outcomes.push(...(await Promise.allSettled(events.slice(from, from + RESERVATIONS_AT_ONCE).map((e) => reserveOne(connection, streamId, e.id)))));
  const refused = outcomes.find((outcome) => outcome.status === 'rejected');
  if (refused) throw refused.reason;
  return outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value);
}

/** True when this call wrote the reservation; false when the stream already held it; DuplicateEventIdError when another stream does. */
async function reserveOne(connection: Connection, streamId: string, eventId: string): Promise<boolean> {
  const { client, call } = connection;
  // An id of this call's own, kept through its retries: the server answers a retry whose first reply
  // was lost as a success, and any other reservation there as WrongExpectedVersion.
  const id = randomUUID();
  const reservation = `${RESERVATION_PREFIX}${eventId}`;
  try {
    await call(`reserving event id ${eventId}`, () => client.appendToStream(reservation, jsonEvent({ id, type: 'EventIdReserved', data: { streamId } }), { expectedRevision: NO_STREAM, requiresLeader: true }));
    return true;
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  if ((await reservationHolder(connection, reservation)) !== streamId) throw new DuplicateEventIdError(eventId, streamId);
  return false;
}

/** The stream a reservation is for (its first event; the port's reads leave reservations out). */
function reservationHolder({ client, call }: Connection, reservation: string): Promise<unknown> {
  return call(`reading ${reservation}`, async () => {
    let holder: unknown;
    for await (const resolved of client.readStream(reservation, { direction: FORWARDS, fromRevision: START, maxCount: 1, ...callOptions(true) })) holder ??= (resolved.event?.data as { streamId?: unknown } | undefined)?.streamId;
    return holder;
  });
}

async function appendTo(connection: Connection, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    const [last] = await lastEvents(connection, streamId, 1);
    throw new WrongExpectedRevisionError(streamId, expected, last?.revision ?? -1);
  }
  const reservedNow = await reserve(connection, streamId, events);
  const written = await writeEvents(connection, streamId, events, expected);
  if ('retried' in written) return { streamId, nextRevision: written.retried.revision, position: written.retried.position, alreadyRecorded: true };
  const revision = Number(written.result.nextExpectedRevision);
  const position = Number(written.result.position?.commit ?? 0n);
  if (events.length === 0) return { streamId, nextRevision: revision, position: await headPosition(connection), alreadyRecorded: false };
  // An id reserved by this call was never written before: the write is new, its answer the stream's end.
  if (reservedNow) return { streamId, nextRevision: revision, position, alreadyRecorded: false };
  // The server answers a retry with the revision and position of the original write. The stream's
  // newest event tells which: later than that revision, the events were already there.
  const [newest] = await lastEvents(connection, streamId, 1);
  const nextRevision = Math.max(revision, newest?.revision ?? revision);
  return { streamId, nextRevision, position, alreadyRecorded: nextRevision > revision && !written.uncertain };
}

/** The append itself; a retry whose expected revision no longer matches is answered with the stream's newest event, which the request wrote. */
async function writeEvents(connection: Connection, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) {
  const { client, call } = connection;
  const proposed = events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata as Record<string, unknown> }));
  // An attempt whose reply was lost may have written: its retry is then answered as idempotent, and
  // the events were written by this call after all.
  let uncertain = false;
  return call(`appending to ${streamId}`, async () => {
    try {
      return { result: await client.appendToStream(streamId, proposed, { expectedRevision: expectedOf(expected), ...callOptions(true) }), uncertain };
    } catch (error) {
      if (isTransient(error)) uncertain = true;
      throw error;
    }
  }).catch(async (error: unknown) => {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    // A retry whose expected revision no longer matches: the request's ids are the stream's newest events.
    const tail = events.length > 0 ? (await lastEvents(connection, streamId, events.length)).reverse() : [];
    if (tail.length === events.length && events.length > 0 && tail.every((e, n) => e.id === events[n]?.id)) {
      const last = tail[tail.length - 1] as RecordedEvent;
      return { retried: last };
    }
    const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1;
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  });
}

/**
 * A read of some categories only. Client 6.2.1's readAll cannot carry a filter (it always sends
 * NoFilter), so the read is a filtered subscription that ends at the server's first checkpoint at
 * or past the head captured at the start: the server sends one when its catch-up ends.
 */
async function* readCategories(connection: Connection, after: number, categories: readonly string[], pageSize: number): AsyncIterable<readonly RecordedEvent[]> {
  const target = await headPosition(connection);
  if (target <= after) return;
  let queue: RecordedEvent[] = [];
  let done = false;
  let failure: unknown;
  let wakeReader = () => {};
  let wakeWriter = () => {};
  const subscription = subscribeToAll(
    connection,
    {
      after,
      categories,
      onEvents: async (events) => {
        queue.push(...events);
        if (events.some((e) => e.position >= target)) done = true;
        wakeReader();
        // Back-pressure: the server waits while a page is with the reader.
        while (queue.length >= pageSize && !done) await new Promise<void>((resolve) => (wakeWriter = resolve));
      },
      onCheckpoint: (position) => {
        if (position >= target) done = true;
        wakeReader();
      },
      onError: (error) => {
        failure = error;
        wakeReader();
      },
    },
    pageSize,
  );
  try {
    for (;;) {
      if (queue.length === 0 && !done && failure === undefined) await new Promise<void>((resolve) => (wakeReader = resolve));
      if (failure !== undefined) throw failure;
      if (queue.length > 0) {
        const page = queue.slice(0, pageSize);
        queue = queue.slice(pageSize);
        wakeWriter();
        yield page;
      } else if (done) return;
    }
  } finally {
    done = true;
    wakeWriter();
    await subscription.close();
  }
}

async function* readAll(connection: Connection, readOptions: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
  const { client, call } = connection;
  const pageSize = Math.max(1, readOptions.pageSize ?? 1_000);
  if (readOptions.categories) {
    yield* readCategories(connection, readOptions.after ?? 0, readOptions.categories, pageSize);
    return;
  }
  // The last position handed over (or skipped as a system event). A read from a position includes
  // the event there, so it is read again and skipped.
  let after = readOptions.after ?? 0;
  for (;;) {
    const from = after;
    // Everything a page collects lives inside the retried closure: a read that breaks half-way is
    // read again from the same position into a fresh page, never appended to the broken one.
    const { page, newest, fresh } = await call('reading $all', async () => {
      const page: RecordedEvent[] = [];
      let newest = from;
      let fresh = 0;
      for await (const resolved of client.readAll({ fromPosition: from > 0 ? positionOf(from) : START, direction: FORWARDS, maxCount: pageSize + 1, ...callOptions(false) })) {
        const position = Number(resolved.event?.position.commit ?? resolved.commitPosition ?? -1n);
        if (position <= from && from > 0) continue;
        fresh += 1;
        newest = Math.max(newest, position);
        const event = toRecorded(resolved, readOptions.metadata ?? true);
        if (event) page.push(event);
      }
      return { page, newest, fresh };
    });
    if (page.length > 0) yield page;
    after = newest;
    if (fresh < pageSize) return;
  }
}

async function headPosition({ client, call }: Connection): Promise<number> {
  // Backwards from the end, past any system events. Each read is drained to its end: leaving a
  // gRPC read half-consumed keeps the client from closing.
  // The newest record is nearly always the app's own (reservations come before their events), so
  // the first read asks for a few records, and each further one for more.
  let from: { commit: bigint; prepare: bigint } | typeof END = END;
  let page = 4;
  for (;; page = Math.min(page * 4, 1_024)) {
    const source = from;
    const size = page;
    const { found, read, last } = await call('reading the head of $all', async () => {
      let found: number | undefined;
      let read = 0;
      let last: { commit: bigint; prepare: bigint } | undefined;
      for await (const resolved of client.readAll({ fromPosition: source, direction: BACKWARDS, maxCount: size, ...callOptions(false) })) {
        read += 1;
        last = resolved.event?.position ?? last;
        const event = toRecorded(resolved, false);
        if (event && found === undefined) found = event.position;
      }
      return { found, read, last };
    });
    if (found !== undefined) return found;
    if (read < size || !last) return 0;
    from = last;
  }
}

/** A subscription's state between its resubscriptions. */
interface Following {
  closed: boolean;
  checkpoint: number;
  current: { unsubscribe(): Promise<void> } | undefined;
  wake: () => void;
  delivering: boolean;
  attempt: number;
  outageSince: number | undefined;
}

function subscribeToAll(connection: Connection, subscribe: SubscribeOptions, searchWindow = 1): Subscription {
  const state: Following = { closed: false, checkpoint: subscribe.after, current: undefined, wake: () => {}, delivering: false, attempt: 0, outageSince: undefined };
  const fail = (error: unknown) => {
    state.closed = true;
    subscribe.onError?.(error);
  };
  /**
   * The client awaits this before it reads the next message, but the events before the checkpoint
   * may still sit in its buffer or with the consumer: the checkpoint is passed on only once they
   * have been handed over, so a subscriber never skips past an event it has not seen.
   */
  const onCheckpoint = async (subscription: { readableLength: number }, position: number) => {
    while (!state.closed && (state.delivering || subscription.readableLength > 0)) await new Promise((resolve) => setImmediate(resolve));
    if (state.closed || position <= state.checkpoint) return;
    state.checkpoint = position;
    subscribe.onCheckpoint?.(position);
  };
  const run = async (): Promise<void> => {
    while (!state.closed) {
      const failure = await followOnce(connection, state, subscribe, onCheckpoint, searchWindow);
      if (failure) return fail(failure.error);
      if (state.closed) return;
    }
  };
  const loop = run().catch((error: unknown) => fail(error));
  return {
    async close() {
      state.closed = true;
      state.wake();
      await state.current?.unsubscribe().catch(() => undefined);
      await loop;
    },
  };
}

/**
 * One subscription to $all from the checkpoint, handing events over until it ends: a failure to give
 * up on is answered, a transient one waits out its backoff so the caller resubscribes.
 */
async function followOnce(
  connection: Connection,
  state: Following,
  subscribe: SubscribeOptions,
  onCheckpoint: (subscription: { readableLength: number }, position: number) => Promise<void>,
  searchWindow: number,
): Promise<{ error: unknown } | undefined> {
  // The server leaves out what the port never hands over: system streams and id reservations;
  // with categories, everything but their streams (audit, id claims), and sends checkpoints instead.
  const subscription = connection.client.subscribeToAll({ fromPosition: state.checkpoint > 0 ? positionOf(state.checkpoint) : START, filter: filterFor(subscribe.categories, onCheckpoint, searchWindow), ...callOptions(false) });
  state.current = subscription;
  subscription.on('confirmation', () => {
    state.attempt = 0;
    state.outageSince = undefined;
  });
  try {
    for await (const resolved of subscription) {
      if (state.closed) break;
      const event = toRecorded(resolved);
      if (!event || event.position <= state.checkpoint) continue;
      state.delivering = true;
      try {
        await subscribe.onEvents([event]);
      } catch (consumerError) {
        // The consumer's own failure is not the store's to retry.
        await subscription.unsubscribe().catch(() => undefined);
        return { error: consumerError };
      } finally {
        state.delivering = false;
      }
      state.checkpoint = event.position;
    }
    return undefined;
  } catch (error) {
    if (state.closed) return undefined;
    return outage(connection.options, state, error);
  }
}

/** A broken subscription: given up on (answered), or waited out with backoff within the retry budget (undefined). */
async function outage(options: EsdbStoreOptions, state: Following, error: unknown): Promise<{ error: unknown } | undefined> {
  if (!isTransient(error) && !(error instanceof CancelledError)) return { error: esdbStoreError('subscribing to $all', error, state.attempt + 1) };
  state.outageSince ??= Date.now();
  if (Date.now() - state.outageSince > (options.subscriptionRetryBudgetMs ?? 20_000)) {
    return { error: new StoreUnavailableError(`EventStoreDB is unavailable (subscribing to $all, ${state.attempt + 1} attempts over ${Math.round((Date.now() - state.outageSince) / 1000)} s)`, error) };
  }
  state.attempt += 1;
  const delayMs = Math.min(2_000, 100 * 2 ** Math.min(state.attempt - 1, 5));
  // Resubscribe from the checkpoint: the events already handed over are not handed over again.
  options.onRetry?.(state.attempt, delayMs, error);
  await new Promise<void>((resolve) => {
    state.wake = resolve;
    setTimeout(resolve, delayMs);
  });
  return undefined;
}
