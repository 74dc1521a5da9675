import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import { runCli } from '../support/cli.js';
import { recordEncounter, recordPass, toJsonl } from '../support/commands.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

/**
 * Issue 11, item 2: who may read and write a pass is decided on its stream as it stands, not on the
 * register, which lags what another process wrote. The server here looks for other processes' events
 * only once an hour, so the window after a `samlogg import` stays open for the whole test.
 */
const NOW = '2022-06-15T12:00:00+02:00';
const MIKA: Caller = { role: 'field', org: 'MIKA' };
const KAST: Caller = { role: 'field', org: 'KAST' };

describe('Access decided on the pass stream, while the register lags another writer', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let env: Record<string, string>;
  const pass = recordPass({ units: ['POLIS', 'KAST'], date: '2022-06-10' });
  const encounter = recordEncounter(pass.passId);

  const importFile = async (name: string, commands: unknown[]) => {
    const file = join(dirname(server.store.path), name);
    writeFileSync(file, toJsonl(commands));
    const run = await runCli(['import', file], env);
    expect(run.code, run.stderr).to.equal(0);
  };
  const registerKnows = () => passView(server.samlogg.engine.state(passRegister), pass.passId);
  const history = (as: Caller) => server.graphql(`{ passHistory(id: "${pass.passId}") { type } }`, undefined, as);
  const mutate = (name: string, type: string, input: Record<string, unknown>, as: Caller) =>
    server.graphql(`mutation ($i: ${type}!) { ${name}(input: $i) { revision } }`, { i: { commandId: randomUUID(), passId: pass.passId, ...input } }, as);

  before(async () => {
    server = await startServer(undefined, { now: new Date(NOW), pollIntervalMs: 3_600_000 });
    env = { SAMLOGG_STORE: `sqlite:${server.store.path}`, SAMLOGG_DATA_KEYS: `${server.store.path}.keys`, SAMLOGG_NOW: NOW };
  });
  after(async () => server.stop());

  it('refuses another unit’s user the history, the pass and every write of a pass the register has not seen yet', async () => {
    await importFile('kast.jsonl', [pass, encounter]);
    expect(registerKnows(), 'the window is open: the register does not know the pass').to.equal(undefined);
    const head = await server.store.headPosition();

    expect((await history(MIKA)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'passHistory' });
    expect((await server.graphql(`{ pass(id: "${pass.passId}") { id } }`, undefined, MIKA)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'pass' });
    expect((await mutate('retractPass', 'RetractPassInput', { reason: 'Syntetiskt skäl' }, MIKA)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'retractPass' });
    expect((await mutate('retractEncounter', 'RetractEncounterInput', { encounterId: encounter.encounterId, reason: 'Syntetiskt skäl' }, MIKA)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'retractEncounter' });
    expect((await mutate('correctPass', 'CorrectPassInput', { units: ['POLIS', 'KAST', 'MIKA'] }, MIKA)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'correctPass' });
    expect((await mutate('recordRaid', 'RecordRaidInput', { raidId: randomUUID(), locationType: 'HOTEL' }, MIKA)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'recordRaid' });
    expect(await server.store.headPosition(), 'nothing appended, not even a read record').to.equal(head);
    expect(registerKnows(), 'still in the window').to.equal(undefined);

    // The pass's own unit reads and writes it in the same window.
    expect((await history(KAST)).body.data?.passHistory).to.deep.equal([{ type: 'PassRecorded' }, { type: 'PersonEncountered' }]);
    expect((await mutate('recordRaid', 'RecordRaidInput', { raidId: randomUUID(), locationType: 'HOTEL' }, KAST)).body.errors).to.equal(undefined);
    expect(registerKnows()?.units).to.deep.equal(['KAST', 'POLIS']);
  });

  it('follows a change of units another process made: the unit taken off is refused, the unit put on may write', async () => {
    await importFile('units.jsonl', [{ type: 'CorrectPass', commandId: randomUUID(), passId: pass.passId, units: ['POLIS', 'MIKA'] }]);
    expect(registerKnows()?.units, 'the register still has the old units').to.deep.equal(['KAST', 'POLIS']);
    const head = await server.store.headPosition();
    expect((await history(KAST)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'passHistory' });
    expect((await mutate('retractPass', 'RetractPassInput', { reason: 'Syntetiskt skäl' }, KAST)).body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'retractPass' });
    expect(await server.store.headPosition()).to.equal(head);
    expect((await mutate('recordEncounter', 'RecordEncounterInput', { encounterId: randomUUID(), role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' }, MIKA)).body.errors).to.equal(undefined);
    // A list is answered from the register once it has caught up with the log.
    const listed = await server.graphql('{ passes { edges { node { id } } } }', undefined, KAST);
    expect(listed.body.data?.passes).to.deep.equal({ edges: [] });
  });
});
