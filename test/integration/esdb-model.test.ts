import { expect } from 'chai';
import fc from 'fast-check';
import { join } from 'node:path';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../../src/store/port.js';
import { apply, decide, emptyLog, type ModelLog } from '../support/check-commit-model.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double.js';
import { tempDir } from '../support/temp.js';

/**
 * Model-based tests: fast-check generates histories of appends (new events at the right revision,
 * with any or stream_exists, at a stale revision), retries of earlier appends with their own
 * expected revision, partial retries, ids reused from another stream, and (on the double) replies
 * lost after the write and dropped subscriptions. Each history runs against the pure model of
 * CheckCommit (test/support/check-commit-model.ts) and a real adapter: SQLite, and EventStoreDB through
 * the wire-level double. Every adapter must agree with the model on what is written and what is
 * refused, say alreadyRecorded only when nothing was written, keep positions strictly increasing,
 * and hand every event to a subscriber exactly once, in order.
 */
type Op =
  | { kind: 'fresh'; stream: number; count: number; expected: 'current' | 'any' | 'stream_exists' | 'stale'; lose: boolean }
  | { kind: 'retry'; of: number; prefix: number; extra: number; lose: boolean }
  | { kind: 'foreign'; stream: number; of: number }
  | { kind: 'drop' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('fresh' as const), stream: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 3 }), expected: fc.constantFrom('current' as const, 'any' as const, 'stream_exists' as const, 'stale' as const), lose: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('retry' as const), of: fc.nat(), prefix: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 1 }), lose: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('foreign' as const), stream: fc.integer({ min: 0, max: 2 }), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const) }) },
);

interface Sent {
  readonly streamId: string;
  readonly ids: readonly string[];
  readonly expected: ExpectedRevision;
  readonly ok: boolean;
}

async function runHistory(store: EventStore, double: EsdbDouble | undefined, ops: readonly Op[], run: string): Promise<void> {
  let log: ModelLog = emptyLog();
  const sent: Sent[] = [];
  let counter = 0;
  const newId = () => {
    counter += 1;
    return `00000000-0000-4000-8000-${run}${String(counter).padStart(12 - run.length, '0')}`;
  };
  const streamOf = (n: number) => `pass-${run}-s${n}`;
  const delivered: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ after: 0, onEvents: (events) => void delivered.push(...events) });
  try {
    for (const op of ops) {
      if (op.kind === 'drop') {
        double?.dropSubscriptions();
        continue;
      }
      let request: { streamId: string; ids: string[]; expected: ExpectedRevision; lose: boolean };
      if (op.kind === 'fresh') {
        const streamId = streamOf(op.stream);
        const current = (log.streams.get(streamId)?.length ?? 0) - 1;
        const expected: ExpectedRevision =
          op.expected === 'current' ? (current < 0 ? 'no_stream' : current) : op.expected === 'stale' ? (current < 0 ? 'stream_exists' : current === 0 ? 'no_stream' : current - 1) : op.expected;
        request = { streamId, ids: Array.from({ length: op.count }, newId), expected, lose: op.lose };
      } else if (op.kind === 'retry') {
        const earlier = sent[op.of % Math.max(1, sent.length)];
        if (!earlier) continue;
        const ids = earlier.ids.slice(0, op.prefix);
        for (let i = 0; i < op.extra; i += 1) ids.push(newId());
        request = { streamId: earlier.streamId, ids, expected: earlier.expected, lose: op.lose };
      } else {
        const written = sent.filter((s) => s.ok);
        const donor = written[op.of % Math.max(1, written.length)];
        const streamId = streamOf(op.stream);
        if (!donor || donor.streamId === streamId) continue;
        const current = (log.streams.get(streamId)?.length ?? 0) - 1;
        request = { streamId, ids: [newId(), donor.ids[0] as string], expected: current < 0 ? 'no_stream' : current, lose: false };
      }
      const decision = decide(log, request.streamId, request.ids, request.expected);
      // The reply to the events' own append is lost (after the reservations of their ids go through).
      // (A refused append has no reply to lose: the fault is armed only for one that goes through.)
      if (request.lose && double && decision.kind !== 'refused') double.faults.loseAppendReply(1, request.ids.length);
      let outcome: { ok: true; alreadyRecorded: boolean } | { ok: false; error: unknown };
      try {
        const result = await store.append(request.streamId, request.ids.map((id) => ({ id, type: 'E', data: { id }, metadata: {} })), request.expected);
        outcome = { ok: true, alreadyRecorded: result.alreadyRecorded };
      } catch (error) {
        outcome = { ok: false, error };
      }
      double?.faults.loseAppendReply(0);
      const what = `${decision.kind}${decision.kind === 'refused' ? ` (${decision.why})` : ''}: ${request.streamId} ${request.ids.length} ids at ${String(request.expected)}`;
      expect(outcome.ok, `${what}${outcome.ok ? '' : `: ${String((outcome as { error: unknown }).error)}`}`).to.equal(decision.kind !== 'refused');
      if (outcome.ok && outcome.alreadyRecorded) expect(decision.kind, `alreadyRecorded only when nothing was written: ${what}`).to.equal('retry');
      if (outcome.ok && decision.kind === 'write') expect(outcome.alreadyRecorded, what).to.equal(false);
      log = apply(log, request.streamId, request.ids, decision);
      sent.push({ streamId: request.streamId, ids: request.ids, expected: request.expected, ok: outcome.ok && decision.kind === 'write' });
    }
    for (const [streamId, ids] of log.streams) expect((await store.readStream(streamId)).map((e) => e.id), streamId).to.deep.equal(ids);
    const all: RecordedEvent[] = [];
    for await (const page of store.readAll({ pageSize: 4 })) all.push(...page.filter((e) => e.streamId.startsWith(`pass-${run}-`)));
    expect(all.map((e) => e.id), 'the log in global order').to.deep.equal(log.all);
    const positions = all.map((e) => e.position);
    for (let i = 1; i < positions.length; i += 1) expect(positions[i] as number, 'strictly increasing positions').to.be.greaterThan(positions[i - 1] as number);
    for (let waited = 0; delivered.length < log.all.length && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered.map((e) => e.id), 'each event delivered once, in order').to.deep.equal(log.all);
  } finally {
    await subscription.close();
  }
}

describe('model-based: the CheckCommit model against SQLite and EventStoreDB (fast-check)', function () {
  this.timeout(180_000);

  it('esdb: model and the SQLite store agree on every generated history', async () => {
    const temp = tempDir();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), async (ops) => {
          n += 1;
          const store = openSqliteStore(join(temp.dir, `model-${n}.db`), { pollIntervalMs: 10 });
          try {
            await runHistory(store, undefined, ops, String(n));
          } finally {
            await store.close();
          }
        }),
        { numRuns: 25, seed: 20_221_201 },
      );
    } finally {
      temp.remove();
    }
  });

  it('esdb: model and the EventStoreDB adapter (through the wire-level double, with lost replies and dropped subscriptions) agree on every generated history', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), async (ops) => {
        n += 1;
        const double = await startEsdbDouble();
        const store = openEsdbStore(double.url, { onRetry: () => {} });
        try {
          await runHistory(store, double, ops, String(n));
        } finally {
          await store.close();
          await double.stop();
        }
      }),
      { numRuns: 25, seed: 20_221_201 },
    );
  });
});
