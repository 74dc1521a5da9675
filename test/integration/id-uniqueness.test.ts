import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openSafeguardingActions } from '../../projections/safeguarding.js';
import { statistics } from '../../queries/statistics.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import { recordCommands } from '../../src/application/record-commands.js';
import type { PassCommand } from '../../src/domain/commands.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { memoryProjectionStates } from '../../src/store/file-projection-states.js';
import type { AppendRequest, EventStore } from '../../src/store/port.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { startEsdbDouble } from '../support/esdb-double.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';
import { lastJson, runCli } from '../support/cli.js';

/**
 * Issue 11, item 1: a pass, raid or encounter id is unique across the whole log, and the pass
 * register never applies an event of one pass to a row of another.
 */
const NOW = new Date('2022-06-15T10:00:00Z');
const context = (org = 'KAST') => ({ actor: { userId: `u-${org}`, org, role: 'field' }, correlationId: randomUUID(), now: NOW });
const ALL = { from: '2021-01-01', to: '2022-12-31' };

const STORES: Array<{ name: string; open: () => Promise<{ store: EventStore; dispose: () => Promise<void> }> }> = [
  {
    name: 'SQLite',
    open: async () => {
      const temp = tempDir();
      const store = openSqliteStore(join(temp.dir, 'log.db'));
      return { store, dispose: async () => { await store.close(); temp.remove(); } };
    },
  },
  {
    name: 'EventStoreDB (wire-level double)',
    open: async () => {
      const double = await startEsdbDouble();
      const store = openEsdbStore(double.url);
      return { store, dispose: async () => { await store.close(); await double.stop(); } };
    },
  },
];

async function figuresOf(store: EventStore) {
  const engine = await openProjectionEngine(store, memoryProjectionStates(), [passRegister]);
  await engine.catchUp();
  const register = engine.state(passRegister);
  await engine.close();
  return register;
}

for (const { name, open } of STORES) {
  describe(`Ids unique across the log (${name})`, function () {
    this.timeout(30_000);
    let store: EventStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await open());
    });
    afterEach(async () => dispose());

    const theirs = () => {
      const pass = recordPass({ units: ['POLIS', 'KAST'] });
      const raid: PassCommand = { type: 'RecordRaid', commandId: randomUUID(), passId: pass.passId, raidId: randomUUID(), locationType: 'HOTEL' };
      const minor = recordEncounter(pass.passId, { ageBand: 'AGE_15_17' });
      return { pass, raid: raid as Extract<PassCommand, { type: 'RecordRaid' }>, minor };
    };

    it('refuses an encounter id of another pass (CONFLICT encounterId); the other unit’s child is safeguarded on its own row', async () => {
      const { pass, minor } = theirs();
      expect((await recordCommands(store, [pass, minor], context('KAST'))).ok).to.equal(true);
      const mine = recordPass({ units: ['POLIS', 'MIKA'] });
      expect((await recordCommands(store, [mine], context('MIKA'))).ok).to.equal(true);
      const head = await store.headPosition();

      const attack = await recordCommands(store, [recordEncounter(mine.passId, { encounterId: minor.encounterId, ageBand: 'AGE_15_17' })], context('MIKA'));
      expect(attack.ok).to.equal(false);
      if (!attack.ok) expect(attack.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'encounterId' });
      expect(await store.headPosition(), 'nothing appended').to.equal(head);

      const safeguarded = await recordCommands(
        store,
        [
          { type: 'ContactGuardian', commandId: randomUUID(), passId: pass.passId, encounterId: minor.encounterId, on: pass.date },
          { type: 'FileConcernReport', commandId: randomUUID(), passId: pass.passId, encounterId: minor.encounterId, on: pass.date, kommun: '0180' },
        ],
        context('KAST'),
      );
      expect(safeguarded.ok).to.equal(true);
      const register = await figuresOf(store);
      expect(openSafeguardingActions(register, NOW)).to.deep.equal([]);
      expect(passView(register, pass.passId)?.encounters[0]).to.deep.include({ id: minor.encounterId, guardianContactedOn: pass.date });
      expect(passView(register, mine.passId)?.encounters).to.deep.equal([]);
      expect(steeringFigures(register, ALL)).to.deep.include({ jointPasses: 2, exposed: 1, exposedUnder18: 1 });
    });

    it('refuses a raid id of another pass (CONFLICT raidId) and appends nothing', async () => {
      const { pass, raid } = theirs();
      const mine = recordPass({ units: ['POLIS', 'MIKA'] });
      expect((await recordCommands(store, [pass, raid, mine], context('KAST'))).ok).to.equal(true);
      const head = await store.headPosition();
      const attack = await recordCommands(store, [{ ...raid, commandId: randomUUID(), passId: mine.passId, locationType: 'APARTMENT' }], context('MIKA'));
      expect(attack.ok).to.equal(false);
      if (!attack.ok) expect(attack.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'raidId' });
      expect(await store.headPosition()).to.equal(head);
    });

    it('refuses a pass id used for an encounter, and an encounter id used for a pass, also inside one batch', async () => {
      const { pass, minor } = theirs();
      expect((await recordCommands(store, [pass, minor], context())).ok).to.equal(true);
      const head = await store.headPosition();
      const asPass = await recordCommands(store, [recordPass({ passId: minor.encounterId })], context());
      expect(!asPass.ok && asPass.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'passId' });
      const mine = recordPass();
      const asEncounter = await recordCommands(store, [mine, recordEncounter(mine.passId, { encounterId: pass.passId })], context());
      expect(!asEncounter.ok && asEncounter.failures.map((f) => [f.index, f.errors[0]?.code, f.errors[0]?.field])).to.deep.equal([[1, 'CONFLICT', 'encounterId']]);
      const fresh = randomUUID();
      const twice = await recordCommands(store, [mine, recordEncounter(mine.passId, { encounterId: fresh }), { type: 'RecordRaid', commandId: randomUUID(), passId: mine.passId, raidId: fresh, locationType: 'HOTEL' }], context());
      expect(!twice.ok && twice.failures.map((f) => [f.index, f.errors[0]?.code, f.errors[0]?.field])).to.deep.equal([[2, 'CONFLICT', 'raidId']]);
      expect(await store.headPosition()).to.equal(head);
    });

    it('answers a retry of a recorded command as a retry, not as a reused id', async () => {
      const { pass, minor } = theirs();
      expect((await recordCommands(store, [pass, minor], context())).ok).to.equal(true);
      const head = await store.headPosition();
      const again = await recordCommands(store, [pass, minor], context());
      expect(again.ok && again.outcomes.map((o) => o.status)).to.deep.equal(['already-recorded', 'already-recorded']);
      expect(await store.headPosition()).to.equal(head);
    });

    it('completes a half-written batch when it is sent again with the same commandIds', async () => {
      const { pass, raid, minor } = theirs();
      // The connection is lost after the first append of the batch: the claims are in, the pass is not.
      let sent = 0;
      const flaky: EventStore = {
        ...store,
        appendBatch: async (requests: readonly AppendRequest[]) => {
          const [first] = requests;
          if (!first) return [];
          sent += 1;
          await store.append(first.streamId, first.events, first.expectedRevision);
          throw new StoreUnavailableError('connection lost (test)');
        },
      };
      let lost: unknown;
      try {
        await recordCommands(flaky, [pass, raid, minor], context());
      } catch (error) {
        lost = error;
      }
      expect(lost).to.be.instanceOf(StoreUnavailableError);
      expect(sent).to.equal(1);
      expect(await store.readStream(`pass-${pass.passId}`)).to.deep.equal([]);

      const retry = await recordCommands(store, [pass, raid, minor], context());
      expect(retry.ok, JSON.stringify(retry)).to.equal(true);
      expect((await store.readStream(`pass-${pass.passId}`)).map((e) => e.type)).to.deep.equal(['PassRecorded', 'RaidRecorded', 'PersonEncountered']);
      // Another command cannot take an id the half-written batch claimed.
      const other = recordPass();
      const taken = await recordCommands(store, [other, recordEncounter(other.passId, { encounterId: minor.encounterId })], context());
      expect(!taken.ok && taken.failures[0]?.errors[0]).to.deep.include({ code: 'CONFLICT', field: 'encounterId' });
    });
  });
}

describe('The pass register applies an event to its own pass only (a log written before ids were claimed)', function () {
  this.timeout(30_000);
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  /** Appends a pass event straight to the store, as an older recorder did without the id claims. */
  async function legacy(store: EventStore, passId: string, type: string, data: Record<string, unknown>) {
    const stream = await store.readStream(`pass-${passId}`);
    await store.append(`pass-${passId}`, [{ id: randomUUID(), type, data: { passId, ...data }, metadata: {} }], stream.length === 0 ? 'no_stream' : stream.length - 1);
  }

  it('keeps the first encounter with an id: guardian contact and report land on it, figures right, after a rebuild too', async () => {
    const store = openSqliteStore(join(temp.dir, 'log.db'));
    const theirs = randomUUID();
    const mine = randomUUID();
    const child = randomUUID();
    await legacy(store, theirs, 'PassRecorded', { date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] });
    await legacy(store, theirs, 'PersonEncountered', { encounterId: child, role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0180' });
    await legacy(store, mine, 'PassRecorded', { date: '2022-05-11', kind: 'RAID', units: ['POLIS', 'MIKA'] });
    await legacy(store, mine, 'PersonEncountered', { encounterId: child, role: 'BUYER', ageBand: 'AGE_46_PLUS', homeKommun: '0180' });
    await legacy(store, theirs, 'GuardianContacted', { encounterId: child, on: '2022-05-10' });
    await legacy(store, theirs, 'ConcernReportFiled', { encounterId: child, on: '2022-05-10', kommun: '0180' });
    await legacy(store, mine, 'EncounterRetracted', { encounterId: child, reason: 'x' });
    // An event whose data names another pass than its stream.
    await legacy(store, mine, 'PassRetracted', { passId: theirs, reason: 'x' });

    const engine = await openProjectionEngine(store, store.projectionStates, [passRegister]);
    for (const run of ['catch-up', 'rebuild']) {
      if (run === 'rebuild') await engine.rebuild();
      else await engine.catchUp();
      const register = engine.state(passRegister);
      expect(openSafeguardingActions(register, NOW), run).to.deep.equal([]);
      expect(passView(register, theirs)?.encounters.map((e) => [e.id, e.ageBand, e.retracted, e.guardianContactedOn]), run).to.deep.equal([[child, 'AGE_15_17', false, '2022-05-10']]);
      expect(passView(register, theirs)?.retracted, run).to.equal(false);
      expect(passView(register, mine)?.encounters, run).to.deep.equal([]);
      expect(steeringFigures(register, ALL), run).to.deep.include({ jointPasses: 2, exposed: 1, exposedUnder18: 1, suspectedBuyers: 0 });
    }
    await engine.close();
    await store.close();
  });

  it('keeps the first raid with an id: an encounter of its pass is counted under its raid’s location', async () => {
    const store = openSqliteStore(join(temp.dir, 'log.db'));
    const theirs = randomUUID();
    const mine = randomUUID();
    const raid = randomUUID();
    await legacy(store, theirs, 'PassRecorded', { date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] });
    await legacy(store, theirs, 'RaidRecorded', { raidId: raid, locationType: 'HOTEL' });
    await legacy(store, mine, 'PassRecorded', { date: '2022-05-11', kind: 'RAID', units: ['POLIS', 'MIKA'] });
    await legacy(store, mine, 'RaidRecorded', { raidId: raid, locationType: 'APARTMENT' });
    await legacy(store, theirs, 'PersonEncountered', { encounterId: randomUUID(), raidId: raid, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' });
    await legacy(store, mine, 'PersonEncountered', { encounterId: randomUUID(), raidId: raid, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' });

    const register = await figuresOf(store);
    const byLocation = statistics(register, { ...ALL, groupBy: ['RAID_LOCATION_TYPE'] }).rows.map((row) => [row.key[0]?.value, row.encounters]);
    expect(byLocation).to.deep.include(['HOTEL', 1]);
    expect(byLocation.find(([location]) => location === 'APARTMENT')).to.equal(undefined);
    expect(passView(register, theirs)?.raids.map((r) => r.locationType)).to.deep.equal(['HOTEL']);
    expect(passView(register, mine)?.raids).to.deep.equal([]);
    await store.close();
  });
});

describe('Ids unique across the log: the attack through the API (real HTTP)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  const kast: Caller = { role: 'field', org: 'KAST' };
  const mika: Caller = { role: 'field', org: 'MIKA' };
  before(async () => {
    server = await startServer(undefined, { now: NOW });
  });
  after(async () => server.stop());

  const mutate = (name: string, type: string, input: Record<string, unknown>, as: Caller) =>
    server.graphql(`mutation ($i: ${type}!) { ${name}(input: $i) { revision } }`, { i: { commandId: randomUUID(), ...input } }, as);

  it('refuses MIKA an encounter with KAST’s encounter id; KAST’s guardian contact and report close its own action', async () => {
    const theirs = randomUUID();
    const mine = randomUUID();
    const child = randomUUID();
    expect((await mutate('recordPass', 'RecordPassInput', { passId: theirs, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] }, kast)).body.errors).to.equal(undefined);
    expect((await mutate('recordEncounter', 'RecordEncounterInput', { passId: theirs, encounterId: child, role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0180' }, kast)).body.errors).to.equal(undefined);
    expect((await mutate('recordPass', 'RecordPassInput', { passId: mine, date: '2022-05-11', kind: 'RAID', units: ['POLIS', 'MIKA'] }, mika)).body.errors).to.equal(undefined);
    const head = await server.store.headPosition();
    const attack = await mutate('recordEncounter', 'RecordEncounterInput', { passId: mine, encounterId: child, role: 'BUYER', ageBand: 'AGE_46_PLUS', homeKommun: '0180' }, mika);
    expect(attack.body.errors?.[0]?.extensions).to.deep.include({ code: 'CONFLICT', field: 'input.encounterId' });
    expect(JSON.stringify(attack.body.errors)).not.to.include(theirs);
    expect(await server.store.headPosition()).to.equal(head);

    expect((await mutate('contactGuardian', 'ContactGuardianInput', { passId: theirs, encounterId: child, on: '2022-05-10' }, kast)).body.errors).to.equal(undefined);
    expect((await mutate('fileConcernReport', 'FileConcernReportInput', { passId: theirs, encounterId: child, on: '2022-05-10', kommun: '0180' }, kast)).body.errors).to.equal(undefined);
    const open = await server.graphql('{ openSafeguardingActions { encounterId } }', undefined, kast);
    expect(open.body.data?.openSafeguardingActions).to.deep.equal([]);
    await server.samlogg.engine.rebuild();
    const figures = await server.graphql('{ steeringFigures(from: "2022-01-01", to: "2022-12-31") { jointPasses exposed exposedUnder18 suspectedBuyers } }');
    expect(figures.body.data?.steeringFigures).to.deep.equal({ jointPasses: 2, exposed: 1, exposedUnder18: 1, suspectedBuyers: 0 });
    expect((await server.graphql('{ openSafeguardingActions { encounterId } }', undefined, kast)).body.data?.openSafeguardingActions).to.deep.equal([]);
  });
});

describe('samlogg claim-ids: a log recorded before ids were claimed', function () {
  this.timeout(60_000);
  it('claims every id once, the first use keeping it, so none can be recorded again; a second run claims nothing', async () => {
    const temp = tempDir();
    try {
      const path = join(temp.dir, 'old.db');
      const store = openSqliteStore(path);
      const passId = randomUUID();
      const raidId = randomUUID();
      const encounterId = randomUUID();
      const other = randomUUID();
      // As the recorder wrote it before: events in their pass streams, no id-… stream.
      const old = async (pass: string, type: string, data: Record<string, unknown>) => {
        const stream = await store.readStream(`pass-${pass}`);
        await store.append(`pass-${pass}`, [{ id: randomUUID(), type, data: { passId: pass, ...data }, metadata: { commandId: randomUUID() } }], stream.length === 0 ? 'no_stream' : stream.length - 1);
      };
      await old(passId, 'PassRecorded', { date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] });
      await old(passId, 'RaidRecorded', { raidId, locationType: 'HOTEL' });
      await old(passId, 'PersonEncountered', { encounterId, role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0180' });
      await old(other, 'PassRecorded', { date: '2022-05-11', kind: 'RAID', units: ['POLIS', 'MIKA'] });
      await old(other, 'PersonEncountered', { encounterId, role: 'BUYER', ageBand: 'AGE_46_PLUS', homeKommun: '0180' });
      await store.close();

      const env = { SAMLOGG_STORE: `sqlite:${path}`, SAMLOGG_NOW: NOW.toISOString() };
      const run = await runCli(['claim-ids', '--json'], env);
      expect(run.code, run.stderr).to.equal(0);
      expect(lastJson(run.stdout)).to.deep.equal({ ids: 4, claimed: 4, reused: 1 });
      expect(lastJson((await runCli(['claim-ids', '--json'], env)).stdout)).to.deep.equal({ ids: 4, claimed: 0, reused: 1 });

      const reopened = openSqliteStore(path);
      try {
        const mine = recordPass({ units: ['POLIS', 'MIKA'] });
        const refused = await recordCommands(
          reopened,
          [mine, recordEncounter(mine.passId, { encounterId }), { type: 'RecordRaid', commandId: randomUUID(), passId: mine.passId, raidId, locationType: 'HOTEL' }, recordEncounter(mine.passId, { encounterId: other })],
          context('MIKA'),
        );
        expect(!refused.ok && refused.failures.map((f) => [f.index, f.errors[0]?.code, f.errors[0]?.field])).to.deep.equal([
          [1, 'CONFLICT', 'encounterId'],
          [2, 'CONFLICT', 'raidId'],
          [3, 'CONFLICT', 'encounterId'],
        ]);
        const claim = await reopened.readStream(`id-${encounterId}`);
        expect(claim.map((e) => (e.data as { streamId: string }).streamId)).to.deep.equal([`pass-${passId}`]);
      } finally {
        await reopened.close();
      }
    } finally {
      temp.remove();
    }
  });
});
