import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANY, BACKWARDS, END, EventStoreDBClient, FORWARDS, jsonEvent, NO_STREAM, NotLeaderError, START, streamNameFilter, WrongExpectedVersionError, type AppendExpectedRevision } from '@eventstore/db-client';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { AppendTooLargeError, BadStoreUrlError, StoreError, StoreUnavailableError, StreamDeletedError } from '../../src/store/errors.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double.js';
import { event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';

/**
 * The double against the server's own expectations (through the real client), and the adapter's
 * behaviour where it used to fail: a retried $all page, reads before appends, subscription errors,
 * leader and failover, error mapping.
 */
const waitFor = async (done: () => boolean, ms = 5_000) => {
  for (let waited = 0; !done() && waited < ms; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('esdb double: the server’s idempotency table (appending_to_implicitly_created_stream.cs, through @eventstore/db-client)', function () {
  this.timeout(30_000);
  let double: EsdbDouble;
  let client: EventStoreDBClient;
  before(async () => {
    double = await startEsdbDouble();
    client = EventStoreDBClient.connectionString(double.url);
  });
  after(async () => {
    await client.dispose();
    await double.stop();
  });

  const ids = (n: number) => Array.from({ length: n }, () => jsonEvent({ id: randomUUID(), type: 'TestEvent', data: { n } }));
  const count = async (stream: string) => {
    let n = 0;
    for await (const _ of client.readStream(stream)) n += 1;
    return n;
  };
  /** StreamWriter(store, stream, -1).Append(events): one event at a time, each at the revision before it. */
  const oneByOne = async (stream: string, events: ReturnType<typeof ids>) => {
    for (const [n, e] of events.entries()) await client.appendToStream(stream, e, { expectedRevision: n === 0 ? NO_STREAM : BigInt(n - 1) });
  };
  const rev = (n: number | 'any'): AppendExpectedRevision => (n === 'any' ? ANY : n === -1 ? NO_STREAM : BigInt(n));
  type Row = { name: string; events: number; together?: boolean; then: Array<{ index: number | 'new'; at: number | 'any' }>; total?: number; wrong?: true };
  const rows: Row[] = [
    { name: '0em1_1e0_2e1_3e2_4e3_5e4_0em1_idempotent', events: 6, then: [{ index: 0, at: -1 }], total: 6 },
    { name: '0em1_1e0_2e1_3e2_4e3_4e4_0any_idempotent', events: 6, then: [{ index: 0, at: 'any' }], total: 6 },
    { name: '0em1_1e0_2e1_3e2_4e3_5e4_0e5_non_idempotent', events: 6, then: [{ index: 0, at: 5 }], total: 7 },
    { name: '0em1_1e0_2e1_3e2_4e3_5e4_0e6_wev', events: 6, then: [{ index: 0, at: 6 }], wrong: true },
    { name: '0em1_1e0_2e1_3e2_4e3_5e4_0e4_wev', events: 6, then: [{ index: 0, at: 4 }], wrong: true },
    { name: '0em1_0e0_non_idempotent', events: 1, then: [{ index: 0, at: 0 }], total: 2 },
    { name: '0em1_0any_idempotent', events: 1, then: [{ index: 0, at: 'any' }], total: 1 },
    { name: '0em1_0em1_idempotent', events: 1, then: [{ index: 0, at: -1 }], total: 1 },
    { name: '0em1_1e0_2e1_1any_1any_idempotent', events: 3, then: [{ index: 1, at: 'any' }, { index: 1, at: 'any' }], total: 3 },
    { name: 'S_0em1_1em1_E_S_0em1_E_idempotent', events: 2, together: true, then: [{ index: 0, at: -1 }], total: 2 },
    { name: 'S_0em1_1em1_E_S_0any_E_idempotent', events: 2, together: true, then: [{ index: 0, at: 'any' }], total: 2 },
    { name: 'S_0em1_1em1_E_S_1e0_E_idempotent', events: 2, together: true, then: [{ index: 1, at: 0 }], total: 2 },
    { name: 'S_0em1_1em1_E_S_1any_E_idempotent', events: 2, together: true, then: [{ index: 1, at: 'any' }], total: 2 },
  ];
  for (const row of rows) {
    it(`esdb double: sequence_${row.name}`, async () => {
      const stream = `table-${row.name}-${randomUUID()}`;
      const events = ids(row.events);
      if (row.together) await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
      else await oneByOne(stream, events);
      for (const step of row.then) {
        const attempt = client.appendToStream(stream, step.index === 'new' ? ids(1) : (events[step.index] as (typeof events)[number]), { expectedRevision: rev(step.at) });
        if (row.wrong) {
          await attempt.then(
            () => expect.fail('WrongExpectedVersion expected'),
            (error: unknown) => expect(error).to.be.instanceOf(WrongExpectedVersionError),
          );
        } else await attempt;
      }
      if (row.total !== undefined) expect(await count(stream)).to.equal(row.total);
    });
  }

  it('esdb double: sequence_S_0em1_1em1_E_S_0em1_1em1_2em1_E_idempotancy_fail', async () => {
    const stream = `table-fail-${randomUUID()}`;
    const events = ids(2);
    await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    await client.appendToStream(stream, [...events, ...ids(1)], { expectedRevision: NO_STREAM }).then(
      () => expect.fail('corrupted idempotency must be WrongExpectedVersion'),
      (error: unknown) => expect(error).to.be.instanceOf(WrongExpectedVersionError),
    );
    expect(await count(stream)).to.equal(2);
  });

  it('esdb double: a retry below the current revision answers with the original write’s revision and position', async () => {
    const stream = `table-original-${randomUUID()}`;
    const events = ids(2);
    const first = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    await client.appendToStream(stream, ids(1), { expectedRevision: 1n });
    const again = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect(again.nextExpectedRevision).to.equal(1n);
    expect(again.position).to.deep.equal(first.position);
  });

  it('esdb double: after a restart the ANY cache is empty, so an ANY retry is written again (a stream-exact retry is still recognised)', async () => {
    const stream = `table-restart-${randomUUID()}`;
    const events = ids(1);
    await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    double.restart();
    await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect(await count(stream)).to.equal(1);
    await client.appendToStream(stream, events, { expectedRevision: ANY });
    expect(await count(stream)).to.equal(2);
  });
});

describe('esdb double: positions, reads and limits as the server has them', function () {
  this.timeout(30_000);
  let double: EsdbDouble;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    double = await startEsdbDouble();
    client = EventStoreDBClient.connectionString(double.url);
  });
  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  it('esdb double: $all starts with $epoch-information, positions are byte offsets with gaps, and the adapter skips system events', async () => {
    expect(double.events[0]?.streamName).to.equal('$epoch-information');
    const store = openEsdbStore(double.url);
    try {
      await store.append('pass-gap', [event('A'), event('B')], 'no_stream');
      const [a, b] = await store.readStream('pass-gap');
      expect((b as RecordedEvent).position - (a as RecordedEvent).position).to.be.greaterThan(1);
      expect((a as RecordedEvent).position).to.be.greaterThan(0);
      const all: RecordedEvent[] = [];
      for await (const page of store.readAll()) all.push(...page);
      expect(all.map((e) => e.type)).to.deep.equal(['A', 'B']);
      expect(await store.headPosition()).to.equal((b as RecordedEvent).position);
    } finally {
      await store.close();
    }
  });

  it('esdb double: backwards from a position excludes it, forwards from END is empty, a position inside a record is InvalidPosition', async () => {
    await client.appendToStream('pass-read', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })], { expectedRevision: NO_STREAM });
    const types = async (read: AsyncIterable<{ event?: { type: string } }>) => {
      const seen: string[] = [];
      for await (const resolved of read) seen.push(resolved.event?.type ?? '');
      return seen;
    };
    const b = double.events[double.events.length - 1];
    const at = { commit: BigInt(b?.position ?? 0), prepare: BigInt(b?.position ?? 0) };
    expect(await types(client.readAll({ fromPosition: at, direction: BACKWARDS }))).to.deep.equal(['A', '$epoch-information']);
    expect(await types(client.readAll({ fromPosition: at, direction: FORWARDS }))).to.deep.equal(['B']);
    expect(await types(client.readAll({ fromPosition: END, direction: FORWARDS }))).to.deep.equal([]);
    expect(await types(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }))).to.deep.equal(['B']);
    const inside = { commit: at.commit + 3n, prepare: at.commit + 3n };
    await types(client.readAll({ fromPosition: inside })).then(
      () => expect.fail('a position inside a record must be refused'),
      (error: Error) => expect(error.message).to.match(/invalid position/),
    );
  });

  it('esdb double: a subscription confirms, catches up, says caught-up, then goes live; a stream-name filter is applied by the server', async () => {
    await client.appendToStream('pass-f1', jsonEvent({ type: 'A', data: {} }));
    await client.appendToStream('audit-f1', jsonEvent({ type: 'Audit', data: {} }));
    const seen: string[] = [];
    let caughtUpAfter = -1;
    const subscription = client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: ['pass-'] }) });
    subscription.on('caughtUp', () => {
      caughtUpAfter = seen.length;
    });
    subscription.on('data', (resolved: { event?: { type: string } }) => seen.push(resolved.event?.type ?? ''));
    await waitFor(() => caughtUpAfter >= 0);
    await client.appendToStream('pass-f2', jsonEvent({ type: 'B', data: {} }));
    await client.appendToStream('audit-f2', jsonEvent({ type: 'Audit', data: {} }));
    await waitFor(() => seen.length >= 2);
    await subscription.unsubscribe();
    expect(caughtUpAfter).to.equal(1);
    expect(seen).to.deep.equal(['A', 'B']);
  });

  it('esdb: an empty append succeeds and writes nothing; a tombstoned stream is refused with the port’s StreamDeletedError', async () => {
    const store = openEsdbStore(double.url, { maxAttempts: 1 });
    try {
      await store.append('pass-t', [event('A')], 'no_stream');
      const before = double.events.length;
      const empty = await store.append('pass-t', [], 0);
      expect(empty).to.deep.include({ nextRevision: 0, alreadyRecorded: false });
      expect(double.events.length).to.equal(before);
      await client.tombstoneStream('pass-t');
      await store.append('pass-t', [event('B')], 'any').then(
        () => expect.fail('a tombstoned stream takes no more events'),
        (error: unknown) => expect(error).to.be.instanceOf(StreamDeletedError),
      );
      await store.readStream('pass-t').then(
        () => expect.fail('a tombstoned stream cannot be read'),
        (error: unknown) => expect(error).to.be.instanceOf(StreamDeletedError),
      );
      // A soft delete hides the stream until it is appended to again, and the revisions go on.
      await store.append('pass-soft', [event('A')], 'no_stream');
      await client.deleteStream('pass-soft');
      expect(await store.readStream('pass-soft')).to.deep.equal([]);
      await store.append('pass-soft', [event('B')], 'no_stream');
      expect((await store.readStream('pass-soft')).map((e) => [e.type, e.revision])).to.deep.equal([['B', 1]]);
    } finally {
      await store.close();
    }
  });

  it('esdb: an append over the 1 MiB MaxAppendSize is refused with AppendTooLargeError, appending nothing', async () => {
    const store = openEsdbStore(double.url);
    try {
      const big = 'x'.repeat(300 * 1024);
      const before = double.userEvents().length;
      await store.append('audit-2022-05-01', [0, 1, 2, 3].map(() => event('QueryAudited', { big })), 'any').then(
        () => expect.fail('over 1 MiB must be refused'),
        (error: unknown) => {
          expect(error).to.be.instanceOf(AppendTooLargeError);
          expect((error as AppendTooLargeError).code).to.equal('APPEND_TOO_LARGE');
        },
      );
      expect(double.userEvents().length).to.equal(before);
    } finally {
      await store.close();
    }
  });
});

describe('esdb adapter: where it used to fail', function () {
  this.timeout(60_000);
  let double: EsdbDouble;
  beforeEach(async () => {
    double = await startEsdbDouble();
  });
  afterEach(async () => double.stop());

  it('esdb: a $all read that breaks mid-page is read again from the page’s start, handing over each event once', async () => {
    const retries: number[] = [];
    const store = openEsdbStore(double.url, { onRetry: (attempt) => retries.push(attempt) });
    try {
      for (let i = 0; i < 12; i += 1) await store.append(`pass-p${i % 3}`, [event('E', { i })], 'any');
      double.faults.breakReadAll(3);
      double.faults.breakReadAll(1);
      const seen: number[] = [];
      for await (const page of store.readAll({ pageSize: 5 })) seen.push(...page.map((e) => (e.data as { i: number }).i));
      expect(seen).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(retries.length).to.equal(2);
    } finally {
      await store.close();
    }
  });

  it('esdb: an append reads O(1) events whatever the stream’s length, and none before appending', async () => {
    const store = openEsdbStore(double.url);
    try {
      const readsPerAppend = async (n: number) => {
        const before = double.stats.eventsRead;
        for (let i = 0; i < n; i += 1) await store.append('audit-2022-05-01', [event('QueryAudited', { i })], 'any');
        return (double.stats.eventsRead - before) / n;
      };
      const early = await readsPerAppend(20);
      for (let i = 0; i < 400; i += 25) await store.append('audit-2022-05-01', Array.from({ length: 25 }, () => event('QueryAudited')), 'any');
      const late = await readsPerAppend(20);
      expect(early).to.be.at.most(1);
      expect(late).to.equal(early);
    } finally {
      await store.close();
    }
  });

  it('esdb: an append whose reply was lost is retried and recorded once', async () => {
    const store = openEsdbStore(double.url, { onRetry: () => {} });
    try {
      await store.append('pass-lost', [event('A')], 'no_stream');
      double.faults.loseAppendReply();
      const result = await store.append('pass-lost', [event('B'), event('C')], 0);
      expect(result).to.deep.include({ nextRevision: 2, alreadyRecorded: false });
      expect((await store.readStream('pass-lost')).map((e) => e.type)).to.deep.equal(['A', 'B', 'C']);
    } finally {
      await store.close();
    }
  });

  it('esdb: a subscription passes the consumer’s own error to onError and stops, without retrying', async () => {
    const retries: number[] = [];
    const store = openEsdbStore(double.url, { onRetry: (attempt) => retries.push(attempt) });
    await store.append('pass-c', [event('A'), event('B')], 'no_stream');
    const errors: unknown[] = [];
    let calls = 0;
    const subscription = store.subscribeToAll({
      after: 0,
      onEvents: () => {
        calls += 1;
        throw new Error('the projection failed');
      },
      onError: (error) => errors.push(error),
    });
    try {
      await waitFor(() => errors.length > 0);
      expect((errors[0] as Error).message).to.equal('the projection failed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).to.equal(1);
      expect(retries).to.deep.equal([]);
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it('esdb: a subscription refused for good (access denied, invalid position) reaches onError; a transient failure is retried', async () => {
    const store = openEsdbStore(double.url, { onRetry: () => {} });
    try {
      for (const fault of ['access-denied', 'invalid-position'] as const) {
        double.faults.failSubscriptions(fault);
        const errors: unknown[] = [];
        const subscription = store.subscribeToAll({ after: 0, onEvents: () => {}, onError: (error) => errors.push(error) });
        await waitFor(() => errors.length > 0);
        await subscription.close();
        expect(errors, fault).to.have.length(1);
      }
      double.faults.failSubscriptions('unavailable', 2);
      await store.append('pass-u', [event('A')], 'no_stream');
      const seen: string[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll({ after: 0, onEvents: (events) => void seen.push(...events.map((e) => e.type)), onError: (error) => errors.push(error) });
      await waitFor(() => seen.length > 0);
      await subscription.close();
      expect(seen).to.deep.equal(['A']);
      expect(errors).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });

  it('esdb: a subscription gives up after its retry budget with StoreUnavailableError (20 s by default: outlasts an election)', async () => {
    const store = openEsdbStore(double.url, { subscriptionRetryBudgetMs: 400, onRetry: () => {} });
    double.faults.failSubscriptions('unavailable', 1_000);
    const errors: unknown[] = [];
    const subscription = store.subscribeToAll({ after: 0, onEvents: () => {}, onError: (error) => errors.push(error) });
    try {
      await waitFor(() => errors.length > 0, 10_000);
      expect(errors[0]).to.be.instanceOf(StoreUnavailableError);
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it('esdb: close() waits for the subscription loop, so no events are handed over after it resolves', async () => {
    const store = openEsdbStore(double.url);
    await store.append('pass-w', [event('A'), event('B')], 'no_stream');
    let inside = false;
    let afterClose = 0;
    let closed = false;
    const subscription = store.subscribeToAll({
      after: 0,
      onEvents: async () => {
        if (closed) afterClose += 1;
        inside = true;
        await new Promise((resolve) => setTimeout(resolve, 150));
        inside = false;
      },
    });
    await waitFor(() => inside);
    await subscription.close();
    closed = true;
    expect(inside).to.equal(false);
    await store.append('pass-w', [event('C')], 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(afterClose).to.equal(0);
    await store.close();
  });

  it('esdb: a follower answers not-leader to decision reads and appends; the adapter follows it to the leader', async () => {
    const follower = await startEsdbDouble({ replicaOf: double });
    const store = openEsdbStore(follower.url, { onRetry: () => {} });
    try {
      await store.append('pass-l', [event('A')], 'no_stream');
      expect(follower.stats.requiresLeader).to.be.greaterThan(0);
      expect((await store.readStream('pass-l')).map((e) => e.type)).to.deep.equal(['A']);
      expect(double.stats.requiresLeader).to.be.greaterThan(0);
    } finally {
      await store.close();
      await follower.stop();
    }
  });

  it('esdb: maps server timeouts, deadlines and a failed discovery to StoreUnavailableError, access denied to ACCESS_DENIED', async () => {
    const store = openEsdbStore(double.url, { maxAttempts: 2, onRetry: () => {} });
    try {
      for (const [fault, message] of [
        ['timeout', /timed out/],
        ['deadline', /did not answer .* in time/],
      ] as const) {
        double.faults.failAppends(fault, 2);
        await store.append('pass-e', [event('A')], 'any').then(
          () => expect.fail(`${fault} must fail`),
          (error: unknown) => {
            expect(error, fault).to.be.instanceOf(StoreUnavailableError);
            expect((error as Error).message).to.match(message);
          },
        );
      }
      double.faults.failAppends('access-denied');
      await store.append('pass-e', [event('A')], 'any').then(
        () => expect.fail('access denied must fail'),
        (error: unknown) => expect((error as StoreError).code).to.equal('ACCESS_DENIED'),
      );
    } finally {
      await store.close();
    }
    const lost = openEsdbStore('esdb+discover://127.0.0.1:9?tls=false&maxDiscoverAttempts=1&discoveryInterval=10&gossipTimeout=200', { maxAttempts: 1 });
    try {
      await lost.readStream('pass-x').then(
        () => expect.fail('no gossip must fail'),
        (error: unknown) => {
          expect(error).to.be.instanceOf(StoreUnavailableError);
          expect((error as Error).message).to.match(/no cluster node answered gossip/);
        },
      );
    } finally {
      await lost.close();
    }
  });
});

/** A CA and a server certificate for localhost / 127.0.0.1, made with Debian's openssl. */
function certificates(dir: string): { ca: string; cert: Buffer; key: Buffer } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=samlogg test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'node.key', '-out', 'node.csr', '-subj', '/CN=eventstoredb-node');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run('x509', '-req', '-in', 'node.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'node.crt', '-days', '2', '-extfile', 'san.ext');
  return { ca: join(dir, 'ca.crt'), cert: readFileSync(join(dir, 'node.crt')), key: readFileSync(join(dir, 'node.key')) };
}

describe('esdb adapter: TLS, Basic authentication, and the password never reaching a log', function () {
  this.timeout(30_000);
  let temp: ReturnType<typeof tempDir>;
  let tls: ReturnType<typeof certificates>;
  before(() => {
    temp = tempDir();
    tls = certificates(temp.dir);
  });
  after(() => temp.remove());

  it('esdb: over TLS (tlsCAFile) the user from the connection string is sent with every call; a wrong password is ACCESS_DENIED', async () => {
    const double = await startEsdbDouble({ tls, users: { samlogg: 'right' } });
    const url = (password: string) => `${double.url.replace('esdb://', `esdb://samlogg:${password}@`)}&tlsCAFile=${tls.ca}`;
    const right = openEsdbStore(url('right'));
    const wrong = openEsdbStore(url('wrong'), { maxAttempts: 1 });
    const untrusted = openEsdbStore(double.url.replace('esdb://', 'esdb://samlogg:right@'), { maxAttempts: 1 });
    try {
      await right.append('pass-auth', [event('A')], 'no_stream');
      expect((await right.readStream('pass-auth')).map((e) => e.type)).to.deep.equal(['A']);
      await wrong.readStream('pass-auth').then(
        () => expect.fail('a wrong password must be refused'),
        (error: unknown) => expect((error as StoreError).code).to.equal('ACCESS_DENIED'),
      );
      // Without the CA the server's certificate is not trusted: no call gets through.
      await untrusted.readStream('pass-auth').then(
        () => expect.fail('an untrusted certificate must not be accepted'),
        (error: unknown) => expect(error).to.be.instanceOf(StoreUnavailableError),
      );
    } finally {
      await right.close();
      await wrong.close();
      await untrusted.close();
      await double.stop();
    }
  });

  it('esdb: the client’s own debug log, the store description and URL errors carry no password', async () => {
    const require = createRequire(import.meta.url);
    const debug = require('debug') as { enable(namespaces: string): void; disable(): string; log: (...args: unknown[]) => void };
    const logged: string[] = [];
    const original = debug.log;
    debug.log = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    debug.enable('esdb:*');
    const double = await startEsdbDouble({ tls, users: { samlogg: 's3cret-Pw' } });
    const safe = `${double.url}&tlsCAFile=${tls.ca}`;
    const store = openEsdbStore(safe.replace('esdb://', 'esdb://samlogg:s3cret-Pw@'));
    try {
      expect(store.description).to.equal(`esdb:${safe}`);
      await store.append('pass-secret', [event('A')], 'no_stream');
      expect(logged.some((line) => line.includes('esdb:command appendToStream'))).to.equal(true);
      expect(logged.filter((line) => line.includes('s3cret'))).to.deep.equal([]);
    } finally {
      debug.disable();
      debug.log = original;
      await store.close();
      await double.stop();
    }
    expect(() => openEsdbStore('esdb://samlogg:s3cret-Pw@host:notaport')).to.throw(BadStoreUrlError).that.satisfies((error: Error) => !error.message.includes('s3cret'));
  });
});

describe('esdb double: the expectations of client 6.2.1’s own tests (packages/test/src/streams/readAll, subscribeToAll; connection/not-leader)', function () {
  this.timeout(30_000);
  let double: EsdbDouble;
  let client: EventStoreDBClient;
  const testEvents = (n = 4) => Array.from({ length: n }, (_, i) => jsonEvent({ type: 'test', data: { i } }));
  beforeEach(async () => {
    double = await startEsdbDouble();
    client = EventStoreDBClient.connectionString(double.url);
    await client.appendToStream('stream_name_a', testEvents());
    await client.appendToStream('stream_name_b', testEvents());
  });
  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  it('esdb double: readAll from start, from a position (inclusive), backwards from END, maxCount', async () => {
    const all: Array<{ event?: { streamId: string; position: { commit: bigint; prepare: bigint } } }> = [];
    for await (const resolved of client.readAll()) all.push(resolved);
    const user = all.filter((r) => r.event && !r.event.streamId.startsWith('$'));
    expect(all.length).to.be.greaterThan(8);
    expect(user).to.have.length(8);
    expect(user[0]?.event?.streamId).to.equal('stream_name_a');
    let third: unknown;
    for await (const resolved of client.readAll({ maxCount: 3 })) third = resolved;
    let extracted: unknown;
    for await (const resolved of client.readAll({ maxCount: 1, fromPosition: (third as { event: { position: { commit: bigint; prepare: bigint } } }).event.position })) extracted = resolved;
    expect(extracted).to.deep.equal(third);
    const backwards: string[] = [];
    for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END })) if (resolved.event && !resolved.event.streamId.startsWith('$')) backwards.push(resolved.event.streamId);
    expect(backwards).to.have.length(8);
    expect(backwards[0]).to.equal('stream_name_b');
    let counted = 0;
    for await (const _ of client.readAll({ maxCount: 2 })) counted += 1;
    expect(counted).to.equal(2);
  });

  it('esdb double: subscribeToAll from start and from END: one confirmation, one caught-up, the events', async () => {
    for (const fromPosition of [START, END] as const) {
      const seen: string[] = [];
      let confirmations = 0;
      let caughtUp = 0;
      const subscription = client.subscribeToAll({ fromPosition });
      subscription.on('confirmation', () => (confirmations += 1));
      subscription.on('caughtUp', () => (caughtUp += 1));
      subscription.on('data', (resolved: { event?: { type: string } }) => {
        if (resolved.event && !resolved.event.type.startsWith('$')) seen.push(resolved.event.type);
      });
      await waitFor(() => caughtUp > 0);
      await client.appendToStream('stream_name_a', [...testEvents(3), jsonEvent({ type: 'finish', data: {} })]);
      await waitFor(() => seen.includes('finish'));
      await subscription.unsubscribe();
      expect(confirmations, fromPosition).to.equal(1);
      expect(caughtUp, fromPosition).to.equal(1);
      // From the start: 8 set-up events and 4 after subscribing; from the end: the 4 only.
      expect(seen.length, fromPosition).to.equal(fromPosition === START ? 12 : 4);
    }
  });

  it('esdb double: a follower client (gossip seeds, nodePreference follower) appends; a requiresLeader read gets NotLeaderError naming the leader, which serves it', async () => {
    const follower = await startEsdbDouble({ replicaOf: double });
    const followerClient = new EventStoreDBClient({ endpoints: [{ address: '127.0.0.1', port: follower.port }], nodePreference: 'follower' }, { insecure: true });
    try {
      expect(await followerClient.appendToStream('test_stream_name', jsonEvent({ type: 'test', data: { message: 'test' } }))).to.not.equal(undefined);
      const read = (c: EventStoreDBClient) => collect(c.readStream('test_stream_name', { maxCount: 10, direction: BACKWARDS, fromRevision: END, requiresLeader: true }));
      const error = await read(followerClient).then(
        () => expect.fail('unreachable'),
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(NotLeaderError);
      expect((error as NotLeaderError).leader).to.deep.equal({ address: '127.0.0.1', port: double.port });
      const leaderClient = new EventStoreDBClient({ endpoint: (error as NotLeaderError).leader }, { insecure: true });
      try {
        expect(await read(leaderClient)).to.have.length(1);
      } finally {
        await leaderClient.dispose();
      }
    } finally {
      await followerClient.dispose();
      await follower.stop();
    }
  });
});

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('esdb adapter: client 6.2.1’s batch-append crash cannot happen through the adapter', function () {
  this.timeout(60_000);
  const run = (mode: 'raw' | 'adapter') => spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../support/esdb-batch-crash.ts', import.meta.url)), mode], { encoding: 'utf8', timeout: 30_000 });

  it('esdb: two clients on the batch path: one stream’s error clears the other’s pending append, whose late reply kills the process; the adapter (unary Append) survives the same faults', () => {
    const raw = run('raw');
    expect(raw.stdout).to.match(/crashed: undefined is not iterable/);
    expect(raw.status).to.equal(3);
    const adapter = run('adapter');
    expect(adapter.stdout).to.include('a ok, b ok, batch streams 0');
    expect(adapter.stdout).to.include('survived');
    expect(adapter.status).to.equal(0);
  });
});

describe('esdb adapter: what the subscription asks the server for', function () {
  this.timeout(30_000);

  it('esdb: the subscription filters on the server: system streams and id reservations never cross the wire', async () => {
    const double = await startEsdbDouble();
    const store = openEsdbStore(double.url);
    const seen: string[] = [];
    const subscription = store.subscribeToAll({ after: 0, onEvents: (events) => void seen.push(...events.map((e) => e.type)) });
    try {
      await store.append('pass-w1', [event('A'), event('B')], 'no_stream');
      await waitFor(() => seen.length >= 2);
      expect(seen).to.deep.equal(['A', 'B']);
      expect(double.stats.subscriptionEventsSent, 'only the two events, not their reservations or $epoch-information').to.equal(2);
    } finally {
      await subscription.close();
      await store.close();
      await double.stop();
    }
  });
});

describe('esdb double: a copy of a log to start another double from (startingWith)', function () {
  this.timeout(30_000);

  it('esdb: starts with the same log, log id and idempotency, counts from zero, and neither double sees the other’s later writes', async () => {
    const source = await startEsdbDouble();
    const sourceStore = openEsdbStore(source.url);
    const recorded = event('Recorded');
    await sourceStore.append('pass-copied', [recorded, event('Recorded')], 'no_stream');
    const copy = source.copyLog();
    const double = await startEsdbDouble({ startingWith: copy });
    const store = openEsdbStore(double.url);
    try {
      expect(double.events.map((e) => [e.streamName, e.revision, e.position, e.id])).to.deep.equal(source.events.map((e) => [e.streamName, e.revision, e.position, e.id]));
      expect(double.stats.eventsRead).to.equal(0);
      expect(await store.logId()).to.equal(await sourceStore.logId());
      // The copied idempotency cache: the same append again is a retry, nothing new.
      const again = await store.append('pass-copied', [recorded], 'any');
      expect(again.alreadyRecorded).to.equal(true);
      expect(double.userEvents()).to.have.lengthOf(2);

      await store.append('pass-copied', [event('OnlyInTheCopy')], 1);
      await sourceStore.append('pass-source-only', [event('OnlyInTheSource')], 'no_stream');
      expect(double.userEvents().map((e) => e.type)).to.deep.equal(['Recorded', 'Recorded', 'OnlyInTheCopy']);
      expect(source.userEvents().map((e) => e.type)).to.deep.equal(['Recorded', 'Recorded', 'OnlyInTheSource']);
      const later = await startEsdbDouble({ startingWith: copy });
      expect(later.userEvents().map((e) => e.type), 'the copy itself is not written to').to.deep.equal(['Recorded', 'Recorded']);
      await later.stop();
    } finally {
      await store.close();
      await sourceStore.close();
      await double.stop();
      await source.stop();
    }
  });
});
