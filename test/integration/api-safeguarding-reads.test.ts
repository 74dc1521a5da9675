import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import { startServer, type RunningServer } from '../support/server.js';

describe('GraphQL: openSafeguardingActions reads no stream per action (real HTTP)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  const passes = Array.from({ length: 12 }, () => randomUUID());

  before(async () => {
    server = await startServer(async (store) => {
      // Twelve passes, two minors each, every one still missing both actions.
      const commands = passes.flatMap((passId) => [
        { type: 'RecordPass', commandId: randomUUID(), passId, date: '2022-07-01', kind: 'SURVEILLANCE', units: ['UNGDOMSJOUREN', 'POLIS'] },
        { type: 'RecordEncounter', commandId: randomUUID(), passId, encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0126' },
        { type: 'RecordEncounter', commandId: randomUUID(), passId, encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'UNDER_15', homeKommun: '0180' },
      ]);
      const result = await recordCommands(store, commands, { actor: { userId: 'u-9', org: 'UNGDOMSJOUREN', role: 'field' }, correlationId: randomUUID(), now: new Date() });
      if (!result.ok) throw new Error(JSON.stringify(result.failures[0]));
    });
  });
  after(async () => server.stop());

  it('reads each pass stream at most once for 24 actions, and none when asked again', async () => {
    const passReads: string[] = [];
    const readStream = server.store.readStream.bind(server.store);
    server.store.readStream = (streamId) => {
      if (streamId.startsWith('pass-')) passReads.push(streamId);
      return readStream(streamId);
    };
    const query = '{ openSafeguardingActions { passId encounterId recordedByOrg } }';
    const ungdomsjouren = { role: 'field', org: 'UNGDOMSJOUREN' } as const;
    const first = await server.graphql(query, undefined, ungdomsjouren);
    const actions = first.body.data?.openSafeguardingActions as Array<{ recordedByOrg: string }>;
    expect(actions).to.have.length(24);
    expect(actions.every((a) => a.recordedByOrg === 'UNGDOMSJOUREN')).to.equal(true);
    expect(passReads.length, 'one read per pass, not two per action').to.be.at.most(passes.length);
    expect(new Set(passReads).size).to.equal(passReads.length);

    passReads.length = 0;
    const again = await server.graphql(query, undefined, ungdomsjouren);
    expect(again.body.data?.openSafeguardingActions).to.deep.equal(actions);
    expect((await server.graphql(query, undefined, { role: 'field', org: 'MIKA' })).body.data?.openSafeguardingActions).to.deep.equal([]);
    expect(passReads).to.deep.equal([]);
  });
});
