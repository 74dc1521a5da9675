import { expect } from 'chai';
import { join } from 'node:path';
import { passRegister } from '../../projections/pass-register.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { recordCommands } from '../../src/application/record-commands.js';
import type { PassCommand } from '../../src/domain/commands.js';
import { foldAsOf, openProjectionEngine } from '../../src/projections/engine.js';
import type { Projection } from '../../src/projections/projection.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { passWithEncounters, recordEncounter, recordPass } from '../support/commands.js';
import { tempDir } from '../support/temp.js';

const context = { actor: { userId: 'test', org: 'MIKA', role: 'field' }, correlationId: 'test', now: new Date() };
const ALL = { from: '2021-01-01', to: '2026-12-31' };

async function record(store: SqliteEventStore, commands: readonly PassCommand[]): Promise<number> {
  const result = await recordCommands(store, commands, { ...context, now: new Date() });
  if (!result.ok) throw new Error(JSON.stringify(result.failures));
  return result.position;
}

/** Counts how many events a projection was handed: the engine's work, seen from outside. */
function counting(): Projection<{ applied: number }> & { calls: number } {
  const projection = {
    name: 'counting',
    version: 1,
    eventTypes: new Set(['PassRecorded', 'PersonEncountered', 'SupportOffered']),
    calls: 0,
    init: () => ({ applied: 0 }),
    apply: (state: { applied: number }) => {
      projection.calls += 1;
      return { applied: state.applied + 1 };
    },
    serialize: (state: { applied: number }) => Buffer.from(JSON.stringify(state)),
    deserialize: (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8')) as { applied: number },
  };
  return projection;
}

describe('projection engine', () => {
  let temp: ReturnType<typeof tempDir>;
  let path: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    temp = tempDir();
    path = join(temp.dir, 'log.db');
    store = openSqliteStore(path, { pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('persists state with its checkpoint and resumes from it after a restart, reading only what is new', async () => {
    await record(store, passWithEncounters(2, 1));
    const first = counting();
    const engine = await openProjectionEngine(store, store.projectionStates, [first, passRegister]);
    const report = await engine.catchUp();
    // 7 pass events and the 4 id claims of the pass and its encounters (src/application/id-reservations.ts).
    expect(report.events).to.equal(11);
    expect(engine.state(first).applied).to.equal(7);
    await engine.close();

    await record(store, passWithEncounters(1, 0));
    await store.close();
    store = openSqliteStore(path);
    const second = counting();
    const restarted = await openProjectionEngine(store, store.projectionStates, [second, passRegister]);
    expect(restarted.state(second).applied, 'state comes back from the checkpoint').to.equal(7);
    const resumed = await restarted.catchUp();
    expect(resumed.events).to.equal(5);
    expect(second.calls).to.equal(3);
    expect(restarted.state(second).applied).to.equal(10);
    expect(steeringFigures(restarted.state(passRegister), ALL).exposed).to.equal(3);
    await restarted.close();
  });

  it('ignores a state saved by another version of a projection and rebuilds it from position 0', async () => {
    await record(store, passWithEncounters(1, 1));
    const v1 = counting();
    const engine = await openProjectionEngine(store, store.projectionStates, [v1]);
    await engine.catchUp();
    await engine.close();
    const v2 = { ...counting(), version: 2 };
    const again = await openProjectionEngine(store, store.projectionStates, [v2]);
    expect(again.state(v2).applied).to.equal(0);
    expect((await again.catchUp()).events).to.equal(8);
    expect(again.state(v2).applied).to.equal(5);
    await again.close();
  });

  it('folds again from the log when a saved state cannot be read', async () => {
    await record(store, passWithEncounters(1, 1));
    await store.projectionStates.save({ name: passRegister.name, version: passRegister.version, position: await store.headPosition(), state: Buffer.from('garbage') });
    const engine = await openProjectionEngine(store, store.projectionStates, [passRegister]);
    expect((await engine.catchUp()).events).to.equal(8);
    expect(steeringFigures(engine.state(passRegister), ALL).jointPasses).to.equal(1);
    await engine.close();
  });

  it('rebuilds from position 0 to the same state that catching up incrementally built', async () => {
    const engine = await openProjectionEngine(store, store.projectionStates, [passRegister]);
    for (let i = 0; i < 5; i += 1) {
      await record(store, passWithEncounters(i, 1, { date: `2022-0${i + 1}-15` }));
      await engine.catchUp();
    }
    const incremental = Buffer.from(passRegister.serialize(engine.state(passRegister)));
    const report = await engine.rebuild();
    expect(report.position).to.equal(await store.headPosition());
    expect(Buffer.from(passRegister.serialize(engine.state(passRegister))).equals(incremental)).to.equal(true);
    await engine.close();
  });

  it('follows the log live and lets a writer wait until its write is visible', async () => {
    const engine = await openProjectionEngine(store, store.projectionStates, [passRegister]);
    await engine.catchUp();
    engine.follow();
    const position = await record(store, passWithEncounters(1, 2));
    await engine.waitFor(position, 2000);
    expect(steeringFigures(engine.state(passRegister), ALL).suspectedBuyers).to.equal(2);
    await engine.close();
  });

  it('saves while following, but after a slow save waits twenty times as long as it took before the next', async () => {
    // A save that takes at least 20 ms of work: at a persist interval of 5 ms, the next comes no sooner than 400 ms later.
    const slow = counting();
    let saves = 0;
    const serialize = slow.serialize;
    slow.serialize = (state) => {
      saves += 1;
      const until = performance.now() + 20;
      while (performance.now() < until);
      return serialize(state);
    };
    const engine = await openProjectionEngine(store, store.projectionStates, [slow], { persistIntervalMs: 5 });
    await engine.catchUp();
    saves = 0;
    engine.follow();
    // Writes for 600 ms, so that every save finds something new to save.
    const until = performance.now() + 600;
    while (performance.now() < until) {
      await record(store, [recordPass()]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const during = saves;
    await engine.close();
    expect(during, 'saved at all while following').to.be.at.least(1);
    // Every 5 ms, as before, would be one save after the other: some 25 in 600 ms.
    expect(during, 'saves in 600 ms').to.be.at.most(2);
    expect(engine.position).to.equal(await store.headPosition());
  });

  it('as of an instant, replays only what was recorded by then: a correction applies from when it was recorded', async () => {
    const pass = recordPass({ date: '2022-06-01' });
    const encounter = recordEncounter(pass.passId, { role: 'BUYER' });
    await record(store, [pass, encounter]);
    await new Promise((r) => setTimeout(r, 5));
    const beforeCorrection = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await record(store, [{ type: 'CorrectEncounter', commandId: crypto.randomUUID(), passId: pass.passId, encounterId: encounter.encounterId, role: 'EXPOSED' }]);

    const then = steeringFigures(await foldAsOf(store, passRegister, beforeCorrection), ALL);
    expect([then.exposed, then.suspectedBuyers]).to.deep.equal([0, 1]);
    const now = steeringFigures(await foldAsOf(store, passRegister, new Date()), ALL);
    expect([now.exposed, now.suspectedBuyers]).to.deep.equal([1, 0]);
    const beforeEverything = steeringFigures(await foldAsOf(store, passRegister, new Date('2020-01-01T00:00:00Z')), ALL);
    expect(beforeEverything.jointPasses).to.equal(0);
  });
});
