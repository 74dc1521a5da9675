import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { encounterIndex, prepareEncounterIndex } from '../../projections/encounter-index.js';
import { passRegister } from '../../projections/pass-register.js';
import { recordCommands } from '../../src/application/record-commands.js';
import { demoCommands } from '../../src/demo/demo-log.js';
import { encounterIndexReady } from '../../src/projections/encounter-index-preparation.js';
import { warmUpQueries } from '../../src/projections/query-warm-up.js';
import { startServer, type RunningServer } from '../support/server.js';
import { referenceStatistics } from '../support/statistics-reference.js';

const NOW = new Date('2024-03-01T12:00:00.000Z');
const TOTAL = 'total { passes encounters exposed suspectedBuyers under18 offeredSupport }';

describe('Encounter index at the server: laid out after start, statistics questions await it', function () {
  this.timeout(30_000);
  let server: RunningServer;

  before(async () => {
    server = await startServer(
      async (store) => {
        const result = await recordCommands(store, demoCommands(), { actor: { userId: 'u1', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: NOW });
        if (!result.ok) throw new Error(JSON.stringify(result.failures[0]));
      },
      { now: NOW },
    );
  });
  after(async () => server.stop());

  it('answers statistics asked straight after start, side by side, as the reference does on the register, and leaves the index laid out', async () => {
    const questions = [
      { from: '2021-01-01', to: '2023-12-31', jointOnly: true },
      { from: '2022-01-01', to: '2022-12-31', jointOnly: false },
    ];
    const answers = await Promise.all(
      questions.map(async (q) => (await server.graphql(`{ statistics(filter: { from: "${q.from}", to: "${q.to}", jointOnly: ${q.jointOnly} }) { ${TOTAL} } }`)).body),
    );
    expect((answers[0]?.data?.statistics as { total: { encounters: number } }).total.encounters, 'the demo log has encounters in the period').to.be.greaterThan(0);
    const register = server.samlogg.engine.state(passRegister);
    answers.forEach((body, i) => {
      const q = questions[i] as (typeof questions)[number];
      expect(body.errors, JSON.stringify(q)).to.equal(undefined);
      expect((body.data?.statistics as { total: unknown }).total, JSON.stringify(q)).to.deep.equal(referenceStatistics(register, { ...q, groupBy: [] }).total);
    });
    await encounterIndexReady(register);
    const steps = prepareEncounterIndex(register);
    expect(steps.next(), 'the index is current: nothing left to lay out').to.deep.equal({ done: true, value: encounterIndex(register) });
  });

  it('warms the queries up after start one question a turn, over the register, appending and answering nothing', async () => {
    const register = server.samlogg.engine.state(passRegister);
    const head = await server.store.headPosition();
    const hits = server.samlogg.answers.hits;
    let turns = 0;
    let warming = true;
    const countTurns = (): void => {
      turns += 1;
      if (warming) setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const asked = await warmUpQueries(register);
    warming = false;
    // 4 periods, each the steering figures and four statistics shapes.
    expect(asked).to.equal(20);
    expect(turns, 'the event loop ran between the questions').to.be.at.least(asked - 1);
    expect(await server.store.headPosition()).to.equal(head);
    expect(server.samlogg.answers.hits).to.equal(hits);
    expect(await warmUpQueries(passRegister.init()), 'a register with no pass has no dates to ask about').to.equal(0);
  });
});
