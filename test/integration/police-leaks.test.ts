import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

/**
 * Issue 11, item 3: the police learn nothing of support, guardian contact or reports of concern by
 * any path. Two twin passes differ only in those social-services-only facts; every answer a police
 * user can get about them (refusals, history, revisions, conflicts, retries) must be the same.
 */
const POLIS: Caller = { role: 'field', org: 'POLIS' };
const KAST: Caller = { role: 'field', org: 'KAST' };
const NOW = new Date('2022-06-15T10:00:00Z');

describe('No leaks to the police: twin passes that differ only in social-services-only facts', function () {
  this.timeout(60_000);
  let server: RunningServer;
  const twins = { withFacts: randomUUID(), without: randomUUID() };
  const minors = { withFacts: randomUUID(), without: randomUUID() };

  const mutate = async (name: string, type: string, input: Record<string, unknown>, as: Caller, expectedRevision?: number) => {
    const { body } = await server.graphql(
      `mutation ($i: ${type}!, $r: Int) { ${name}(input: $i, expectedRevision: $r) { revision } }`,
      { i: { commandId: randomUUID(), ...input }, ...(expectedRevision === undefined ? {} : { r: expectedRevision }) },
      as,
    );
    return body;
  };
  const ok = async (...args: Parameters<typeof mutate>) => {
    const body = await mutate(...args);
    expect(body.errors, `${args[0]} ${JSON.stringify(args[2])}`).to.equal(undefined);
    return body;
  };

  before(async () => {
    server = await startServer(undefined, { now: NOW });
    for (const twin of ['withFacts', 'without'] as const) {
      const passId = twins[twin];
      const facts = twin === 'withFacts';
      await ok('recordPass', 'RecordPassInput', { passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] }, POLIS);
      await ok('recordEncounter', 'RecordEncounterInput', { passId, encounterId: minors[twin], role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0180' }, POLIS);
      if (facts) {
        await ok('offerSupport', 'OfferSupportInput', { passId, encounterId: minors[twin], unit: 'KAST' }, KAST);
        await ok('contactGuardian', 'ContactGuardianInput', { passId, encounterId: minors[twin], on: '2022-05-12' }, KAST);
      }
      await ok('recordEncounter', 'RecordEncounterInput', { passId, encounterId: randomUUID(), role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' }, POLIS);
      if (facts) await ok('fileConcernReport', 'FileConcernReportInput', { passId, encounterId: minors[twin], on: '2022-05-12', kommun: '0180' }, KAST);
    }
  });
  after(async () => server.stop());

  /** Everything a police user sees of a pass, with the pass's own ids taken out. */
  async function policeSees(twin: keyof typeof twins) {
    const passId = twins[twin];
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(passId, 'PASS').replaceAll(minors[twin], 'MINOR')) as unknown;
    const history = (await server.graphql(`{ passHistory(id: "${passId}") { revision type } }`, undefined, POLIS)).body;
    const pass = (await server.graphql(`{ pass(id: "${passId}") { revision encounters { ageBand supportOfferedBy guardianContactedOn concernReport { on } } } }`, undefined, POLIS)).body;
    const later = await mutate('correctPass', 'CorrectPassInput', { passId, date: '2022-05-13' }, POLIS);
    const stale = await mutate('recordRaid', 'RecordRaidInput', { passId, raidId: randomUUID(), locationType: 'HOTEL' }, POLIS, 1);
    const revision = (pass.data?.pass as { revision: number }).revision;
    const raid = { passId, raidId: randomUUID(), locationType: 'HOTEL', commandId: randomUUID() };
    const fresh = (await server.graphql('mutation ($i: RecordRaidInput!, $r: Int) { recordRaid(input: $i, expectedRevision: $r) { revision } }', { i: raid, r: revision }, POLIS)).body;
    const retry = (await server.graphql('mutation ($i: RecordRaidInput!) { recordRaid(input: $i) { revision } }', { i: raid }, POLIS)).body;
    const after = (await server.graphql(`{ pass(id: "${passId}") { revision } passHistory(id: "${passId}") { revision } }`, undefined, POLIS)).body;
    const listed = (await server.graphql('{ passes(first: 100) { edges { node { id revision } } } }', undefined, POLIS)).body.data?.passes as { edges: Array<{ node: { id: string; revision: number } }> };
    const inList = listed.edges.find((edge) => edge.node.id === passId)?.node.revision;
    return strip({ history, pass, later, stale, fresh, retry, after, inList });
  }

  it('gives the police the same answers on both twins: history, revisions, refusals, conflicts and retries', async () => {
    const withFacts = await policeSees('withFacts');
    const without = await policeSees('without');
    expect(withFacts).to.deep.equal(without);
    const seen = withFacts as { history: { data: { passHistory: Array<{ revision: number }> } }; later: { errors: Array<{ message: string }> } };
    expect(seen.history.data.passHistory.map((e) => e.revision), 'no gap in the numbering').to.deep.equal([0, 1, 2]);
    expect((withFacts as { inList: number }).inList, 'the list shows the revision the pass shows').to.equal(3);
    expect(seen.later.errors[0]?.message).not.to.match(/guardian|concern|contact|report|2022-05-12/i);
  });

  it('refuses the police a later pass date with a child on the pass, naming neither fact nor date; social services get the reason', async () => {
    const police = await mutate('correctPass', 'CorrectPassInput', { passId: twins.withFacts, date: '2022-05-14' }, POLIS);
    expect(police.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.date' });
    expect(JSON.stringify(police.errors)).not.to.match(/guardian|concern|contact|report|2022-05-12|earliest/i);
    const kast = await mutate('correctPass', 'CorrectPassInput', { passId: twins.withFacts, date: '2022-05-14' }, KAST);
    expect(kast.errors?.[0]?.message).to.match(/guardian contact or report of concern/);
    // An earlier date holds no secret: the police may move it.
    expect((await mutate('correctPass', 'CorrectPassInput', { passId: twins.withFacts, date: '2022-05-09' }, POLIS)).errors).to.equal(undefined);
  });

  it('lets the police move the date of a pass with adults only, and counts social services’ revisions in full for them', async () => {
    const passId = randomUUID();
    await ok('recordPass', 'RecordPassInput', { passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] }, POLIS);
    await ok('recordEncounter', 'RecordEncounterInput', { passId, encounterId: randomUUID(), role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' }, POLIS);
    expect((await mutate('correctPass', 'CorrectPassInput', { passId, date: '2022-05-11' }, POLIS)).errors).to.equal(undefined);
    const history = (await server.graphql(`{ passHistory(id: "${twins.withFacts}") { revision type } }`, undefined, KAST)).body.data?.passHistory as Array<{ revision: number }>;
    expect(history.map((e) => e.revision)).to.deep.equal(history.map((_e, i) => i));
    expect(history).to.have.length.greaterThan(6);
  });
});
