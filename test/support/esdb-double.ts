import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';

/**
 * A wire-level test double of EventStoreDB for the tests only: a real @grpc/grpc-js server built from
 * the client's own generated service definitions, so @eventstore/db-client talks to it exactly as
 * to a server. It implements what samlogg's adapter uses, with EventStoreDB's semantics:
 *
 * - Streams.Append: expected revision (any / no_stream / stream_exists / exact), wrong-expected-version
 *   returned inside the answer, event-id idempotency (the same ids appended again at the same place
 *   are a success that writes nothing);
 * - Streams.Read: a stream or $all, forwards or backwards, from start / end / a revision / a
 *   position (inclusive), with a count; stream-not-found; catch-up subscriptions to $all (from start
 *   or after a position: a confirmation, the events, caught-up, then live events);
 * - Gossip.Read: one member, itself, the leader (for esdb+discover://).
 *
 * What it does not do, and a real server does: positions are 1, 2, 3 … (commit = prepare) instead of
 * byte offsets in the transaction file; no system streams or events ($-prefixed) are written, so
 * filtering them out is not exercised here; no server-side filters, links, projections, persistent
 * subscriptions, batch append or ServerFeatures (the client then falls back to plain Append, as it
 * does with older servers); no authentication or TLS; nothing survives a restart; idempotency checks
 * the whole stream rather than a cache of recent events. It can drop every open subscription
 * (`dropSubscriptions`) to test resubscription.
 */
const require = createRequire(import.meta.url);
const streamsGrpc = require('@eventstore/db-client/generated/streams_grpc_pb.js');
const streamsPb = require('@eventstore/db-client/generated/streams_pb.js');
const sharedPb = require('@eventstore/db-client/generated/shared_pb.js');
const gossipGrpc = require('@eventstore/db-client/generated/gossip_grpc_pb.js');
const gossipPb = require('@eventstore/db-client/generated/gossip_pb.js');

interface StoredEvent {
  id: string;
  streamName: string;
  revision: number;
  position: number;
  type: string;
  contentType: string;
  createdTicks: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface EsdbDouble {
  /** esdb://127.0.0.1:PORT?tls=false */
  readonly url: string;
  readonly discoverUrl: string;
  /** Every event in global order (for assertions). */
  readonly events: readonly StoredEvent[];
  /** Ends every live subscription with UNAVAILABLE, as a dropped connection would. */
  dropSubscriptions(): void;
  stop(): Promise<void>;
}

// .NET ticks (100 ns) since 0001-01-01 are what the server sends as `created`; the client converts from Unix ticks.
const unixTicks = (ms: number) => (BigInt(ms) * 10_000n).toString();

export async function startEsdbDouble(): Promise<EsdbDouble> {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const live = new Set<{ call: grpc.ServerWritableStream<unknown, unknown>; after: number }>();
  let lastCreated = 0;

  const server = new grpc.Server();

  const streamName = (identifier: { getStreamName_asU8(): Uint8Array }) => Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

  function recorded(event: StoredEvent) {
    const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
    const id = new sharedPb.UUID();
    id.setString(event.id);
    record.setId(id);
    const identifier = new sharedPb.StreamIdentifier();
    identifier.setStreamName(Buffer.from(event.streamName, 'utf8'));
    record.setStreamIdentifier(identifier);
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
    return response;
  }

  function append(call: grpc.ServerReadableStream<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
    let options: { getStreamIdentifier(): { getStreamName_asU8(): Uint8Array }; hasAny(): boolean; hasNoStream(): boolean; hasStreamExists(): boolean; getRevision(): string } | undefined;
    const proposed: Array<{ id: string; type: string; contentType: string; data: Uint8Array; customMetadata: Uint8Array }> = [];
    call.on('data', (request: { hasOptions(): boolean; getOptions(): typeof options; getProposedMessage(): { getId(): { getString(): string }; getMetadataMap(): { get(key: string): string }; getData_asU8(): Uint8Array; getCustomMetadata_asU8(): Uint8Array } }) => {
      if (request.hasOptions()) options = request.getOptions();
      else {
        const message = request.getProposedMessage();
        proposed.push({ id: message.getId().getString(), type: message.getMetadataMap().get('type'), contentType: message.getMetadataMap().get('content-type'), data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() });
      }
    });
    call.on('end', () => {
      if (!options) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'no options' });
      const name = streamName(options.getStreamIdentifier());
      const stream = streams.get(name) ?? [];
      const current = stream.length - 1;
      const response = new streamsPb.AppendResp();
      const success = (revision: number, position: number) => {
        const ok = new streamsPb.AppendResp.Success();
        ok.setCurrentRevision(String(revision));
        const at = new streamsPb.AppendResp.Position();
        at.setCommitPosition(String(position));
        at.setPreparePosition(String(position));
        ok.setPosition(at);
        response.setSuccess(ok);
        callback(null, response);
      };
      // Idempotency: the same ids already written one after another in this stream.
      const first = stream.findIndex((e) => e.id === proposed[0]?.id);
      if (first >= 0 && proposed.every((p, n) => stream[first + n]?.id === p.id)) {
        const last = stream[first + proposed.length - 1] as StoredEvent;
        return success(last.revision, last.position);
      }
      const expectedOk = options.hasAny() || (options.hasNoStream() ? current === -1 : options.hasStreamExists() ? current >= 0 : Number(options.getRevision()) === current);
      if (!expectedOk) {
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (current >= 0) wrong.setCurrentRevision(String(current));
        else wrong.setCurrentNoStream(new sharedPb.Empty());
        if (options.hasNoStream()) wrong.setExpectedNoStream(new sharedPb.Empty());
        else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new sharedPb.Empty());
        else wrong.setExpectedRevision(options.getRevision());
        response.setWrongExpectedVersion(wrong);
        return callback(null, response);
      }
      const now = Math.max(Date.now(), lastCreated);
      lastCreated = now;
      const written = proposed.map((p, n): StoredEvent => ({ ...p, streamName: name, revision: current + 1 + n, position: log.length + 1 + n, createdTicks: unixTicks(now) }));
      log.push(...written);
      streams.set(name, [...stream, ...written]);
      for (const subscriber of live) for (const event of written) if (event.position > subscriber.after) subscriber.call.write(recorded(event));
      const last = written[written.length - 1] as StoredEvent;
      success(last.revision, last.position);
    });
  }

  function read(call: grpc.ServerWritableStream<{ getOptions(): ReadOptions }, unknown>) {
    const options = call.request.getOptions();
    const backwards = options.getReadDirection() === 1;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    if (options.hasStream()) {
      const stream = options.getStream();
      const name = streamName(stream.getStreamIdentifier());
      const events = streams.get(name);
      if (!events) {
        const notFound = new streamsPb.ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(stream.getStreamIdentifier());
        const response = new streamsPb.ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        return call.end();
      }
      const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? events.length - 1 : backwards ? events.length - 1 : 0;
      const chosen = backwards ? events.filter((e) => e.revision <= from).reverse() : events.filter((e) => e.revision >= from);
      for (const event of chosen.slice(0, count)) call.write(recorded(event));
      return call.end();
    }
    const all = options.getAll();
    const position = all.hasPosition() ? Number(all.getPosition().getCommitPosition()) : undefined;
    if (options.hasSubscription()) {
      const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(`double-${Math.random().toString(36).slice(2)}`);
      const confirmed = new streamsPb.ReadResp();
      confirmed.setConfirmation(confirmation);
      call.write(confirmed);
      // A subscription from a position starts after it; from the start, with the first event.
      const after = all.hasEnd() ? log.length : (position ?? 0);
      for (const event of log) if (event.position > after) call.write(recorded(event));
      const subscriber = { call, after: log.length };
      live.add(subscriber);
      call.on('cancelled', () => live.delete(subscriber));
      call.on('close', () => live.delete(subscriber));
      return;
    }
    const start = position ?? (all.hasEnd() || backwards ? log.length : 1);
    const chosen = backwards ? log.filter((e) => e.position <= start).reverse() : log.filter((e) => e.position >= start);
    for (const event of chosen.slice(0, count)) call.write(recorded(event));
    call.end();
  }

  interface ReadOptions {
    getReadDirection(): number;
    hasCount(): boolean;
    getCount(): string;
    hasStream(): boolean;
    getStream(): { getStreamIdentifier(): { getStreamName_asU8(): Uint8Array }; hasRevision(): boolean; getRevision(): string; hasEnd(): boolean };
    getAll(): { hasPosition(): boolean; getPosition(): { getCommitPosition(): string }; hasEnd(): boolean };
    hasSubscription(): boolean;
  }

  server.addService(streamsGrpc.StreamsService, {
    append,
    read,
    delete: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'not in the test double' }),
    tombstone: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.UNIMPLEMENTED, details: 'not in the test double' }),
    batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.emit('error', { code: grpc.status.UNIMPLEMENTED }),
  });

  // Gossip is registered before binding (a started server takes no more services); it names the port once known.
  let port = 0;
  server.addService(gossipGrpc.GossipService, {
    read: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      const member = new gossipPb.MemberInfo();
      const instance = new sharedPb.UUID();
      instance.setString('00000000-0000-4000-8000-000000000001');
      member.setInstanceId(instance);
      member.setTimeStamp(unixTicks(Date.now()));
      member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
      member.setIsAlive(true);
      const endpoint = new gossipPb.EndPoint();
      endpoint.setAddress('127.0.0.1');
      endpoint.setPort(port);
      member.setHttpEndPoint(endpoint);
      const info = new gossipPb.ClusterInfo();
      info.setMembersList([member]);
      callback(null, info);
    },
  });

  port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    discoverUrl: `esdb+discover://127.0.0.1:${port}?tls=false`,
    events: log,
    dropSubscriptions() {
      // Ends each call with UNAVAILABLE, as a node going away would.
      for (const subscriber of live) subscriber.call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'dropped by the test double' });
      live.clear();
    },
    async stop() {
      live.clear();
      // Calls a client left open (a cancelled read, a subscription) must not hold the test up.
      server.forceShutdown();
    },
  };
}
