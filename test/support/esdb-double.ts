import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';

/**
 * A wire-level test double of EventStoreDB / KurrentDB 24.10 for the tests only: a real
 * @grpc/grpc-js server built from @eventstore/db-client 6.2.1's own generated service definitions,
 * so the client talks to it exactly as to a server. Each behaviour is copied from the server's
 * source at tag v24.10.0 of github.com/kurrent-io/KurrentDB (paths below are under
 * src/EventStore.Core/):
 *
 * - Idempotency and expected revisions: `Services/Storage/ReaderIndex/IndexWriter.cs` `CheckCommit`.
 *   An exact expected revision (or no_stream, -1) below the current one is a retry when every id
 *   sits at the revision it would have had (answered with that write's last revision and position);
 *   the first id elsewhere is WrongExpectedVersion, a later id elsewhere is CorruptedIdempotency
 *   (also WrongExpectedVersion on the wire). expected == current writes again, duplicates included.
 *   `any` and `stream_exists` consult only `_committedEvents`, a bounded cache of recent ids that a
 *   restart or failover empties (`restart()` here). The table of
 *   `EventStore.Core.Tests/ClientAPI/appending_to_implicitly_created_stream.cs` runs against this in
 *   test/integration/esdb-double.test.ts. Empty appends succeed and write nothing.
 * - Append limits and errors: `Services/Transport/Grpc/Streams.Append.cs` (size counted as
 *   `Event.SizeOnDisk` = data + metadata + 2 × type length, over `MaxAppendSize` = 1 MiB from
 *   `Configuration/ClusterVNodeOptions.cs` → maximum-append-size-exceeded; `requires-leader` header),
 *   `Services/Transport/Grpc/RpcExceptions.cs` (not-leader with leader-endpoint-host/port, stream-deleted,
 *   access-denied, timeout as ABORTED, "Trying to read from an invalid position.").
 * - Batch append and features: `Services/Transport/Grpc/Streams.BatchAppend.cs` (correlation ids,
 *   google.rpc.Status errors with WrongExpectedVersion details) and `Services/Transport/Grpc/ServerFeatures.cs`
 *   (lower-cased service and method names); `{ features: false }` is a server that predates them.
 * - $all: `Services/Storage/ReaderIndex/AllReader.cs`. Positions are byte offsets of records in the
 *   transaction file (commit = prepare for implicit transactions), so they have gaps; forwards is
 *   inclusive of a pre-position, backwards exclusive (post-positions); a position that is not a
 *   record boundary is refused. `Services/Storage/EpochManager/EpochManager.cs` writes an epoch record
 *   and a `$epoch-information` event at every start and election, so $all holds system events.
 * - Deletion: a soft delete writes `$metadata` with `$tb` to `$$stream` and hides the stream from
 *   reads until it is appended to again; a tombstone writes `$streamDeleted` and refuses every later
 *   read and append of the stream with stream-deleted (`IndexWriter.cs` `EventNumber.DeletedStream`).
 * - Subscriptions: confirmation, the events after the position, caught-up, then live events;
 *   server-side stream-name / event-type filters (prefixes or a regex). A filtered subscription sends
 *   Checkpoint messages as `Services/Transport/Enumerators/Enumerator.AllSubscriptionFiltered.cs`
 *   does (v24.10): every checkpoint-interval-multiplier × max-search-window considered events (the
 *   window is 32, its ReadBatchSize, without `max`), once at the end of catch-up before CaughtUp,
 *   never behind the last event or checkpoint sent; `Grpc/Streams.Read.cs` maps them to ReadResp.Checkpoint.
 * - A follower (`{ replicaOf: leader }`) shares the leader's log and answers not-leader to calls
 *   with `requires-leader: true` (`Services/VNode/ClusterVNodeController.cs` forwards or refuses).
 * - TLS (`tls: { cert, key }`) and Basic authentication (`users`).
 *
 * What it does not do: links, projections, persistent subscriptions, scavenging, durability.
 *
 * For the tests it counts the events that reads hand out (`stats`), and injects faults (`faults`):
 * a read of $all that breaks after some events, an append whose reply is lost after it was written,
 * errors before an append is written.
 */
const require = createRequire(import.meta.url);
const streamsGrpc = require('@eventstore/db-client/generated/streams_grpc_pb.js');
const streamsPb = require('@eventstore/db-client/generated/streams_pb.js');
const sharedPb = require('@eventstore/db-client/generated/shared_pb.js');
const gossipGrpc = require('@eventstore/db-client/generated/gossip_grpc_pb.js');
const gossipPb = require('@eventstore/db-client/generated/gossip_pb.js');
const featuresGrpc = require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js');
const featuresPb = require('@eventstore/db-client/generated/serverfeatures_pb.js');
const statusPb = require('@eventstore/db-client/generated/status_pb.js');
const anyPb = require('google-protobuf/google/protobuf/any_pb.js');

export interface StoredEvent {
  id: string;
  streamName: string;
  revision: number;
  /** Pre-position of the record (commit = prepare). */
  position: number;
  /** Post-position: where the next record starts. */
  end: number;
  type: string;
  contentType: string;
  createdTicks: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export type DoubleFault = 'unavailable' | 'timeout' | 'deadline' | 'access-denied';

export interface EsdbDoubleOptions {
  /** ServerFeatures and BatchAppend (true, as 24.10); false is an older server with unary Append only. */
  readonly features?: boolean;
  /** A follower of this leader: same log, not-leader for requires-leader calls. */
  readonly replicaOf?: EsdbDouble;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
  /** Basic authentication: user → password. Without, every call is allowed. */
  readonly users?: Readonly<Record<string, string>>;
  readonly maxAppendSize?: number;
  /** Entries in the ANY-idempotency cache (the server sizes it by memory; small here to show eviction). */
  readonly idempotencyCache?: number;
  /**
   * Start with this copy of another double's log (`copyLog()`): the log, its streams, the idempotency
   * cache and the epoch as they stood, so an expensive log is recorded once and each test starts from it afresh.
   */
  readonly startingWith?: EsdbLogCopy;
}

/** A double's log as it stood, to start another double from (opaque). */
export interface EsdbLogCopy {
  readonly [STATE]: Omit<LogState, 'live' | 'members'>;
}

export interface EsdbDouble {
  /** esdb://127.0.0.1:PORT?tls=false (or tls=true with the CA when started with TLS: add tlsCAFile). */
  readonly url: string;
  readonly discoverUrl: string;
  readonly host: string;
  readonly port: number;
  /** Every event in $all order, system events included (for assertions). */
  readonly events: readonly StoredEvent[];
  /** The events outside system streams and the adapter's event-id reservations (`eventid-…`): what samlogg recorded. */
  userEvents(): StoredEvent[];
  readonly stats: { eventsRead: number; streamEventsRead: number; subscriptionEventsSent: number; checkpointsSent: number; reads: number; appends: number; requiresLeader: number; batchAppends: number };
  readonly faults: {
    /** The next `times` reads of $all longer than `after` events hand out `after` events, then fail with UNAVAILABLE. */
    breakReadAll(after: number, times?: number): void;
    /** The next `times` appends (after `skip` that go through) are written, then the reply is lost (UNAVAILABLE); 0 disarms. */
    loseAppendReply(times?: number, skip?: number): void;
    /** The next `times` appends fail before anything is written. */
    failAppends(fault: DoubleFault, times?: number): void;
    /** The next BatchAppend request fails its whole stream (UNAVAILABLE). */
    breakBatchStream(): void;
    /** BatchAppend replies wait this long from now on (0: at once). */
    delayBatchReplies(ms: number): void;
    /** The next `times` subscriptions fail at once. */
    failSubscriptions(fault: DoubleFault | 'invalid-position', times?: number): void;
  };
  /** A restart or a failover: a new epoch, and an empty ANY-idempotency cache. */
  restart(): void;
  /** A copy of the log as it stands, for `startingWith`. */
  copyLog(): EsdbLogCopy;
  /** Ends every live subscription with UNAVAILABLE, as a dropped connection would. */
  dropSubscriptions(): void;
  stop(): Promise<void>;
}

interface LogState {
  log: StoredEvent[];
  streams: Map<string, StoredEvent[]>;
  softDeleted: Map<string, number>;
  /** $tb: revisions below it are hidden from reads (kept after the stream is appended to again). */
  truncated: Map<string, number>;
  tombstoned: Set<string>;
  cache: Map<string, { stream: string; revision: number }>;
  nextPosition: number;
  lastCreated: number;
  live: Set<Subscriber>;
  epoch: number;
  /** Every node of the cluster (the same gossip from each): its port and role. */
  members: Array<{ port: number; leader: boolean }>;
}

interface Subscriber {
  call: grpc.ServerWritableStream<unknown, unknown>;
  /** A live event: sent when the filter lets it through, counted towards the next checkpoint either way. */
  consider: (event: StoredEvent) => void;
}

const STATE = Symbol('esdb-double-state');

/** Copies every collection, so neither double sees the other's later writes (stored events are never changed). */
function copyOfLog(state: Omit<LogState, 'live' | 'members'>): Omit<LogState, 'live' | 'members'> {
  return {
    log: [...state.log],
    streams: new Map([...state.streams].map(([name, events]) => [name, [...events]])),
    softDeleted: new Map(state.softDeleted),
    truncated: new Map(state.truncated),
    tombstoned: new Set(state.tombstoned),
    cache: new Map(state.cache),
    nextPosition: state.nextPosition,
    lastCreated: state.lastCreated,
    epoch: state.epoch,
  };
}
const MIB = 1024 * 1024;
// .NET ticks (100 ns); the client converts from Unix ticks.
const unixTicks = (ms: number) => (BigInt(ms) * 10_000n).toString();
const isSystem = (event: StoredEvent) => event.streamName.startsWith('$') || event.type.startsWith('$');

type Expected = { kind: 'any' } | { kind: 'stream_exists' } | { kind: 'exact'; revision: number };
type Decision =
  | { kind: 'write'; from: number; softDeletedRecreate: boolean }
  | { kind: 'idempotent'; revision: number; position: number }
  | { kind: 'wrong'; current: number }
  | { kind: 'deleted' };

const identifierOf = (name: string) => {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
};

/**
 * The ReadResp of a stored event, built and serialized once per event: an event is read many times
 * (every catch-up, subscription and re-read of a test's log, and by each double started from a copy
 * of it, which shares its stored events), and never changes. grpc-js serializes it with
 * `serializeBinary`, which hands out the same bytes each time, so the wire is what a fresh message
 * would carry; building and encoding each event again was a third of the double's CPU.
 */
const readResponses = new WeakMap<StoredEvent, { serializeBinary(): Uint8Array }>();
function recorded(event: StoredEvent): { serializeBinary(): Uint8Array } {
  const known = readResponses.get(event);
  if (known) return known;
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(event.id);
  record.setId(id);
  record.setStreamIdentifier(identifierOf(event.streamName));
  record.setStreamRevision(String(event.revision));
  record.setPreparePosition(String(event.position));
  record.setCommitPosition(String(event.position));
  record.getMetadataMap().set('type', event.type);
  record.getMetadataMap().set('content-type', event.contentType);
  record.getMetadataMap().set('created', event.createdTicks);
  record.setCustomMetadata(event.customMetadata);
  record.setData(event.data);
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  readEvent.setEvent(record);
  readEvent.setCommitPosition(String(event.position));
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  const bytes: Uint8Array = response.serializeBinary();
  response.serializeBinary = () => bytes;
  readResponses.set(event, response);
  return response;
}

export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const features = options.features ?? true;
  const maxAppendSize = options.maxAppendSize ?? MIB;
  const cacheSize = options.idempotencyCache ?? 10_000;
  const leader = options.replicaOf;
  const state: LogState = leader
    ? ((leader as unknown as Record<symbol, LogState>)[STATE] as LogState)
    : options.startingWith
      ? { ...copyOfLog(options.startingWith[STATE]), live: new Set(), members: [] }
      : { log: [], streams: new Map(), softDeleted: new Map(), truncated: new Map(), tombstoned: new Set(), cache: new Map(), nextPosition: 0, lastCreated: 0, live: new Set(), epoch: -1, members: [] };
  const stats = { eventsRead: 0, streamEventsRead: 0, subscriptionEventsSent: 0, checkpointsSent: 0, reads: 0, appends: 0, requiresLeader: 0, batchAppends: 0 };
  const pending = { breakReadAll: [] as number[], loseAppendReply: 0, loseAfter: 0, failAppends: [] as DoubleFault[], failSubscriptions: [] as Array<DoubleFault | 'invalid-position'>, breakBatchStream: 0, batchReplyDelayMs: 0 };

  const encoder = new TextEncoder();
  const recordSize = (name: string, type: string, data: Uint8Array, metadata: Uint8Array) => 72 + 2 * name.length + 2 * type.length + data.length + metadata.length;

  /** Appends records to the transaction file; the caller has decided they may be written. */
  function write(name: string, from: number, proposed: Array<Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'customMetadata'>>): StoredEvent[] {
    const now = Math.max(Date.now(), state.lastCreated);
    state.lastCreated = now;
    const written = proposed.map((p, n): StoredEvent => {
      const position = state.nextPosition;
      const end = position + recordSize(name, p.type, p.data, p.customMetadata);
      state.nextPosition = end;
      return { ...p, streamName: name, revision: from + n, position, end, createdTicks: unixTicks(now) };
    });
    state.log.push(...written);
    const stream = state.streams.get(name) ?? [];
    stream.push(...written);
    state.streams.set(name, stream);
    for (const event of written) {
      state.cache.set(event.id, { stream: name, revision: event.revision });
      if (state.cache.size > cacheSize) state.cache.delete(state.cache.keys().next().value as string);
    }
    for (const subscriber of state.live) for (const event of written) subscriber.consider(event);
    return written;
  }

  function systemEvent(stream: string, type: string, data: unknown) {
    const current = (state.streams.get(stream)?.length ?? 0);
    write(stream, current, [{ id: crypto.randomUUID(), type, contentType: 'application/json', data: encoder.encode(JSON.stringify(data)), customMetadata: new Uint8Array() }]);
  }

  function newEpoch() {
    // EpochManager.cs: an epoch record (not an event) at the start of the epoch, then $epoch-information.
    state.epoch += 1;
    const epochPosition = state.nextPosition;
    state.nextPosition += 128;
    state.cache.clear();
    systemEvent('$epoch-information', '$epoch-information', { epochNumber: state.epoch, epochPosition, epochId: crypto.randomUUID() });
  }
  if (!leader && !options.startingWith) newEpoch();

  const currentOf = (name: string) => (state.streams.get(name)?.length ?? 0) - 1;

  /** IndexWriter.cs CheckCommit, as described in the header. */
  function checkCommit(name: string, expected: Expected, ids: readonly string[]): Decision {
    if (state.tombstoned.has(name)) return { kind: 'deleted' };
    const stream = state.streams.get(name) ?? [];
    const current = stream.length - 1;
    const softDeleted = state.softDeleted.has(name);
    if (expected.kind === 'stream_exists' && (softDeleted || current < 0)) return { kind: 'wrong', current };
    if (expected.kind !== 'exact') {
      let start = -1;
      let end = -1;
      for (let i = 0; i < ids.length; i += 1) {
        const hit = state.cache.get(ids[i] as string);
        if (hit && hit.stream === name) {
          if (start < 0) start = hit.revision;
          end = hit.revision;
          continue;
        }
        if (start >= 0) return { kind: 'wrong', current };
        return { kind: 'write', from: current + 1, softDeletedRecreate: softDeleted };
      }
      if (start < 0) return { kind: 'write', from: current + 1, softDeletedRecreate: softDeleted };
      return { kind: 'idempotent', revision: end, position: (stream[end] as StoredEvent).position };
    }
    const at = expected.revision;
    if (at < current) {
      let number = at;
      for (let i = 0; i < ids.length; i += 1) {
        number += 1;
        const hit = state.cache.get(ids[i] as string);
        if (hit && hit.stream === name && hit.revision === number) continue;
        if (stream[number]?.id === ids[i]) continue;
        if (i > 0) return { kind: 'wrong', current }; // CorruptedIdempotency
        if (at === -1 && softDeleted) return { kind: 'write', from: current + 1, softDeletedRecreate: true };
        return { kind: 'wrong', current };
      }
      if (ids.length === 0) return { kind: 'wrong', current };
      return { kind: 'idempotent', revision: number, position: (stream[number] as StoredEvent).position };
    }
    if (at > current) return { kind: 'wrong', current };
    return { kind: 'write', from: current + 1, softDeletedRecreate: softDeleted };
  }

  const server = new grpc.Server();
  const streamName = (identifier: { getStreamName_asU8(): Uint8Array }) => Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

  function errorOf(fault: DoubleFault | 'invalid-position' | 'not-leader' | 'stream-deleted' | 'max-append', detail = ''): Partial<grpc.StatusObject> {
    const metadata = new grpc.Metadata();
    switch (fault) {
      case 'unavailable':
        return { code: grpc.status.UNAVAILABLE, details: 'Server Is Not Ready' };
      case 'timeout':
        return { code: grpc.status.ABORTED, details: 'Operation timed out: CommitTimeout' };
      case 'deadline':
        return { code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline Exceeded' };
      case 'access-denied':
        metadata.set('exception', 'access-denied');
        return { code: grpc.status.PERMISSION_DENIED, details: 'Access Denied', metadata };
      case 'invalid-position':
        return { code: grpc.status.INVALID_ARGUMENT, details: 'Trying to read from an invalid position.' };
      case 'not-leader':
        metadata.set('exception', 'not-leader');
        metadata.set('leader-endpoint-host', leader?.host ?? '127.0.0.1');
        metadata.set('leader-endpoint-port', String(leader?.port ?? 0));
        return { code: grpc.status.NOT_FOUND, details: 'Leader info available', metadata };
      case 'stream-deleted':
        metadata.set('exception', 'stream-deleted');
        metadata.set('stream-name', detail);
        return { code: grpc.status.FAILED_PRECONDITION, details: `Event stream '${detail}' is deleted.`, metadata };
      case 'max-append':
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(maxAppendSize));
        return { code: grpc.status.INVALID_ARGUMENT, details: `Maximum Append Size of ${maxAppendSize} Exceeded.`, metadata };
    }
  }

  /** Authentication, then the leader check; answers the call's error or undefined to go on. */
  function gate(metadata: grpc.Metadata): Partial<grpc.StatusObject> | undefined {
    if (options.users) {
      const header = String(metadata.get('authorization')[0] ?? '');
      if (!header) return errorOf('access-denied');
      const [user, ...rest] = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
      if (!user || options.users[user] !== rest.join(':')) return { code: grpc.status.UNAUTHENTICATED, details: 'Bad authentication' };
    }
    if (String(metadata.get('requires-leader')[0] ?? '') === 'true') {
      stats.requiresLeader += 1;
      if (leader) return errorOf('not-leader');
    }
    return undefined;
  }

  interface Proposed {
    getId(): { getString(): string };
    getMetadataMap(): { get(key: string): string };
    getData_asU8(): Uint8Array;
    getCustomMetadata_asU8(): Uint8Array;
  }
  const proposedOf = (message: Proposed) => ({
    id: message.getId().getString(),
    type: message.getMetadataMap().get('type'),
    contentType: message.getMetadataMap().get('content-type'),
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  });

  type Outcome =
    | { kind: 'error'; error: Partial<grpc.StatusObject> }
    | { kind: 'wrong'; current: number; expected: Expected | { kind: 'no_stream' } }
    | { kind: 'success'; revision: number; position: number | undefined };

  /** What both Append and BatchAppend do once the request is read. */
  function decideAndWrite(name: string, expected: Expected, noStream: boolean, proposed: ReturnType<typeof proposedOf>[]): Outcome {
    stats.appends += 1;
    const size = proposed.reduce((sum, p) => sum + p.data.length + p.customMetadata.length + 2 * p.type.length, 0);
    if (size > maxAppendSize) return { kind: 'error', error: errorOf('max-append') };
    const fault = pending.failAppends.shift();
    if (fault) return { kind: 'error', error: errorOf(fault) };
    const decision = checkCommit(name, expected, proposed.map((p) => p.id));
    if (decision.kind === 'deleted') return { kind: 'error', error: errorOf('stream-deleted', name) };
    if (decision.kind === 'wrong') return { kind: 'wrong', current: decision.current, expected: noStream ? { kind: 'no_stream' } : expected };
    let outcome: Outcome;
    if (decision.kind === 'idempotent') outcome = { kind: 'success', revision: decision.revision, position: decision.position };
    else if (proposed.length === 0) outcome = { kind: 'success', revision: currentOf(name), position: undefined };
    else {
      if (decision.softDeletedRecreate) state.softDeleted.delete(name);
      const written = write(name, decision.from, proposed);
      const last = written[written.length - 1] as StoredEvent;
      outcome = { kind: 'success', revision: last.revision, position: last.position };
    }
    if (pending.loseAppendReply > 0 && pending.loseAfter > 0) pending.loseAfter -= 1;
    else if (pending.loseAppendReply > 0) {
      pending.loseAppendReply -= 1;
      return { kind: 'error', error: errorOf('unavailable') };
    }
    return outcome;
  }

  function append(call: grpc.ServerReadableStream<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
    let options: { getStreamIdentifier(): { getStreamName_asU8(): Uint8Array }; hasAny(): boolean; hasNoStream(): boolean; hasStreamExists(): boolean; getRevision(): string } | undefined;
    const proposed: ReturnType<typeof proposedOf>[] = [];
    call.on('data', (request: { hasOptions(): boolean; getOptions(): typeof options; getProposedMessage(): Proposed }) => {
      if (request.hasOptions()) options = request.getOptions();
      else proposed.push(proposedOf(request.getProposedMessage()));
    });
    call.on('end', () => {
      const refused = gate(call.metadata);
      if (refused) return callback(refused);
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'no options' });
      const name = streamName(options.getStreamIdentifier());
      const expected: Expected = options.hasAny() ? { kind: 'any' } : options.hasStreamExists() ? { kind: 'stream_exists' } : { kind: 'exact', revision: options.hasNoStream() ? -1 : Number(options.getRevision()) };
      const outcome = decideAndWrite(name, expected, options.hasNoStream(), proposed);
      if (outcome.kind === 'error') return callback(outcome.error);
      const response = new streamsPb.AppendResp();
      if (outcome.kind === 'wrong') {
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (outcome.current >= 0) wrong.setCurrentRevision(String(outcome.current));
        else wrong.setCurrentNoStream(new sharedPb.Empty());
        if (outcome.expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
        else if (outcome.expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
        else if (outcome.expected.kind === 'any') wrong.setExpectedAny(new sharedPb.Empty());
        else wrong.setExpectedRevision(String(outcome.expected.revision));
        response.setWrongExpectedVersion(wrong);
        return callback(null, response);
      }
      const ok = new streamsPb.AppendResp.Success();
      if (outcome.revision >= 0) ok.setCurrentRevision(String(outcome.revision));
      else ok.setNoStream(new sharedPb.Empty());
      if (outcome.position === undefined) ok.setNoPosition(new sharedPb.Empty());
      else {
        const at = new streamsPb.AppendResp.Position();
        at.setCommitPosition(String(outcome.position));
        at.setPreparePosition(String(outcome.position));
        ok.setPosition(at);
      }
      response.setSuccess(ok);
      callback(null, response);
    });
  }

  /** Streams.BatchAppend.cs: requests gathered by correlation id until is_final, one response each. */
  function batchAppend(call: grpc.ServerDuplexStream<unknown, unknown>) {
    stats.batchAppends += 1;
    const open = new Map<string, { options: { getStreamIdentifier(): { getStreamName_asU8(): Uint8Array }; hasAny(): boolean; hasNoStream(): boolean; hasStreamExists(): boolean; getStreamPosition(): string }; proposed: ReturnType<typeof proposedOf>[] }>();
    call.on('data', (request: { getCorrelationId(): { getString(): string }; hasOptions(): boolean; getOptions(): never; getProposedMessagesList(): Proposed[]; getIsFinal(): boolean }) => {
      if (pending.breakBatchStream > 0) {
        pending.breakBatchStream -= 1;
        call.emit('error', errorOf('unavailable'));
        return;
      }
      const correlation = request.getCorrelationId().getString();
      const entry = open.get(correlation) ?? { options: request.getOptions(), proposed: [] };
      open.set(correlation, entry);
      entry.proposed.push(...request.getProposedMessagesList().map(proposedOf));
      if (!request.getIsFinal()) return;
      open.delete(correlation);
      const response = new streamsPb.BatchAppendResp();
      const id = new sharedPb.UUID();
      id.setString(correlation);
      response.setCorrelationId(id);
      response.setStreamIdentifier(entry.options.getStreamIdentifier());
      const fail = (code: number, message: string, details?: { type: string; bytes: Uint8Array }) => {
        const status = new statusPb.Status();
        status.setCode(code);
        status.setMessage(message);
        if (details) {
          const any = new anyPb.Any();
          any.pack(details.bytes, details.type);
          status.setDetails(any);
        }
        response.setError(status);
        call.write(response);
      };
      const refused = gate(call.metadata);
      if (refused) return fail(refused.code ?? grpc.status.UNKNOWN, refused.details ?? '', refused.code === grpc.status.PERMISSION_DENIED ? { type: 'event_store.client.AccessDenied', bytes: new sharedPb.AccessDenied().serializeBinary() } : undefined);
      const o = entry.options;
      const name = streamName(o.getStreamIdentifier());
      const expected: Expected = o.hasAny() ? { kind: 'any' } : o.hasStreamExists() ? { kind: 'stream_exists' } : { kind: 'exact', revision: o.hasNoStream() ? -1 : Number(o.getStreamPosition()) };
      const outcome = decideAndWrite(name, expected, o.hasNoStream(), entry.proposed);
      if (outcome.kind === 'error') {
        if (outcome.error.code === grpc.status.UNAVAILABLE) {
          call.emit('error', outcome.error);
          return;
        }
        if (outcome.error.metadata?.get('exception')[0] === 'maximum-append-size-exceeded') {
          const details = new sharedPb.MaximumAppendSizeExceeded();
          details.setMaxappendsize(maxAppendSize);
          return fail(grpc.status.INVALID_ARGUMENT, outcome.error.details ?? '', { type: 'event_store.client.MaximumAppendSizeExceeded', bytes: details.serializeBinary() });
        }
        if (outcome.error.metadata?.get('exception')[0] === 'stream-deleted') {
          const details = new sharedPb.StreamDeleted();
          details.setStreamIdentifier(identifierOf(name));
          return fail(grpc.status.FAILED_PRECONDITION, outcome.error.details ?? '', { type: 'event_store.client.StreamDeleted', bytes: details.serializeBinary() });
        }
        return fail(outcome.error.code ?? grpc.status.UNKNOWN, outcome.error.details ?? '', { type: 'event_store.client.Timeout', bytes: new sharedPb.Timeout().serializeBinary() });
      }
      if (outcome.kind === 'wrong') {
        const wrong = new sharedPb.WrongExpectedVersion();
        if (outcome.current >= 0) wrong.setCurrentStreamRevision(String(outcome.current));
        else wrong.setCurrentNoStream(new sharedPb.Empty());
        if (outcome.expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
        else if (outcome.expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
        else if (outcome.expected.kind === 'any') wrong.setExpectedAny(new sharedPb.Empty());
        else wrong.setExpectedStreamPosition(String(outcome.expected.revision));
        return fail(grpc.status.FAILED_PRECONDITION, 'WrongExpectedVersion', { type: 'event_store.client.WrongExpectedVersion', bytes: wrong.serializeBinary() });
      }
      const ok = new streamsPb.BatchAppendResp.Success();
      if (outcome.revision >= 0) ok.setCurrentRevision(String(outcome.revision));
      else ok.setNoStream(new sharedPb.Empty());
      if (outcome.position === undefined) ok.setNoPosition(new sharedPb.Empty());
      else {
        const at = new sharedPb.AllStreamPosition();
        at.setCommitPosition(String(outcome.position));
        at.setPreparePosition(String(outcome.position));
        ok.setPosition(at);
      }
      response.setSuccess(ok);
      if (pending.batchReplyDelayMs > 0) setTimeout(() => call.write(response), pending.batchReplyDelayMs);
      else call.write(response);
    });
    call.on('end', () => call.end());
  }

  interface ReadOptions {
    getReadDirection(): number;
    hasCount(): boolean;
    getCount(): string;
    hasStream(): boolean;
    getStream(): { getStreamIdentifier(): { getStreamName_asU8(): Uint8Array }; hasRevision(): boolean; getRevision(): string; hasEnd(): boolean };
    getAll(): { hasPosition(): boolean; getPosition(): { getCommitPosition(): string; getPreparePosition(): string }; hasEnd(): boolean };
    hasSubscription(): boolean;
    hasFilter(): boolean;
    getFilter(): { hasStreamIdentifier(): boolean; getStreamIdentifier(): Expression; hasEventType(): boolean; getEventType(): Expression; hasMax(): boolean; getMax(): number; getCheckpointintervalmultiplier(): number };
  }
  interface Expression {
    getPrefixList(): string[];
    getRegex(): string;
  }

  function filterOf(options: ReadOptions): (event: StoredEvent) => boolean {
    if (!options.hasFilter()) return () => true;
    const filter = options.getFilter();
    const onStream = filter.hasStreamIdentifier();
    const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
    const prefixes = expression.getPrefixList();
    const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
    return (event) => {
      const value = onStream ? event.streamName : event.type;
      return regex ? regex.test(value) : prefixes.some((prefix) => value.startsWith(prefix));
    };
  }

  /** A position is a record boundary: the start, an event's pre-position, or the end of the log. */
  const isBoundary = (position: number) => position === 0 || position === state.nextPosition || state.log.some((e) => e.position === position || e.end === position);

  function read(call: grpc.ServerWritableStream<{ getOptions(): ReadOptions }, unknown>) {
    const refused = gate(call.metadata);
    if (refused) return call.emit('error', refused);
    const options = call.request.getOptions();
    const backwards = options.getReadDirection() === 1;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const send = (events: readonly StoredEvent[]) => {
      for (const event of events) {
        stats.eventsRead += 1;
        if (options.hasStream()) stats.streamEventsRead += 1;
        call.write(recorded(event));
      }
    };
    if (options.hasStream()) {
      stats.reads += 1;
      const stream = options.getStream();
      const name = streamName(stream.getStreamIdentifier());
      if (state.tombstoned.has(name)) return call.emit('error', errorOf('stream-deleted', name));
      const truncated = state.truncated.get(name) ?? 0;
      const events = (state.streams.get(name) ?? []).filter((e) => e.revision >= truncated);
      if (events.length === 0) {
        const notFound = new streamsPb.ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(stream.getStreamIdentifier());
        const response = new streamsPb.ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        return call.end();
      }
      const last = (events[events.length - 1] as StoredEvent).revision;
      const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() || backwards ? last : 0;
      const chosen = backwards ? events.filter((e) => e.revision <= from).reverse() : stream.hasEnd() ? [] : events.filter((e) => e.revision >= from);
      send(chosen.slice(0, count));
      return call.end();
    }
    const all = options.getAll();
    const at = all.hasPosition() ? { commit: Number(all.getPosition().getCommitPosition()), prepare: Number(all.getPosition().getPreparePosition()) } : undefined;
    if (at && (at.commit !== at.prepare || !isBoundary(at.commit))) return call.emit('error', errorOf('invalid-position'));
    const allowed = filterOf(options);
    if (options.hasSubscription()) {
      const fault = pending.failSubscriptions.shift();
      if (fault) return call.emit('error', errorOf(fault));
      const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(`double-${Math.random().toString(36).slice(2)}`);
      const confirmed = new streamsPb.ReadResp();
      confirmed.setConfirmation(confirmation);
      call.write(confirmed);
      // From a position: the events after it; from the start: all; from the end: none.
      const after = all.hasEnd() ? Number.POSITIVE_INFINITY : at?.commit ?? -1;
      const sendLive = (event: StoredEvent) => {
        stats.subscriptionEventsSent += 1;
        call.write(recorded(event));
      };
      // A filtered subscription checkpoints every multiplier × max-search-window considered events
      // (32 without a window), once more when its catch-up ends, and then as live events are considered.
      const filter = options.hasFilter() ? options.getFilter() : undefined;
      const interval = filter ? Math.max(1, filter.getCheckpointintervalmultiplier()) * (filter.hasMax() ? filter.getMax() : 32) : Number.POSITIVE_INFINITY;
      let considered = 0;
      let lastSent = after;
      const sendCheckpoint = (position: number) => {
        if (position < lastSent || position < 0) return;
        const checkpoint = new streamsPb.ReadResp.Checkpoint();
        checkpoint.setCommitPosition(String(position));
        checkpoint.setPreparePosition(String(position));
        const message = new streamsPb.ReadResp();
        message.setCheckpoint(checkpoint);
        stats.checkpointsSent += 1;
        call.write(message);
        lastSent = position;
      };
      const consider = (event: StoredEvent) => {
        if (allowed(event)) {
          sendLive(event);
          lastSent = event.position;
        }
        considered += 1;
        if (filter && considered >= interval) {
          considered %= interval;
          sendCheckpoint(event.position);
        }
      };
      let scanned = -1;
      for (const event of state.log) {
        if (event.position <= after) continue;
        consider(event);
        scanned = event.position;
      }
      if (filter && scanned >= 0) sendCheckpoint(scanned);
      const caughtUp = new streamsPb.ReadResp();
      caughtUp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
      call.write(caughtUp);
      const subscriber = { call, consider };
      state.live.add(subscriber);
      call.on('cancelled', () => state.live.delete(subscriber));
      call.on('close', () => state.live.delete(subscriber));
      return;
    }
    stats.reads += 1;
    let chosen: StoredEvent[];
    if (backwards) {
      const before = at?.commit ?? state.nextPosition;
      chosen = state.log.filter((e) => e.end <= before && allowed(e)).reverse();
    } else chosen = all.hasEnd() ? [] : state.log.filter((e) => e.position >= (at?.commit ?? 0) && allowed(e));
    chosen = chosen.slice(0, count);
    // A read too short to break part-way leaves the fault for the next one.
    const breakAfter = pending.breakReadAll[0];
    if (breakAfter !== undefined && breakAfter < chosen.length) {
      pending.breakReadAll.shift();
      send(chosen.slice(0, breakAfter));
      // Let the events reach the client before the connection goes.
      setTimeout(() => call.emit('error', errorOf('unavailable')), 20);
      return;
    }
    send(chosen);
    call.end();
  }

  function deleteOrTombstone(hard: boolean) {
    return (call: grpc.ServerUnaryCall<{ getOptions(): { getStreamIdentifier(): { getStreamName_asU8(): Uint8Array }; hasAny(): boolean; hasNoStream(): boolean; hasStreamExists(): boolean; getRevision(): string } }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const refused = gate(call.metadata);
      if (refused) return callback(refused);
      const o = call.request.getOptions();
      const name = streamName(o.getStreamIdentifier());
      if (state.tombstoned.has(name)) return callback(errorOf('stream-deleted', name));
      const current = currentOf(name);
      const ok = o.hasAny() || (o.hasNoStream() ? current === -1 : o.hasStreamExists() ? current >= 0 : Number(o.getRevision()) === current);
      if (!ok) {
        const metadata = new grpc.Metadata();
        metadata.set('exception', 'wrong-expected-version');
        metadata.set('stream-name', name);
        metadata.set('expected-version', o.hasNoStream() ? '-1' : o.getRevision() || '-2');
        if (current >= 0) metadata.set('actual-version', String(current));
        return callback({ code: grpc.status.FAILED_PRECONDITION, details: 'Wrong expected version', metadata });
      }
      if (hard) {
        state.tombstoned.add(name);
        write(name, Number.MAX_SAFE_INTEGER, [{ id: crypto.randomUUID(), type: '$streamDeleted', contentType: 'application/octet-stream', data: new Uint8Array(), customMetadata: new Uint8Array() }]);
        (state.streams.get(name) as StoredEvent[]).pop();
      } else {
        state.softDeleted.set(name, current + 1);
        state.truncated.set(name, current + 1);
        systemEvent(`$$${name}`, '$metadata', { $tb: current + 1 });
      }
      const response = hard ? new streamsPb.TombstoneResp() : new streamsPb.DeleteResp();
      const position = hard ? new streamsPb.TombstoneResp.Position() : new streamsPb.DeleteResp.Position();
      const last = state.log[state.log.length - 1] as StoredEvent;
      position.setCommitPosition(String(last.position));
      position.setPreparePosition(String(last.position));
      response.setPosition(position);
      callback(null, response);
    };
  }

  server.addService(streamsGrpc.StreamsService, {
    append,
    read,
    delete: deleteOrTombstone(false),
    tombstone: deleteOrTombstone(true),
    batchAppend: features ? batchAppend : (call: grpc.ServerDuplexStream<unknown, unknown>) => call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'BatchAppend' }),
  });

  if (features) {
    server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
        const supported = new featuresPb.SupportedMethods();
        supported.setEventStoreServerVersion('24.10.0');
        for (const [method, extra] of [['append', []], ['batchappend', []], ['read', ['all', 'stream', 'position', 'events']], ['delete', []], ['tombstone', []]] as const) {
          const entry = new featuresPb.SupportedMethod();
          entry.setMethodName(method);
          entry.setServiceName('event_store.client.streams.streams');
          entry.setFeaturesList([...extra]);
          supported.addMethods(entry);
        }
        callback(null, supported);
      },
    });
  }

  // Gossip is registered before binding (a started server takes no more services); it names the port once known.
  let port = 0;
  server.addService(gossipGrpc.GossipService, {
    read: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      const members = state.members.map((m, n) => ({ id: n + 1, state: m.leader ? 'LEADER' : 'FOLLOWER', port: m.port }));
      const info = new gossipPb.ClusterInfo();
      info.setMembersList(
        members.map((m) => {
          const member = new gossipPb.MemberInfo();
          const instance = new sharedPb.UUID();
          instance.setString(`00000000-0000-4000-8000-00000000000${m.id}`);
          member.setInstanceId(instance);
          member.setTimeStamp(unixTicks(Date.now()));
          member.setState(gossipPb.MemberInfo.VNodeState[m.state]);
          member.setIsAlive(true);
          const endpoint = new gossipPb.EndPoint();
          endpoint.setAddress('127.0.0.1');
          endpoint.setPort(m.port);
          member.setHttpEndPoint(endpoint);
          return member;
        }),
      );
      callback(null, info);
    },
  });

  const credentials = options.tls ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], false) : grpc.ServerCredentials.createInsecure();
  port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  const tls = options.tls ? 'tls=true' : 'tls=false';
  state.members.push({ port, leader: !leader });

  const double: EsdbDouble & { [STATE]: LogState } = {
    [STATE]: state,
    url: `esdb://${options.tls ? 'localhost' : '127.0.0.1'}:${port}?${tls}`,
    discoverUrl: `esdb+discover://127.0.0.1:${port}?${tls}`,
    host: '127.0.0.1',
    port,
    events: state.log,
    userEvents: () => state.log.filter((e) => !isSystem(e) && !e.streamName.startsWith('eventid-')),
    stats,
    faults: {
      breakReadAll: (after, times = 1) => void pending.breakReadAll.push(...Array.from({ length: times }, () => after)),
      loseAppendReply: (times = 1, skip = 0) => {
        pending.loseAppendReply = times;
        pending.loseAfter = skip;
      },
      failAppends: (fault, times = 1) => void pending.failAppends.push(...Array.from({ length: times }, () => fault)),
      breakBatchStream: () => void (pending.breakBatchStream += 1),
      delayBatchReplies: (ms) => void (pending.batchReplyDelayMs = ms),
      failSubscriptions: (fault, times = 1) => void pending.failSubscriptions.push(...Array.from({ length: times }, () => fault)),
    },
    restart: newEpoch,
    copyLog: () => ({ [STATE]: copyOfLog(state) }),
    dropSubscriptions() {
      for (const subscriber of state.live) subscriber.call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'dropped by the test double' });
      state.live.clear();
    },
    async stop() {
      if (!leader) state.live.clear();
      state.members = state.members.filter((m) => m.port !== port);
      // Calls a client left open (a cancelled read, a subscription) must not hold the test up.
      server.forceShutdown();
    },
  };
  return double;
}
