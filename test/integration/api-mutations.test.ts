import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from '../support/server.js';

const FIGURES = '{ jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport }';

describe('GraphQL mutations (real HTTP on a free port)', function () {
  this.timeout(30_000);
  let server: RunningServer;

  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => server.stop());

  /** The field user's unit each test records as (a field user writes only passes their unit takes part in). */
  let unit = 'MIKA';
  async function mutate(name: string, inputType: string, input: Record<string, unknown>, expectedRevision?: number) {
    return server.graphql(
      `mutation ($input: ${inputType}!, $expectedRevision: Int) { ${name}(input: $input, expectedRevision: $expectedRevision) { commandId passId revision } }`,
      { input, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
      { role: 'field', org: unit },
    );
  }
  const figures = async () => (await server.graphql(`{ steeringFigures(from: "2022-01-01", to: "2022-12-31") ${FIGURES} }`)).body.data?.steeringFigures;

  it('records a pass, a raid, encounters, support and safeguarding, and the next query sees each write', async () => {
    unit = 'UNGDOMSJOUREN';
    const passId = randomUUID();
    const raidId = randomUUID();
    const minor = randomUUID();
    const pass = await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'UNGDOMSJOUREN'], startTime: '21:00' });
    expect(pass.body.data?.recordPass).to.deep.equal({ commandId: (pass.body.data?.recordPass as { commandId: string }).commandId, passId, revision: 0 });
    expect(await figures()).to.deep.include({ jointPasses: 1, exposed: 0 });
    await mutate('recordRaid', 'RecordRaidInput', { commandId: randomUUID(), passId, raidId, locationType: 'HOTEL' });
    const met = await mutate('recordEncounter', 'RecordEncounterInput', { commandId: randomUUID(), passId, encounterId: minor, raidId, role: 'EXPOSED', ageBand: 'AGE_15_17', gender: 'WOMAN', homeKommun: '0117' });
    expect((met.body.data?.recordEncounter as { revision: number }).revision).to.equal(2);
    expect(await figures()).to.deep.include({ exposed: 1, exposedUnder18: 1, offeredSupport: 0 });
    await mutate('offerSupport', 'OfferSupportInput', { commandId: randomUUID(), passId, encounterId: minor, unit: 'UNGDOMSJOUREN' });
    expect(await figures()).to.deep.include({ offeredSupport: 1 });
    const contact = await mutate('contactGuardian', 'ContactGuardianInput', { commandId: randomUUID(), passId, encounterId: minor, on: '2022-05-10' });
    const report = await mutate('fileConcernReport', 'FileConcernReportInput', { commandId: randomUUID(), passId, encounterId: minor, on: '2022-05-11', kommun: '0117' });
    expect([contact.body.errors, report.body.errors]).to.deep.equal([undefined, undefined]);
    await mutate('correctEncounter', 'CorrectEncounterInput', { commandId: randomUUID(), passId, encounterId: minor, role: 'BUYER', gender: null });
    expect(await figures()).to.deep.include({ exposed: 0, suspectedBuyers: 1, suspectedBuyersUnder18: 1 });
    await mutate('retractEncounter', 'RetractEncounterInput', { commandId: randomUUID(), passId, encounterId: minor, reason: 'fel pass' });
    expect(await figures()).to.deep.include({ suspectedBuyers: 0 });
    await mutate('correctPass', 'CorrectPassInput', { commandId: randomUUID(), passId, units: ['UNGDOMSJOUREN'] });
    expect(await figures()).to.deep.include({ jointPasses: 0 });
    const retracted = await mutate('retractPass', 'RetractPassInput', { commandId: randomUUID(), passId, reason: 'dubbelregistrerad' });
    expect((retracted.body.data?.retractPass as { revision: number }).revision).to.equal(9);
  });

  it('clears an area with area: null: pass(id) shows null, passHistory the correction, the steering figures stay; an empty area or clearing twice is refused, appending nothing', async () => {
    unit = 'MIKA';
    const passId = randomUUID();
    await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'], area: 'Fel område' });
    await mutate('recordEncounter', 'RecordEncounterInput', { commandId: randomUUID(), passId, encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' });
    const read = async () => (await server.graphql(`{ pass(id: "${passId}") { area textErased revision } }`, undefined, { role: 'field', org: unit })).body.data?.pass;
    expect(await read()).to.deep.equal({ area: 'Fel område', textErased: false, revision: 1 });
    const before = await figures();
    const head = await server.store.headPosition();

    const empty = await mutate('correctPass', 'CorrectPassInput', { commandId: randomUUID(), passId, area: '  ' });
    expect(empty.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.area', rule: 'must not be empty; send null to clear it' });
    expect(await server.store.headPosition()).to.equal(head);

    const cleared = await mutate('correctPass', 'CorrectPassInput', { commandId: randomUUID(), passId, area: null });
    expect(cleared.body.errors).to.equal(undefined);
    expect(await read()).to.deep.equal({ area: null, textErased: false, revision: 2 });
    const history = (await server.graphql(`{ passHistory(id: "${passId}") { type } }`, undefined, { role: 'field', org: unit })).body.data?.passHistory;
    expect(history).to.deep.equal([{ type: 'PassRecorded' }, { type: 'PersonEncountered' }, { type: 'PassCorrected' }]);
    expect(await figures()).to.deep.equal(before);

    // Written in the document rather than as a variable, null clears the same way; here nothing is left to clear.
    const head2 = await server.store.headPosition();
    const again = await server.graphql(`mutation { correctPass(input: { commandId: "${randomUUID()}", passId: "${passId}", area: null }) { revision } }`, undefined, { role: 'field', org: unit });
    expect(again.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.passId' });
    expect(again.body.errors?.[0]?.message).to.match(/changes nothing/);
    expect(await server.store.headPosition()).to.equal(head2);
    // Left out, the area is not touched: a correction of the kind keeps the area cleared and the pass as it was.
    await mutate('correctPass', 'CorrectPassInput', { commandId: randomUUID(), passId, kind: 'SURVEILLANCE', area: 'Nytt område' });
    expect(await read()).to.deep.include({ area: 'Nytt område' });
    await mutate('correctPass', 'CorrectPassInput', { commandId: randomUUID(), passId, kind: 'RAID' });
    expect(await read()).to.deep.include({ area: 'Nytt område' });
  });

  it('answers a retry with the same result and appends once', async () => {
    unit = 'MIKA';
    const input = { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'SURVEILLANCE', units: ['POLIS', 'MIKA'] };
    const first = await mutate('recordPass', 'RecordPassInput', input);
    const head = await server.store.headPosition();
    const again = await mutate('recordPass', 'RecordPassInput', input);
    expect(again.body).to.deep.equal(first.body);
    expect(await server.store.headPosition()).to.equal(head);
    expect(await figures()).to.deep.include({ jointPasses: 1 });
  });

  it('refuses an unknown kommun as BAD_USER_INPUT naming input.homeKommun, appending nothing', async () => {
    unit = 'MIKA';
    const passId = randomUUID();
    await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] });
    const head = await server.store.headPosition();
    const { status, body } = await mutate('recordEncounter', 'RecordEncounterInput', { commandId: randomUUID(), passId, encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0999' });
    expect(status).to.equal(200);
    expect(body.data ?? null).to.equal(null);
    expect(body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.homeKommun' });
    expect(body.errors?.[0]?.message).to.match(/^input\.homeKommun: must be an SCB kommun code/);
    expect(JSON.stringify(body)).not.to.include('0999');
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('refuses an unknown pass as it refuses another unit’s (FORBIDDEN), and CONFLICT for a stale expectedRevision, appending nothing', async () => {
    unit = 'KAST';
    const missing = await mutate('recordEncounter', 'RecordEncounterInput', { commandId: randomUUID(), passId: randomUUID(), encounterId: randomUUID(), role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' });
    expect(missing.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'recordEncounter', rule: 'is open only for recorded passes your own unit took part in' });
    const passId = randomUUID();
    await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] });
    await mutate('recordRaid', 'RecordRaidInput', { commandId: randomUUID(), passId, raidId: randomUUID(), locationType: 'APARTMENT' }, 0);
    const head = await server.store.headPosition();
    const stale = await mutate('recordRaid', 'RecordRaidInput', { commandId: randomUUID(), passId, raidId: randomUUID(), locationType: 'HOTEL' }, 0);
    expect(stale.body.errors?.[0]?.extensions).to.deep.include({ code: 'CONFLICT', field: 'expectedRevision' });
    expect(stale.body.errors?.[0]?.message).to.match(/is at revision 1/);
    const duplicate = await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] });
    expect(duplicate.body.errors?.[0]?.extensions).to.deep.include({ code: 'CONFLICT', field: 'input.passId' });
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('refuses a malformed input before the resolver: an unknown enum value, a missing field', async () => {
    unit = 'MIKA';
    const head = await server.store.headPosition();
    const badEnum = await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['SOCTJ'] });
    expect(badEnum.body.errors?.[0]?.extensions?.code).to.equal('BAD_USER_INPUT');
    const missing = await mutate('recordPass', 'RecordPassInput', { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID' });
    expect(missing.body.errors?.[0]?.extensions?.code).to.equal('BAD_USER_INPUT');
    const badId = await mutate('recordPass', 'RecordPassInput', { commandId: 'x', passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['MIKA'] });
    expect(badId.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.commandId' });
    expect(await server.store.headPosition()).to.equal(head);
  });
});
