import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTION_CATEGORIES, PROJECTIONS } from '../../src/projections/registry.js';
import { passRegister } from '../../projections/pass-register.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { memoryProjectionStates } from '../../src/store/file-projection-states.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { categoryOf, type RecordedEvent } from '../../src/store/port.js';
import { startEsdbDouble, type EsdbDouble, type EsdbLogCopy } from '../support/esdb-double.js';
import { recordDemo } from '../support/demo.js';
import { esdbDemoLog } from '../support/esdb-demo.js';
import { event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';

const until = async (done: () => boolean, ms = 5_000) => {
  for (let waited = 0; !done() && waited < ms; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** Events the app writes that no projection reads: an audit record and an id claim. */
const audit = () => ({ stream: `audit-2021-05-0${1 + Math.floor(Math.random() * 8)}`, events: [event('QueryAudited', { query: 'passes' })] });
const claim = () => ({ stream: `id-${randomUUID()}`, events: [event('IdClaimed', { by: 'pass' })] });

describe('the projections read only their categories of $all (esdb, the wire-level double)', function () {
  this.timeout(60_000);
  let double: EsdbDouble;
  let demo: EsdbLogCopy;
  before(async function () {
    this.timeout(180_000);
    demo = await esdbDemoLog();
  });
  // Each esdb case starts a double of its own holding the demo log, as recorded through the adapter.
  beforeEach(async () => {
    double = await startEsdbDouble({ startingWith: demo });
  });
  afterEach(async () => double.stop());

  it('every event a projection reads is in PROJECTION_CATEGORIES (the demo log on SQLite)', async () => {
    const temp = tempDir();
    const store = openSqliteStore(`${temp.dir}/samlogg.db`);
    try {
      await recordDemo(store);
      const read = new Set<string>();
      for await (const page of store.readAll()) for (const e of page) if (PROJECTIONS.some((p) => p.eventTypes.has(e.type))) read.add(categoryOf(e.streamId));
      expect([...read].sort()).to.deep.equal([...PROJECTION_CATEGORIES].sort());
    } finally {
      await store.close();
      temp.remove();
    }
  });

  it('esdb: a subscription with the categories is sent only their events, at start and while following; audit and claim events are not delivered', async () => {
    const store = openEsdbStore(double.url);
    const delivered = new Map<string, number>();
    const checkpoints: number[] = [];
    try {
      for (const { stream, events } of [audit(), claim(), audit()]) await store.append(stream, events, 'any');
      let expected = 0;
      for await (const page of store.readAll()) for (const e of page) if (PROJECTION_CATEGORIES.includes(categoryOf(e.streamId))) expected += 1;
      const subscription = store.subscribeToAll({
        after: 0,
        categories: PROJECTION_CATEGORIES,
        onEvents: (events: readonly RecordedEvent[]) => {
          for (const e of events) delivered.set(categoryOf(e.streamId), (delivered.get(categoryOf(e.streamId)) ?? 0) + 1);
        },
        onCheckpoint: (position) => void checkpoints.push(position),
      });
      try {
        const head = await store.headPosition();
        await until(() => checkpoints.some((c) => c >= head));
        const atStart = [...delivered.values()].reduce((a, b) => a + b, 0);
        expect(atStart, 'events delivered at start').to.equal(expected);
        expect(double.stats.subscriptionEventsSent, 'events the server sent').to.equal(expected);
        expect(delivered.has('audit') || delivered.has('id') || delivered.has('eventid')).to.equal(false);

        // Live: a pass event, an audit record and an id claim; only the pass event arrives.
        await store.append('pass-live-filter', [event('Unread')], 'no_stream');
        const claimed = claim();
        const audited = audit();
        await store.append(claimed.stream, claimed.events, 'any');
        const last = await store.append(audited.stream, audited.events, 'any');
        await until(() => checkpoints.some((c) => c >= last.position));
        expect(checkpoints.some((c) => c >= last.position), 'a checkpoint at or past the audit record').to.equal(true);
        expect([...delivered.values()].reduce((a, b) => a + b, 0), 'events delivered in all').to.equal(expected + 1);
        expect(double.stats.subscriptionEventsSent, 'events the server sent, live').to.equal(expected + 1);
        expect([...delivered.keys()].every((c) => PROJECTION_CATEGORIES.includes(c))).to.equal(true);
      } finally {
        await subscription.close();
      }
    } finally {
      await store.close();
    }
  });

  it('esdb: the catch-up read with the categories is sent only their events, gives the demo figures (201 / 364 / 18 / 306 / 3), and ends past a trailing audit record', async () => {
    const store = openEsdbStore(double.url);
    try {
      for (const { stream, events } of [claim(), audit()]) await store.append(stream, events, 'any');
      let expected = 0;
      let total = 0;
      for await (const page of store.readAll()) {
        total += page.length;
        for (const e of page) if (PROJECTION_CATEGORIES.includes(categoryOf(e.streamId))) expected += 1;
      }
      const tail = await store.headPosition();
      const readBefore = double.stats.eventsRead;
      const engine = await openProjectionEngine(store, memoryProjectionStates(), PROJECTIONS, { categories: PROJECTION_CATEGORIES });
      try {
        const report = await engine.catchUp();
        expect(report.events, 'events handed to the engine').to.equal(expected);
        expect(expected).to.be.below(total);
        expect(double.stats.subscriptionEventsSent, 'events the server sent').to.equal(expected);
        // Only looks at the head (a few records each): the unfiltered read would be the whole log.
        expect(double.stats.eventsRead - readBefore, 'events read unfiltered').to.be.below(20);
        expect(steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' })).to.deep.include(DEMO_FIGURES);
        expect(engine.position).to.be.at.least(tail);
        await engine.waitFor(tail, 100);
      } finally {
        await engine.close();
      }
    } finally {
      await store.close();
    }
  });

  it('esdb: an engine following with the categories gives the demo figures (201 / 364 / 18 / 306 / 3), and waitFor the position of an audit record or id claim does not time out', async () => {
    const store = openEsdbStore(double.url);
    try {
      // The log ends with an audit record: its position is the head a wait may ask for.
      const tail = await store.append(audit().stream, audit().events, 'any');
      const engine = await openProjectionEngine(store, memoryProjectionStates(), PROJECTIONS, { categories: PROJECTION_CATEGORIES });
      try {
        // No catch-up read: the filtered subscription folds the whole log.
        engine.follow((error) => {
          throw error;
        });
        await engine.waitFor(tail.position, 10_000);
        expect(steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' })).to.deep.include(DEMO_FIGURES);
        expect(double.stats.checkpointsSent).to.be.greaterThan(0);

        // A write whose returned position is an event the filter leaves out, while following.
        const claim1 = claim();
        const claimed = await store.append(claim1.stream, claim1.events, 'no_stream');
        await engine.waitFor(claimed.position, 2_000);
        const audit1 = audit();
        const audited = await store.append(audit1.stream, audit1.events, 'any');
        await engine.waitFor(audited.position, 2_000);
        expect(engine.position).to.be.at.least(audited.position);
      } finally {
        await engine.close();
      }
    } finally {
      await store.close();
    }
  });
});
