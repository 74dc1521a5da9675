import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { BadStoreUrlError, StoreUnavailableError } from '../../src/store/errors.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double.js';
import { describeStoreContract, event } from '../support/store-contract.js';

/** The store contract and the adapter's own behaviour on EventStoreDB: always against the wire-level double, and against a real server when ESDB_TEST_URL names one. */
/** The contract on every append path: unary Append on a server that advertises BatchAppend (the default), the client's batch path, and an older server without ServerFeatures. */
for (const [name, doubleOptions, storeOptions] of [
  ['esdb (wire-level test double, 24.10 with ServerFeatures; unary Append)', { features: true }, {}],
  ['esdb (wire-level test double, 24.10; the client’s BatchAppend path)', { features: true }, { batchAppend: true }],
  ['esdb (wire-level test double, no ServerFeatures: unary fallback)', { features: false }, {}],
] as const) {
  describeStoreContract(name, async () => {
    const double = await startEsdbDouble(doubleOptions);
    const store = openEsdbStore(double.url, storeOptions);
    return {
      store,
      dispose: async () => {
        await store.close();
        if (double.stats.appends > 0) expect(double.stats.batchAppends > 0, 'the append path taken').to.equal('batchAppend' in storeOptions);
        await double.stop();
      },
    };
  });
}

const realServer = process.env.ESDB_TEST_URL;
describeStoreContract(
  'esdb (real server, ESDB_TEST_URL)',
  realServer
    ? async () => {
        const store = openEsdbStore(realServer);
        return { store, dispose: () => store.close() };
      }
    : undefined,
  'no EventStoreDB server (set ESDB_TEST_URL, e.g. esdb://admin:changeit@localhost:2113?tls=true&tlsCAFile=./certs/ca/ca.crt; each case writes its own streams, so any server will do)',
);

describe('esdb adapter against the wire-level double', function () {
  this.timeout(30_000);
  let double: EsdbDouble;
  beforeEach(async () => {
    double = await startEsdbDouble();
  });
  afterEach(async () => double.stop());

  it('esdb: connects through discovery (esdb+discover://) to the gossip’s leader', async () => {
    const store = openEsdbStore(double.discoverUrl);
    try {
      await store.append('pass-discovered', [event('A')], 'no_stream');
      expect((await store.readStream('pass-discovered')).map((e) => e.type)).to.deep.equal(['A']);
    } finally {
      await store.close();
    }
  });

  it('esdb: resubscribes from its checkpoint after a dropped connection, handing over each event once', async () => {
    const retries: number[] = [];
    const store = openEsdbStore(double.url, { onRetry: (attempt) => retries.push(attempt) });
    const seen: number[] = [];
    const subscription = store.subscribeToAll({ after: 0, onEvents: (events: readonly RecordedEvent[]) => void seen.push(...events.map((e) => (e.data as { i: number }).i)) });
    try {
      await store.append('pass-r', [event('E', { i: 1 }), event('E', { i: 2 })], 'no_stream');
      for (let waited = 0; seen.length < 2 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      double.dropSubscriptions();
      await store.append('pass-r', [event('E', { i: 3 })], 1);
      for (let waited = 0; seen.length < 3 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).to.deep.equal([1, 2, 3]);
      expect(retries.length).to.be.greaterThan(0);
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it('esdb: says the store is unavailable after retrying with backoff, and refuses a URL it cannot read', async () => {
    const retries: Array<[number, number]> = [];
    const store = openEsdbStore('esdb://127.0.0.1:9?tls=false', { maxAttempts: 3, onRetry: (attempt, delayMs) => retries.push([attempt, delayMs]) });
    try {
      await store.readStream(`pass-${randomUUID()}`);
      expect.fail('an unreachable server must fail');
    } catch (error) {
      expect(error).to.be.instanceOf(StoreUnavailableError);
      expect((error as Error).message).to.match(/EventStoreDB is unavailable/);
    } finally {
      await store.close();
    }
    expect(retries).to.deep.equal([
      [1, 100],
      [2, 200],
    ]);
    expect(() => openEsdbStore('esdb://')).to.throw(BadStoreUrlError);
  });
});
