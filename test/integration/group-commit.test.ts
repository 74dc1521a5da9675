import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { RecordContext } from '../../src/application/actor.js';
import { groupCommitter } from '../../src/application/group-commit.js';
import { recordCommands, type RecordResult } from '../../src/application/record-commands.js';
import type { EventStore } from '../../src/store/port.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { startServer } from '../support/server.js';
import { useTempStore } from '../support/temp-store.js';

const context = (): RecordContext => ({ actor: { userId: 'u-1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date('2022-06-01T12:00:00Z') });

/** Events in pass streams (the recorder also appends id claims to streams of their own). */
async function passEvents(store: EventStore): Promise<number> {
  let n = 0;
  for await (const page of store.readAll({ metadata: false })) for (const event of page) if (event.streamId.startsWith('pass-')) n += 1;
  return n;
}

function ok(result: RecordResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.failures)}`);
  return result;
}

describe('group commit: concurrent commands share one transaction, each caller keeps its own outcome', () => {
  const fixture = useTempStore();

  function countCommits() {
    const store = fixture.store;
    const counted = { commits: 0 };
    const appendBatch = store.appendBatch.bind(store);
    store.appendBatch = (requests) => {
      counted.commits += 1;
      return appendBatch(requests);
    };
    return counted;
  }

  it('appends 40 concurrent commands in one transaction, telling each caller its own revision and position', async () => {
    const store = fixture.store;
    const counted = countCommits();
    const committer = groupCommitter(store);
    const passes = Array.from({ length: 20 }, () => recordPass());
    // Each pass and then an encounter on it, all sent at once: the encounter is planned after its pass.
    const jobs = passes.flatMap((pass) => [pass, recordEncounter(pass.passId)]).map((command) => committer.record([command], context()));
    const results = (await Promise.all(jobs)).map(ok);
    expect(counted.commits, 'one transaction for the whole group').to.equal(1);
    expect(committer.stats).to.deep.include({ commits: 1, committedCommands: 40, fallbacks: 0 });
    for (const [n, pass] of passes.entries()) {
      const events = await store.readStream(`pass-${pass.passId}`);
      const [recorded, encountered] = [results[2 * n], results[2 * n + 1]];
      expect(recorded?.outcomes[0]).to.deep.include({ status: 'applied', revision: 0, position: events[0]?.position });
      expect(encountered?.outcomes[0]).to.deep.include({ status: 'applied', revision: 1, position: events[1]?.position });
      expect(encountered?.position).to.equal(events[1]?.position);
    }
    expect(await passEvents(store)).to.equal(40);
  });

  it('keeps each caller all or nothing: a refused command adds nothing, the others commit together', async () => {
    const store = fixture.store;
    const counted = countCommits();
    const committer = groupCommitter(store);
    const good = [recordPass(), recordPass()];
    const orphan = recordEncounter(randomUUID());
    const invalid = { ...recordPass(), date: '2022-02-30' };
    const results = await Promise.all([good[0], orphan, invalid, good[1]].map((command) => committer.record([command], context())));
    expect(results.map((r) => r.ok)).to.deep.equal([true, false, false, true]);
    expect(results[1]?.ok === false && results[1].failures[0]?.errors[0]?.code).to.equal('NOT_FOUND');
    expect(results[2]?.ok === false && results[2].failures[0]?.errors[0]?.field).to.equal('date');
    expect(counted.commits).to.equal(1);
    expect(await passEvents(store)).to.equal(2);
  });

  it('is idempotent inside a group and checks expectedRevision against the callers before it', async () => {
    const store = fixture.store;
    const committer = groupCommitter(store);
    const pass = recordPass();
    ok(await committer.record([pass], context()));
    const encounter = recordEncounter(pass.passId);
    const other = recordEncounter(pass.passId);
    const [first, retry, stale] = await Promise.all([
      committer.record([encounter], context(), { expectedRevision: 0 }),
      committer.record([encounter], context(), { expectedRevision: 0 }),
      committer.record([other], context(), { expectedRevision: 0 }),
    ]);
    const applied = ok(first as RecordResult).outcomes[0];
    const again = ok(retry as RecordResult).outcomes[0];
    expect(applied).to.deep.include({ status: 'applied', revision: 1 });
    expect(again).to.deep.include({ status: 'already-recorded', revision: 1, position: applied?.position });
    expect(stale?.ok === false && stale.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'expectedRevision' });
    expect((await store.readStream(`pass-${pass.passId}`)).map((e) => e.type)).to.deep.equal(['PassRecorded', 'PersonEncountered']);
  });

  it('when the group’s transaction fails, records each caller alone, so one bad caller cannot sink the others', async () => {
    const store = fixture.store;
    const committer = groupCommitter(store);
    // A commandId already used on another pass: only the append finds that its event ids are taken.
    const used = recordPass();
    ok(await recordCommands(store, [used], context()));
    const reused = recordPass({ commandId: used.commandId });
    const fine = [recordPass(), recordPass()];
    const results = await Promise.all([fine[0], reused, fine[1]].map((command) => committer.record([command], context())));
    expect(results.map((r) => r.ok)).to.deep.equal([true, false, true]);
    expect(results[1]?.ok === false && results[1].failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'commandId' });
    expect(committer.stats.fallbacks).to.equal(1);
    for (const [n, pass] of [[0, fine[0]], [2, fine[1]]] as const) {
      const events = await store.readStream(`pass-${pass?.passId}`);
      expect(ok(results[n] as RecordResult).outcomes[0]?.position).to.equal(events[0]?.position);
    }
    expect(await passEvents(store)).to.equal(3);
  });
});

describe('group commit behind the GraphQL mutations (real HTTP)', function () {
  this.timeout(30_000);

  it('answers 30 concurrent recordPass mutations each with its own pass and revision, in fewer commits than mutations', async () => {
    const server = await startServer();
    try {
      let commits = 0;
      const appendBatch = server.store.appendBatch.bind(server.store);
      server.store.appendBatch = (requests) => {
        commits += 1;
        return appendBatch(requests);
      };
      const passIds = Array.from({ length: 30 }, () => randomUUID());
      const responses = await Promise.all(
        passIds.map((passId) =>
          server.graphql('mutation ($input: RecordPassInput!) { recordPass(input: $input) { passId revision } }', { input: { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, { role: 'field', org: 'MIKA' }),
        ),
      );
      expect(responses.map((r) => r.body.data?.recordPass)).to.deep.equal(passIds.map((passId) => ({ passId, revision: 0 })));
      // Read audit records append too; the 30 passes alone would be 30 commits without grouping.
      expect(commits).to.be.lessThan(30);
      const figures = await server.graphql('{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses } }');
      expect(figures.body.data?.steeringFigures).to.deep.equal({ jointPasses: 30 });
    } finally {
      await server.stop();
    }
  });
});
