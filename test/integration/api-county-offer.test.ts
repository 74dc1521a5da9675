import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { recordCommands } from '../../src/application/record-commands.js';
import { recordDemo } from '../support/demo.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

const PROJEKTLEDARE: Caller = { role: 'projektledare', org: 'PROJEKTLEDNING' };
const MIKA: Caller = { role: 'field', org: 'MIKA' };

describe('GraphQL: county offer, safeguarding, trainings and outreach over the demo log (real HTTP)', function () {
  this.timeout(60_000);
  let server: RunningServer;

  before(async () => {
    server = await startServer(async (store) => {
      await recordDemo(store);
    }, { as: PROJEKTLEDARE });
  });
  after(async () => server.stop());

  it('lists the 15 connected kommuner of autumn 2022 on 2022-09-30, the 10 not connected, and Danderyd in neither', async () => {
    const { body } = await server.graphql('{ agreements(on: "2022-09-30") { on connected { code name } notConnected { code name } unknown { name } offeredTo quotedMay2024 { text source } } }');
    const a = body.data?.agreements as { connected: Array<{ name: string }>; notConnected: Array<{ code: string; name: string }>; unknown: Array<{ name: string }>; offeredTo: number; quotedMay2024: { text: string; source: string } };
    expect(a.connected.map((k) => k.name).sort()).to.deep.equal(
      ['Ekerö', 'Haninge', 'Järfälla', 'Nacka', 'Nynäshamn', 'Salem', 'Sigtuna', 'Sollentuna', 'Solna', 'Sundbyberg', 'Södertälje', 'Täby', 'Upplands Väsby', 'Vaxholm', 'Värmdö'].sort(),
    );
    expect(a.notConnected.map((k) => k.name).sort()).to.deep.equal(['Botkyrka', 'Gotland', 'Huddinge', 'Lidingö', 'Norrtälje', 'Nykvarn', 'Tyresö', 'Upplands-Bro', 'Vallentuna', 'Österåker'].sort());
    expect(a.unknown.map((k) => k.name)).to.deep.equal(['Danderyd']);
    expect(a.offeredTo).to.equal(26);
    expect(a.quotedMay2024.text).to.equal('19 of 25 (May 2024)');
    expect(a.quotedMay2024.source).to.match(/SN 2024\/0043/);
  });

  it('connects Österåker from 2024-06-01 (seed 002), not the day before', async () => {
    const on = async (date: string) => ((await server.graphql(`{ agreements(on: "${date}") { connected { code } } }`)).body.data?.agreements as { connected: Array<{ code: string }> }).connected.map((k) => k.code);
    expect(await on('2024-05-31')).to.not.include('0117');
    expect(await on('2024-06-01')).to.include('0117').and.have.lengthOf(16);
  });

  it('splits 4,000,000 SEK by the 2018 population of the county: Österåker 76,499 SEK and an exact total', async () => {
    const { body } = await server.graphql('{ costShare(totalSek: 4000000, populationYear: 2018, base: COUNTY) { kommun { code name } population amountSek } costShareReport(totalSek: 4000000, populationYear: 2018, base: COUNTY) { populationYear base population on } }');
    const rows = body.data?.costShare as Array<{ kommun: { code: string; name: string }; population: number; amountSek: number }>;
    expect(rows.find((r) => r.kommun.code === '0117')).to.deep.equal({ kommun: { code: '0117', name: 'Österåker' }, population: 44831, amountSek: 76499 });
    expect(rows.reduce((n, r) => n + r.amountSek, 0)).to.equal(4_000_000);
    expect(body.data?.costShareReport).to.deep.equal({ populationYear: 2018, base: 'COUNTY', population: 2_344_124, on: null });
  });

  it('shares among the kommuner connected on a date with base CONNECTED, and refuses what it cannot share', async () => {
    const { body } = await server.graphql('{ costShare(totalSek: 1000000, populationYear: 2019, base: CONNECTED, on: "2022-09-30") { kommun { code } amountSek } }');
    const rows = body.data?.costShare as Array<{ amountSek: number }>;
    expect(rows).to.have.lengthOf(15);
    expect(rows.reduce((n, r) => n + r.amountSek, 0)).to.equal(1_000_000);
    const badYear = await server.graphql('{ costShare(totalSek: 1000, populationYear: 2017, base: COUNTY) { amountSek } }');
    expect(badYear.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'populationYear' });
    const onWithCounty = await server.graphql('{ costShare(totalSek: 1000, populationYear: 2018, base: COUNTY, on: "2022-09-30") { amountSek } }');
    expect(onWithCounty.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'on' });
    const negative = await server.graphql('{ costShare(totalSek: -5, populationYear: 2018, base: COUNTY) { amountSek } }');
    expect(negative.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'totalSek' });
  });

  it('reproduces the trainings of seed 004: 4 rounds, about 350 participants, 3 digital in 2021, the first physical in May 2022', async () => {
    const { body } = await server.graphql('{ trainingSummary(from: "2021-01-01", to: "2022-09-30") { rounds participants firstPhysical byYear { year rounds digital physical } byFormat { format rounds } } }');
    const t = body.data?.trainingSummary as { rounds: number; participants: number; firstPhysical: string; byYear: Array<{ year: number; rounds: number; digital: number; physical: number }> };
    expect(t.rounds).to.equal(4);
    expect(t.participants).to.equal(350);
    expect(t.firstPhysical.slice(0, 7)).to.equal('2022-05');
    expect(t.byYear).to.deep.equal([
      { year: 2021, rounds: 3, digital: 3, physical: 0 },
      { year: 2022, rounds: 1, digital: 0, physical: 1 },
    ]);
    const bad = await server.graphql('{ trainingSummary(from: "2022-01-01", to: "2021-01-01") { rounds } }');
    expect(bad.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it("reproduces Ungdomsjouren's 2022 sugar-dating work: 13 persons, 7 minors, women aged 14–25, 4 + 8 + 1, every minor safeguarded", async () => {
    const { body } = await server.graphql(`{ outreachSummary(year: 2022) {
      accountsRegistered accountsBlocked paidWithPrivateCard contactsEstablished minorsFound
      platforms { platform accountsRegistered accountsBlocked paidWithPrivateCard }
      persons { persons minors byGender { gender persons } byAgeBand { ageBand persons } fromStockholmsStad fromOtherCountyKommuner fromOutsideCounty minorsGuardianContacted minorsConcernReported } } }`);
    const o = body.data?.outreachSummary as Record<string, unknown> & { persons: Record<string, unknown> & { byAgeBand: Array<{ ageBand: string }> } };
    expect(o).to.deep.include({ contactsEstablished: 13, minorsFound: 7, accountsBlocked: 1, paidWithPrivateCard: 1 });
    expect(o.persons).to.deep.include({ persons: 13, minors: 7, fromStockholmsStad: 4, fromOtherCountyKommuner: 8, fromOutsideCounty: 1, minorsGuardianContacted: 7, minorsConcernReported: 7 });
    expect(o.persons.byGender).to.deep.equal([{ gender: 'WOMAN', persons: 13 }]);
    // 14–25: under 15 (14), 15–17, 18–20, 21–25 — and no other band.
    expect(o.persons.byAgeBand.map((b) => b.ageBand)).to.deep.equal(['UNDER_15', 'AGE_15_17', 'AGE_18_20', 'AGE_21_25']);
    const bad = await server.graphql('{ outreachSummary(year: 1899) { sessions } }');
    expect(bad.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('has no open safeguarding action in the demo: the 18 + 3 minors (and the 7 of the outreach) are all complete', async () => {
    const { body } = await server.graphql('{ openSafeguardingActions { encounterId } steeringFigures(from: "2021-04-01", to: "2022-08-31") { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } }');
    expect(body.data?.openSafeguardingActions).to.deep.equal([]);
    expect(body.data?.steeringFigures).to.deep.equal({ jointPasses: 201, exposed: 364, exposedUnder18: 18, suspectedBuyers: 306, suspectedBuyersUnder18: 3, offeredSupport: 670 });
  });

  it('groups statistics by AGREEMENT_STATUS, the rows adding up to the total', async () => {
    const { body } = await server.graphql('{ statistics(filter: { from: "2021-04-01", to: "2022-08-31", jointOnly: true }, groupBy: [AGREEMENT_STATUS]) { rows { key { value } encounters } total { encounters } } }');
    const s = body.data?.statistics as { rows: Array<{ key: Array<{ value: string }>; encounters: number }>; total: { encounters: number } };
    expect(s.total.encounters).to.equal(670);
    expect(s.rows.reduce((n, r) => n + r.encounters, 0)).to.equal(670);
    expect(s.rows.map((r) => r.key[0]?.value)).to.include.members(['CONNECTED', 'NOT_CONNECTED', 'PROVIDER', 'OUTSIDE_AREA']);
  });

  it('has every demo resident of a non-connected kommun notified: the work list is empty', async () => {
    const { body } = await server.graphql('{ pendingKommunNotifications { kommun { code } encounterId } }');
    expect(body.data?.pendingKommunNotifications).to.deep.equal([]);
  });
});

describe('GraphQL: county-offer mutations (real HTTP)', function () {
  this.timeout(30_000);
  let server: RunningServer;

  beforeEach(async () => {
    server = await startServer(undefined, { as: PROJEKTLEDARE });
  });
  afterEach(async () => server.stop());

  async function mutate(name: string, inputType: string, input: Record<string, unknown>) {
    return server.graphql(`mutation ($input: ${inputType}!) { ${name}(input: $input) { commandId streamId revision } }`, { input });
  }
  const pending = async () =>
    ((await server.graphql('{ pendingKommunNotifications { kommun { code name } passId encounterId passDate agreementStatus } }')).body.data?.pendingKommunNotifications as Array<Record<string, unknown>>);

  it('keeps a resident of a non-connected kommun on the work list until notified', async () => {
    const passId = randomUUID();
    const encounterId = randomUUID();
    const confirmed = await mutate('confirmNotConnected', 'ConfirmNotConnectedInput', { commandId: randomUUID(), kommun: '0126', on: '2022-09-30', reference: 'rapport hösten 2022' });
    expect(confirmed.body.data?.confirmNotConnected).to.deep.include({ streamId: 'kommun-0126', revision: 0 });
    await server.graphql('mutation ($i: RecordPassInput!) { recordPass(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, MIKA);
    await server.graphql('mutation ($i: RecordEncounterInput!) { recordEncounter(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, encounterId, role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: '0126' } }, MIKA);
    expect(await pending()).to.deep.equal([{ kommun: { code: '0126', name: 'Huddinge' }, passId, encounterId, passDate: '2022-05-10', agreementStatus: 'NOT_CONNECTED' }]);

    const notified = await mutate('notifyKommun', 'NotifyKommunInput', { commandId: randomUUID(), kommun: '0126', on: '2022-05-12', encounters: [{ passId, encounterId }] });
    expect(notified.body.errors).to.equal(undefined);
    expect(notified.body.data?.notifyKommun).to.deep.include({ streamId: 'kommun-0126', revision: 1 });
    expect(await pending()).to.deep.equal([]);
  });

  it('records agreements, trainings, accounts and sessions, and the next query sees them', async () => {
    await mutate('signAgreement', 'SignAgreementInput', { commandId: randomUUID(), kommun: '0117', effectiveFrom: '2024-06-01', reference: 'SN 2024/0043' });
    const connected = async (on: string) => ((await server.graphql(`{ agreements(on: "${on}") { connected { code } } }`)).body.data?.agreements as { connected: unknown[] }).connected;
    expect(await connected('2024-06-01')).to.deep.equal([{ code: '0117' }]);
    const ended = await mutate('endAgreement', 'EndAgreementInput', { commandId: randomUUID(), kommun: '0117', effectiveUntil: '2025-12-31' });
    expect(ended.body.data?.endAgreement).to.deep.include({ revision: 1 });
    expect(await connected('2026-01-01')).to.deep.equal([]);

    const trainingId = randomUUID();
    const training = await mutate('recordTraining', 'RecordTrainingInput', { commandId: randomUUID(), trainingId, date: '2022-05-17', format: 'PHYSICAL', participants: 40, kommuner: ['0182', '0184'] });
    expect(training.body.data?.recordTraining).to.deep.include({ streamId: `training-${trainingId}`, revision: 0 });
    const summary = (await server.graphql('{ trainingSummary(from: "2022-01-01", to: "2022-12-31") { rounds participants kommunerRepresented { name } } }')).body.data?.trainingSummary;
    expect(summary).to.deep.equal({ rounds: 1, participants: 40, kommunerRepresented: [{ name: 'Nacka' }, { name: 'Solna' }] });

    const accountId = randomUUID();
    await mutate('registerAccount', 'RegisterAccountInput', { commandId: randomUUID(), accountId, unit: 'MIKA', platform: 'Site A', registeredOn: '2023-02-01', payment: 'PRIVATE_CARD' });
    await mutate('discloseOrganisation', 'DiscloseOrganisationInput', { commandId: randomUUID(), accountId, on: '2023-02-01' });
    await mutate('blockAccount', 'BlockAccountInput', { commandId: randomUUID(), accountId, on: '2023-02-03' });
    const session = await mutate('recordOutreachSession', 'RecordOutreachSessionInput', { commandId: randomUUID(), sessionId: randomUUID(), date: '2023-02-02', unit: 'MIKA', platform: 'Site A', accountId, contactsEstablished: 5, minorsFound: 1, referrals: 2, passId: null });
    expect(session.body.errors).to.equal(undefined);
    const o = (await server.graphql('{ outreachSummary(year: 2023) { accountsRegistered accountsBlocked organisationDisclosed paidWithPrivateCard contactsEstablished minorsFound referrals } }')).body.data?.outreachSummary;
    expect(o).to.deep.equal({ accountsRegistered: 1, accountsBlocked: 1, organisationDisclosed: 1, paidWithPrivateCard: 1, contactsEstablished: 5, minorsFound: 1, referrals: 2 });
  });

  it('answers bad input with BAD_USER_INPUT naming the field and the rule, never the value, and appends nothing', async () => {
    const head = await server.store.headPosition();
    const outside = await mutate('signAgreement', 'SignAgreementInput', { commandId: randomUUID(), kommun: '0180', effectiveFrom: '2024-06-01' });
    expect(outside.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.kommun' });
    expect(outside.body.errors?.[0]?.message).to.not.include('0180');
    const minors = await mutate('recordOutreachSession', 'RecordOutreachSessionInput', { commandId: randomUUID(), sessionId: randomUUID(), date: '2023-02-02', unit: 'MIKA', platform: 'Site A', contactsEstablished: 1, minorsFound: 4, referrals: 0 });
    expect(minors.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.minorsFound' });
    const platform = await mutate('registerAccount', 'RegisterAccountInput', { commandId: randomUUID(), accountId: randomUUID(), unit: 'MIKA', platform: 'anna@example.se', registeredOn: '2023-02-01', payment: 'NONE' });
    expect(platform.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'input.platform' });
    expect(JSON.stringify(platform.body.errors)).to.not.include('anna');
    const unknownEncounter = await mutate('notifyKommun', 'NotifyKommunInput', { commandId: randomUUID(), kommun: '0126', on: '2022-05-12', encounters: [{ passId: randomUUID(), encounterId: randomUUID() }] });
    expect(unknownEncounter.body.errors?.[0]?.extensions).to.deep.include({ code: 'NOT_FOUND', field: 'input.encounters.0.encounterId' });
    const noEnd = await mutate('endAgreement', 'EndAgreementInput', { commandId: randomUUID(), kommun: '0117', effectiveUntil: '2025-12-31' });
    expect(noEnd.body.errors?.[0]?.extensions).to.deep.include({ code: 'NOT_FOUND', field: 'input.kommun' });
    expect(await server.store.headPosition()).to.equal(head);
  });
});

describe('GraphQL: openSafeguardingActions (real HTTP)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  const passId = randomUUID();
  const minor = randomUUID();

  before(async () => {
    server = await startServer(async (store) => {
      const commands = [
        { type: 'RecordPass', commandId: randomUUID(), passId, date: '2022-07-01', kind: 'SURVEILLANCE', units: ['UNGDOMSJOUREN', 'POLIS'], startTime: '21:00', endTime: '03:00' },
        { type: 'RecordEncounter', commandId: randomUUID(), passId, encounterId: minor, role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0126' },
        { type: 'ContactGuardian', commandId: randomUUID(), passId, encounterId: minor, on: '2022-07-02' },
      ];
      const result = await recordCommands(store, commands, { actor: { userId: 'u-9', org: 'UNGDOMSJOUREN', role: 'field' }, correlationId: randomUUID(), now: new Date() });
      if (!result.ok) throw new Error(JSON.stringify(result.failures[0]));
    });
  });
  after(async () => server.stop());

  it('lists the minor still missing a report of concern, overdue, with the organisation that recorded it', async () => {
    const { body } = await server.graphql('{ openSafeguardingActions { passId encounterId passDate passUnits homeKommun missing since overdue recordedByOrg ageHours } }', undefined, {
      role: 'field',
      org: 'UNGDOMSJOUREN',
    });
    const [action, ...rest] = body.data?.openSafeguardingActions as Array<Record<string, unknown> & { ageHours: number }>;
    expect(rest).to.deep.equal([]);
    expect(action).to.deep.include({ passId, encounterId: minor, passDate: '2022-07-01', homeKommun: '0126', missing: ['CONCERN_REPORT'], overdue: true, recordedByOrg: 'UNGDOMSJOUREN' });
    expect(action?.passUnits).to.have.members(['UNGDOMSJOUREN', 'POLIS']);
    expect(new Date(action?.since as string).toISOString()).to.equal('2022-07-02T01:00:00.000Z');
    expect(action?.ageHours).to.be.greaterThan(24);
  });

  it('shows the action to the recording organisation and the projektledare only', async () => {
    const query = '{ openSafeguardingActions { encounterId } }';
    expect((await server.graphql(query, undefined, PROJEKTLEDARE)).body.data?.openSafeguardingActions).to.deep.equal([{ encounterId: minor }]);
    expect((await server.graphql(query, undefined, MIKA)).body.data?.openSafeguardingActions).to.deep.equal([]);
    const police = await server.graphql(query, undefined, { role: 'field', org: 'POLIS' });
    expect(police.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'openSafeguardingActions' });
  });
});

describe('GraphQL: the kommun work list is pass-level data (real HTTP)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer(undefined, { as: PROJEKTLEDARE, now: new Date('2022-10-03T10:00:00Z') });
  });
  after(async () => server.stop());
  async function mutate(name: string, inputType: string, input: Record<string, unknown>) {
    return server.graphql(`mutation ($input: ${inputType}!) { ${name}(input: $input) { commandId streamId revision } }`, { input });
  }
  const pending = async () => ((await server.graphql('{ pendingKommunNotifications { passId encounterId } }')).body.data?.pendingKommunNotifications as unknown[]);

  it('audits every read of the work list: who read it and which passes it named', async () => {
    const passId = randomUUID();
    await mutate('confirmNotConnected', 'ConfirmNotConnectedInput', { commandId: randomUUID(), kommun: '0126', on: '2022-09-30' });
    await server.graphql('mutation ($i: RecordPassInput!) { recordPass(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, MIKA);
    await server.graphql('mutation ($i: RecordEncounterInput!) { recordEncounter(input: $i) { revision } }', { i: { commandId: randomUUID(), passId, encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: '0126' } }, MIKA);
    expect(await pending()).to.have.length(1);
    const today = '2022-10-03';
    const { body } = await server.graphql(`{ auditLog(from: "${today}", to: "${today}") { role org operation passIds } }`, undefined, { role: 'auditor', org: 'REVISION' });
    expect(body.data?.auditLog).to.deep.equal([{ role: 'projektledare', org: PROJEKTLEDARE.org, operation: 'pendingKommunNotifications', passIds: [passId] }]);
  });
});
