import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../src/store/errors.js';
import type { EventStore, NewEvent, RecordedEvent } from '../../src/store/port.js';

export interface StoreFixture {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

export function event(type: string, data: unknown = {}, metadata: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

async function readEverything(store: EventStore, after = 0, pageSize?: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const page of store.readAll({ after, ...(pageSize ? { pageSize } : {}) })) all.push(...page);
  return all;
}

/**
 * The store contract: written once, run against every adapter. An adapter that cannot be reached
 * here passes `undefined` as its factory and the cases say so instead of passing silently.
 */
export function describeStoreContract(adapter: string, open: (() => Promise<StoreFixture>) | undefined, skipReason?: string): void {
  describe(`store contract: ${adapter}`, function () {
    let fixture: StoreFixture;
    let store: EventStore;
    // One real server serves every case and every run: each case writes its own streams and reads
    // the log from the head it found, so what earlier cases and runs left there does not count.
    let run = '';
    let start = 0;
    const name = (stream: string) => stream.replace(/^([a-z]+)-/, `$1-${run}-`);

    beforeEach(async function () {
      if (!open) {
        this.skip();
      }
      fixture = await open();
      store = fixture.store;
      run = randomUUID().slice(0, 8);
      start = await store.headPosition();
    });
    afterEach(async () => {
      if (fixture) await fixture.dispose();
    });
    if (!open) {
      it(`skipped: ${skipReason ?? 'adapter not reachable'}`, function () {
        this.skip();
      });
      return;
    }

    it('appends to a new stream from revision 0 with increasing global positions', async () => {
      const result = await store.append(name('pass-a'), [event('A', { n: 1 }), event('B', { n: 2 })], 'no_stream');
      expect(result.nextRevision).to.equal(1);
      expect(result.alreadyRecorded).to.equal(false);
      const events = await store.readStream(name('pass-a'));
      expect(events.map((e) => [e.type, e.revision])).to.deep.equal([
        ['A', 0],
        ['B', 1],
      ]);
      expect((events[1] as RecordedEvent).position).to.be.greaterThan((events[0] as RecordedEvent).position);
      expect(result.position).to.equal((events[1] as RecordedEvent).position);
      expect(await store.headPosition()).to.equal(result.position);
    });

    it('keeps data, metadata and the event id exactly, and stamps an ISO-8601 recorded time', async () => {
      const e = event('PassRecorded', { date: '2022-05-01', units: ['POLIS', 'MIKA'], nested: { å: 'ö' } }, { commandId: 'c1', actor: { org: 'MIKA' } });
      await store.append(name('pass-b'), [e], 'no_stream');
      const [read] = await store.readStream(name('pass-b'));
      expect(read?.id).to.equal(e.id);
      expect(read?.data).to.deep.equal(e.data);
      expect(read?.metadata).to.deep.equal(e.metadata);
      expect(read?.streamId).to.equal(name('pass-b'));
      expect(Number.isNaN(Date.parse(read?.recordedAt ?? ''))).to.equal(false);
      expect(read?.recordedAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await store.readStream(name('pass-missing'))).to.deep.equal([]);
    });

    it('refuses a wrong expected revision with a typed error that tells the actual revision, appending nothing', async () => {
      await store.append(name('pass-c'), [event('A')], 'no_stream');
      const head = await store.headPosition();
      for (const expected of ['no_stream', 5, -7] as const) {
        try {
          await store.append(name('pass-c'), [event('B')], expected);
          expect.fail(`expected ${expected} must be refused`);
        } catch (error) {
          expect(error).to.be.instanceOf(WrongExpectedRevisionError);
          expect((error as WrongExpectedRevisionError).actual).to.equal(0);
          expect((error as WrongExpectedRevisionError).code).to.equal('WRONG_EXPECTED_REVISION');
        }
      }
      try {
        await store.append(name('pass-nothing'), [event('B')], 'stream_exists');
        expect.fail('stream_exists on a missing stream must be refused');
      } catch (error) {
        expect(error).to.be.instanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).to.equal(-1);
      }
      expect(await store.headPosition()).to.equal(head);
    });

    it('accepts any, stream_exists and the exact revision', async () => {
      await store.append(name('pass-d'), [event('A')], 'any');
      await store.append(name('pass-d'), [event('B')], 'stream_exists');
      const r = await store.append(name('pass-d'), [event('C')], 1);
      expect(r.nextRevision).to.equal(2);
    });

    it('treats a repeated append of the same event ids as a retry: success, nothing new', async () => {
      const events = [event('A'), event('B')];
      const first = await store.append(name('pass-e'), events, 'no_stream');
      await store.append(name('pass-e'), [event('C')], 1);
      const head = await store.headPosition();
      const again = await store.append(name('pass-e'), events, 'no_stream');
      expect(again.alreadyRecorded).to.equal(true);
      expect(again.position).to.equal(first.position);
      const anyAgain = await store.append(name('pass-e'), events, 'any');
      expect(anyAgain.alreadyRecorded).to.equal(true);
      expect(await store.headPosition()).to.equal(head);
      expect(await store.readStream(name('pass-e'))).to.have.length(3);
    });

    it('refuses an event id already recorded in another stream, appending nothing there (ids are unique across the log)', async () => {
      const e = event('A');
      await store.append(name('pass-f'), [e], 'no_stream');
      const head = await store.headPosition();
      try {
        await store.append(name('pass-g'), [event('X'), { ...e, type: 'B' }], 'no_stream');
        expect.fail('a reused id must be refused');
      } catch (error) {
        expect(error).to.be.instanceOf(DuplicateEventIdError);
        expect((error as DuplicateEventIdError).eventId).to.equal(e.id);
        expect((error as DuplicateEventIdError).code).to.equal('DUPLICATE_EVENT_ID');
      }
      expect(await store.headPosition()).to.equal(head);
      expect(await store.readStream(name('pass-g'))).to.deep.equal([]);
      // The first stream's own retry is still a retry: a success that writes nothing.
      await store.append(name('pass-f'), [e], 'no_stream');
      expect(await store.readStream(name('pass-f'))).to.have.length(1);
    });

    it('appends a batch over several streams, all or nothing where the engine has transactions', async () => {
      await store.append(name('pass-h'), [event('A')], 'no_stream');
      const head = await store.headPosition();
      const results = await store.appendBatch([
        { streamId: name('pass-i'), expectedRevision: 'no_stream', events: [event('A'), event('B')] },
        { streamId: name('pass-h'), expectedRevision: 0, events: [event('C')] },
        { streamId: name('pass-i'), expectedRevision: 1, events: [event('D')] },
      ]);
      expect(results.map((r) => r.nextRevision)).to.deep.equal([1, 1, 2]);
      // Positions increase but need not by one (EventStoreDB's are byte offsets): count what came after.
      expect(await readEverything(store, head)).to.have.length(4);
      if (!store.atomicBatches) return;
      const before = await store.headPosition();
      try {
        await store.appendBatch([
          { streamId: name('pass-j'), expectedRevision: 'no_stream', events: [event('A')] },
          { streamId: name('pass-h'), expectedRevision: 0, events: [event('stale')] },
        ]);
        expect.fail('a stale request must fail the batch');
      } catch (error) {
        expect(error).to.be.instanceOf(WrongExpectedRevisionError);
      }
      expect(await store.headPosition()).to.equal(before);
      expect(await store.readStream(name('pass-j'))).to.deep.equal([]);
    });

    it('reads the whole log in global order, page by page, from any position', async () => {
      for (let i = 0; i < 7; i += 1) await store.append(name(`pass-k${i % 3}`), [event('E', { i })], 'any');
      const all = await readEverything(store, start, 2);
      expect(all.map((e) => (e.data as { i: number }).i)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
      const positions = all.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).to.deep.equal(positions);
      expect(new Set(positions).size).to.equal(7);
      const tail = await readEverything(store, positions[3] as number);
      expect(tail.map((e) => (e.data as { i: number }).i)).to.deep.equal([4, 5, 6]);
      const times = all.map((e) => e.recordedAt);
      expect([...times].sort()).to.deep.equal(times);
    });

    it('reads the log without metadata when asked, for projections that fold data only', async () => {
      await store.append(name('pass-m'), [event('E', { i: 1 }, { commandId: 'c' })], 'no_stream');
      const pages: RecordedEvent[] = [];
      for await (const page of store.readAll({ metadata: false, after: start })) pages.push(...page);
      expect(pages.map((e) => [e.type, e.data, e.metadata])).to.deep.equal([['E', { i: 1 }, {}]]);
    });

    it('keeps the schema version in a read without metadata, since readers upcast by it', async () => {
      await store.append(
        name('pass-v'),
        [
          event('E', { i: 1 }, { schemaVersion: 2, commandId: 'c' }),
          event('E', { i: 2 }, { commandId: 'd' }),
          event('E', { i: 3 }, { commandId: 'e', schemaVersion: 3 }),
          event('E', { i: 4 }, { schemaVersion: 12 }),
          event('E', { i: 5 }, { schemaVersion: '2' }),
        ],
        'no_stream',
      );
      const pages: RecordedEvent[] = [];
      for await (const page of store.readAll({ metadata: false, after: start })) pages.push(...page);
      expect(pages.map((e) => e.metadata)).to.deep.equal([{ schemaVersion: 2 }, {}, { schemaVersion: 3 }, { schemaVersion: 12 }, { schemaVersion: '2' }]);
    });

    it('reads and follows some categories: each of their events once, in order, and reaches the position of a write in another category', async () => {
      await store.append(name('pass-c'), [event('E', { i: 0 })], 'no_stream');
      await store.append(name('audit-c'), [event('Audited', { i: -1 })], 'no_stream');
      await store.append(name('pass-c'), [event('E', { i: 1 })], 0);
      const read: number[] = [];
      for await (const page of store.readAll({ after: start, categories: ['pass'] })) for (const e of page) if (e.streamId.startsWith('pass-')) read.push((e.data as { i: number }).i);
      expect(read).to.deep.equal([0, 1]);
      const seen: number[] = [];
      let reached = start;
      const subscription = store.subscribeToAll({
        after: start,
        categories: ['pass'],
        onEvents: (events) => {
          for (const e of events) {
            if (e.streamId.startsWith('pass-')) seen.push((e.data as { i: number }).i);
            reached = Math.max(reached, e.position);
          }
        },
        onCheckpoint: (position) => {
          reached = Math.max(reached, position);
        },
      });
      try {
        await store.append(name('pass-c'), [event('E', { i: 2 })], 1);
        const other = await store.append(name('audit-c'), [event('Audited', { i: -2 })], 0);
        for (let waited = 0; (reached < other.position || seen.length < 3) && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(seen).to.deep.equal([0, 1, 2]);
        expect(reached, 'the position of the audit write, by an event or a checkpoint').to.be.at.least(other.position);
      } finally {
        await subscription.close();
      }
    });

    it('subscribes from a position: catches up, then delivers new events in order', async () => {
      await store.append(name('pass-s'), [event('E', { i: 0 }), event('E', { i: 1 })], 'no_stream');
      const [first] = await store.readStream(name('pass-s'));
      const seen: number[] = [];
      let resolveDone: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        resolveDone = resolve;
      });
      const subscription = store.subscribeToAll({
        after: (first as RecordedEvent).position,
        onEvents: (events) => {
          for (const e of events) seen.push((e.data as { i: number }).i);
          if (seen.length >= 2) resolveDone();
        },
      });
      await store.append(name('pass-s'), [event('E', { i: 2 })], 1);
      await done;
      await subscription.close();
      expect(seen).to.deep.equal([1, 2]);
    });
  });
}
