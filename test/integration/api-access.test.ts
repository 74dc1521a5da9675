import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { recordCommands } from '../../src/application/record-commands.js';
import { recordEncounter, recordPass } from '../support/commands.js';
import { startServer, type Caller, type RunningServer } from '../support/server.js';

/**
 * Every query and mutation × every role (and every field organisation): a refused call answers
 * FORBIDDEN and appends nothing; an allowed one is not refused. The expectations are written out
 * here from the issue's words, not read from the server's own table, so the two can disagree.
 */
const CALLERS: readonly Caller[] = [
  { role: 'field', org: 'MIKA' },
  { role: 'field', org: 'KAST' },
  { role: 'field', org: 'REGIONKOORDINATOR' },
  { role: 'field', org: 'UNGDOMSJOUREN' },
  { role: 'field', org: 'POLIS' },
  { role: 'beredningsgrupp', org: 'BEREDNINGSGRUPPEN' },
  { role: 'styrgrupp', org: 'STYRGRUPPEN' },
  { role: 'projektledare', org: 'PROJEKTLEDNING' },
  { role: 'auditor', org: 'REVISION' },
];

const FIELD = (caller: Caller) => caller.role === 'field';
const SOCIAL_FIELD = (caller: Caller) => caller.role === 'field' && caller.org !== 'POLIS';

const PROJEKTLEDARE = (caller: Caller) => caller.role === 'projektledare';
const ACCOUNT = randomUUID();

interface Case {
  /** Who may call it. */
  readonly allowed: (caller: Caller) => boolean;
  /** The call may be refused for what it asks (not who asks): then only FORBIDDEN is ruled out. */
  readonly mayFail?: boolean;
  /** The operation, given a pass all five units took part in, with a minor encountered. */
  readonly document: (pass: { passId: string; encounterId: string }) => { query: string; variables?: Record<string, unknown> };
}

const mutation = (name: string, inputType: string, input: Record<string, unknown>) => ({
  query: `mutation ($input: ${inputType}!) { ${name}(input: $input) { commandId passId revision } }`,
  variables: { input: { commandId: randomUUID(), ...input } },
});

const countyMutation = (name: string, inputType: string, input: Record<string, unknown>) => ({
  query: `mutation ($input: ${inputType}!) { ${name}(input: $input) { commandId streamId revision } }`,
  variables: { input: { commandId: randomUUID(), ...input } },
});

const CASES: Readonly<Record<string, Case>> = {
  steeringFigures: { allowed: (c) => ['beredningsgrupp', 'projektledare'].includes(c.role), document: () => ({ query: '{ steeringFigures { jointPasses } }' }) },
  tertialReport: { allowed: (c) => ['beredningsgrupp', 'styrgrupp', 'projektledare'].includes(c.role), document: () => ({ query: '{ tertialReport(tertial: "2022-T2") { tertial } }' }) },
  statistics: { allowed: (c) => ['beredningsgrupp', 'projektledare'].includes(c.role), document: () => ({ query: '{ statistics(groupBy: [UNIT]) { total { passes } } }' }) },
  tertialSummary: { allowed: (c) => ['beredningsgrupp', 'styrgrupp', 'projektledare'].includes(c.role), document: () => ({ query: '{ tertialSummary(tertial: "2022-T2") { current { jointPasses } } }' }) },
  explainFigure: { allowed: (c) => FIELD(c) || ['beredningsgrupp', 'styrgrupp', 'projektledare'].includes(c.role), document: () => ({ query: '{ explainFigure(figure: EXPOSED, tertial: "2022-T2") { count } }' }) },
  explainStatistics: { allowed: (c) => FIELD(c) || ['beredningsgrupp', 'projektledare'].includes(c.role), document: () => ({ query: '{ explainStatistics(groupBy: [UNIT], measure: ENCOUNTERS) { count } }' }) },
  pass: { allowed: FIELD, document: ({ passId }) => ({ query: `{ pass(id: "${passId}") { id } }` }) },
  passes: { allowed: FIELD, document: () => ({ query: '{ passes { totalCount } }' }) },
  passHistory: { allowed: FIELD, document: ({ passId }) => ({ query: `{ passHistory(id: "${passId}") { type } }` }) },
  auditLog: { allowed: (c) => c.role === 'auditor', document: () => ({ query: '{ auditLog(from: "2026-01-01", to: "2026-01-31") { sub } }' }) },
  recordPass: {
    allowed: FIELD,
    document: () => mutation('recordPass', 'RecordPassInput', { passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA', 'KAST', 'REGIONKOORDINATOR', 'UNGDOMSJOUREN'] }),
  },
  recordRaid: { allowed: FIELD, document: ({ passId }) => mutation('recordRaid', 'RecordRaidInput', { passId, raidId: randomUUID(), locationType: 'HOTEL' }) },
  recordEncounter: {
    allowed: FIELD,
    document: ({ passId }) => mutation('recordEncounter', 'RecordEncounterInput', { passId, encounterId: randomUUID(), role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: '0180' }),
  },
  offerSupport: { allowed: SOCIAL_FIELD, document: ({ passId, encounterId }) => mutation('offerSupport', 'OfferSupportInput', { passId, encounterId, unit: 'MIKA' }) },
  contactGuardian: { allowed: SOCIAL_FIELD, document: ({ passId, encounterId }) => mutation('contactGuardian', 'ContactGuardianInput', { passId, encounterId, on: '2022-05-10' }) },
  fileConcernReport: { allowed: SOCIAL_FIELD, document: ({ passId, encounterId }) => mutation('fileConcernReport', 'FileConcernReportInput', { passId, encounterId, on: '2022-05-11', kommun: '0180' }) },
  correctEncounter: { allowed: FIELD, document: ({ passId, encounterId }) => mutation('correctEncounter', 'CorrectEncounterInput', { passId, encounterId, gender: 'WOMAN' }) },
  retractEncounter: { allowed: FIELD, document: ({ passId, encounterId }) => mutation('retractEncounter', 'RetractEncounterInput', { passId, encounterId, reason: 'registrerad två gånger' }) },
  correctPass: { allowed: FIELD, document: ({ passId }) => mutation('correctPass', 'CorrectPassInput', { passId, date: '2022-05-09' }) },
  retractPass: { allowed: FIELD, document: ({ passId }) => mutation('retractPass', 'RetractPassInput', { passId, reason: 'dubbelregistrerad' }) },
  agreements: { allowed: PROJEKTLEDARE, document: () => ({ query: '{ agreements { connected { code } } }' }) },
  pendingKommunNotifications: { allowed: PROJEKTLEDARE, document: () => ({ query: '{ pendingKommunNotifications { passId } }' }) },
  costShare: { allowed: PROJEKTLEDARE, document: () => ({ query: '{ costShare(totalSek: 1000, populationYear: 2018, base: COUNTY) { amountSek } }' }) },
  costShareReport: { allowed: PROJEKTLEDARE, document: () => ({ query: '{ costShareReport(totalSek: 1000, populationYear: 2018, base: COUNTY) { totalSek } }' }) },
  openSafeguardingActions: { allowed: (c) => SOCIAL_FIELD(c) || PROJEKTLEDARE(c), document: () => ({ query: '{ openSafeguardingActions { passId } }' }) },
  trainingSummary: { allowed: PROJEKTLEDARE, document: () => ({ query: '{ trainingSummary { rounds } }' }) },
  outreachSummary: { allowed: PROJEKTLEDARE, document: () => ({ query: '{ outreachSummary(year: 2022) { sessions } }' }) },
  signAgreement: { allowed: PROJEKTLEDARE, document: () => countyMutation('signAgreement', 'SignAgreementInput', { kommun: '0115', effectiveFrom: '2021-01-01' }) },
  endAgreement: { allowed: PROJEKTLEDARE, document: () => countyMutation('endAgreement', 'EndAgreementInput', { kommun: '0115', effectiveUntil: '2022-12-31' }) },
  confirmNotConnected: { allowed: PROJEKTLEDARE, document: () => countyMutation('confirmNotConnected', 'ConfirmNotConnectedInput', { kommun: '0120', on: '2022-09-30' }) },
  // Whether there is anything to notify depends on the log; who may try does not.
  notifyKommun: { allowed: PROJEKTLEDARE, mayFail: true, document: ({ passId, encounterId }) => countyMutation('notifyKommun', 'NotifyKommunInput', { kommun: '0120', on: '2022-10-01', encounters: [{ passId, encounterId }] }) },
  recordTraining: {
    allowed: PROJEKTLEDARE,
    document: () => countyMutation('recordTraining', 'RecordTrainingInput', { trainingId: randomUUID(), date: '2022-05-10', format: 'PHYSICAL', participants: 40, kommuner: ['0120'] }),
  },
  registerAccount: {
    allowed: PROJEKTLEDARE,
    document: () => countyMutation('registerAccount', 'RegisterAccountInput', { accountId: ACCOUNT, unit: 'MIKA', platform: 'Syntetisk plattform', registeredOn: '2022-01-10', payment: 'ORGANISATION_CARD' }),
  },
  discloseOrganisation: { allowed: PROJEKTLEDARE, document: () => countyMutation('discloseOrganisation', 'DiscloseOrganisationInput', { accountId: ACCOUNT, on: '2022-02-01' }) },
  blockAccount: { allowed: PROJEKTLEDARE, document: () => countyMutation('blockAccount', 'BlockAccountInput', { accountId: ACCOUNT, on: '2022-03-01' }) },
  recordOutreachSession: {
    allowed: PROJEKTLEDARE,
    document: () =>
      countyMutation('recordOutreachSession', 'RecordOutreachSessionInput', { sessionId: randomUUID(), date: '2022-04-01', unit: 'UNGDOMSJOUREN', platform: 'Syntetisk plattform', contactsEstablished: 3, minorsFound: 1, referrals: 1 }),
  },
};

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const OPERATIONS = [...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})];

describe('Access: every query and mutation × role × organisation', function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server.stop());

  /** A fresh pass of all five units with a minor encountered, so each call meets a pass it may touch. */
  async function freshPass() {
    const pass = recordPass({ units: ['POLIS', 'MIKA', 'KAST', 'REGIONKOORDINATOR', 'UNGDOMSJOUREN'] });
    const minor = recordEncounter(pass.passId, { ageBand: 'AGE_15_17' });
    const result = await recordCommands(server.store, [pass, minor], { actor: { userId: 'setup', org: 'MIKA', role: 'field' }, correlationId: randomUUID(), now: new Date() });
    if (!result.ok) throw new Error('setup failed');
    await server.samlogg.engine.waitFor(await server.store.headPosition());
    return { passId: pass.passId, encounterId: minor.encounterId };
  }

  it('has a case for every query and mutation in the schema', () => {
    expect(OPERATIONS.filter((name) => !CASES[name]), 'operations without an access case').to.deep.equal([]);
  });

  for (const name of OPERATIONS) {
    const accessCase = CASES[name];
    if (!accessCase) continue;
    it(`${name}: ${CALLERS.filter(accessCase.allowed).map((c) => `${c.role}${c.role === 'field' ? `/${c.org}` : ''}`).join(', ') || 'nobody'}; everyone else FORBIDDEN, appending nothing`, async () => {
      for (const caller of CALLERS) {
        const { query, variables } = accessCase.document(await freshPass());
        const head = await server.store.headPosition();
        const { body } = await server.graphql(query, variables, caller);
        const who = `${caller.role}/${caller.org}`;
        if (accessCase.allowed(caller) && accessCase.mayFail) {
          expect(body.errors?.[0]?.extensions?.code, `${who} is allowed ${name}`).not.to.equal('FORBIDDEN');
        } else if (accessCase.allowed(caller)) {
          expect(body.errors, `${who} is allowed ${name}`).to.equal(undefined);
        } else {
          expect(body.errors?.[0]?.extensions, `${who} is refused ${name}`).to.deep.include({ code: 'FORBIDDEN', field: name });
          expect(Object.values(body.data ?? {}).every((value) => value === null), `${who} sees no data`).to.equal(true);
          expect(await server.store.headPosition(), `${who}: nothing appended`).to.equal(head);
        }
      }
    });
  }
});

describe('Access: a field user and the passes of other units', function () {
  this.timeout(30_000);
  let server: RunningServer;
  const theirs = recordPass({ units: ['POLIS', 'KAST'] });
  const encounter = recordEncounter(theirs.passId, { ageBand: 'AGE_15_17' });
  const mika: Caller = { role: 'field', org: 'MIKA' };

  before(async () => {
    server = await startServer(async (store) => {
      const result = await recordCommands(
        store,
        [theirs, encounter, { type: 'OfferSupport', commandId: randomUUID(), passId: theirs.passId, encounterId: encounter.encounterId, unit: 'KAST' }],
        { actor: { userId: 'setup', org: 'KAST', role: 'field' }, correlationId: randomUUID(), now: new Date() },
      );
      if (!result.ok) throw new Error('setup failed');
    });
  });
  after(async () => server.stop());

  it('cannot read, list or change a pass its unit did not take part in, and appends nothing trying', async () => {
    const head = await server.store.headPosition();
    const read = await server.graphql(`{ pass(id: "${theirs.passId}") { id } }`, undefined, mika);
    expect(read.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'pass' });
    const history = await server.graphql(`{ passHistory(id: "${theirs.passId}") { type } }`, undefined, mika);
    expect(history.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'passHistory' });
    const list = await server.graphql('{ passes(filter: { units: [KAST] }) { totalCount } }', undefined, mika);
    expect(list.body.data?.passes).to.deep.equal({ totalCount: 0 });
    const raid = await server.graphql(
      'mutation ($input: RecordRaidInput!) { recordRaid(input: $input) { revision } }',
      { input: { commandId: randomUUID(), passId: theirs.passId, raidId: randomUUID(), locationType: 'HOTEL' } },
      mika,
    );
    expect(raid.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'recordRaid' });
    const elsewhere = await server.graphql(
      'mutation ($input: RecordPassInput!) { recordPass(input: $input) { revision } }',
      { input: { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'KAST'] } },
      mika,
    );
    expect(elsewhere.body.errors?.[0]).to.deep.include({ message: 'recordPass: input.units must include your own unit MIKA' });
    // The listing is read and audited (an empty page); nothing else was appended.
    const appended = (await server.store.headPosition()) - head;
    expect(appended).to.equal(1);
  });

  it('lets KAST correct its pass but not correct it into one without KAST', async () => {
    const kast: Caller = { role: 'field', org: 'KAST' };
    const away = await server.graphql(
      'mutation ($input: CorrectPassInput!) { correctPass(input: $input) { revision } }',
      { input: { commandId: randomUUID(), passId: theirs.passId, units: ['POLIS', 'MIKA'] } },
      kast,
    );
    expect(away.body.errors?.[0]?.extensions).to.deep.include({ code: 'FORBIDDEN', field: 'correctPass' });
  });

  it('shows the police the pass without social-services-only facts, and says why', async () => {
    const police: Caller = { role: 'field', org: 'POLIS' };
    const { body } = await server.graphql(`{ pass(id: "${theirs.passId}") { encounters { role supportOfferedBy guardianContactedOn concernReport { on } withheldReason } } }`, undefined, police);
    const [seen] = (body.data?.pass as { encounters: Array<Record<string, unknown>> }).encounters;
    expect(seen).to.deep.include({ role: 'EXPOSED', supportOfferedBy: null, guardianContactedOn: null, concernReport: null });
    expect(seen?.withheldReason).to.match(/visas inte för polisen/);
    const history = await server.graphql(`{ passHistory(id: "${theirs.passId}") { type } }`, undefined, police);
    expect((history.body.data?.passHistory as Array<{ type: string }>).map((e) => e.type)).to.deep.equal(['PassRecorded', 'PersonEncountered']);

    const kast = await server.graphql(`{ pass(id: "${theirs.passId}") { encounters { supportOfferedBy withheldReason } } }`, undefined, { role: 'field', org: 'KAST' });
    expect((kast.body.data?.pass as { encounters: unknown[] }).encounters).to.deep.equal([{ supportOfferedBy: ['KAST'], withheldReason: null }]);
  });

  it('audits every read of pass-level data: who, what and the request, for the auditor only', async () => {
    const kast: Caller = { role: 'field', org: 'KAST', sub: 'kast-user-7' };
    const requestId = `audit-${randomUUID()}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(await server.authorization(kast)) },
      body: JSON.stringify({ query: `{ pass(id: "${theirs.passId}") { id } }` }),
    });
    expect(response.status).to.equal(200);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const { body } = await server.graphql(`{ auditLog(from: "${today}", to: "${today}", user: "kast-user-7") { sub org role operation passIds requestId at } }`, undefined, { role: 'auditor', org: 'REVISION' });
    const records = body.data?.auditLog as Array<Record<string, unknown>>;
    expect(records).to.have.length(1);
    expect(records[0]).to.deep.include({ sub: 'kast-user-7', org: 'KAST', role: 'field', operation: 'pass', passIds: [theirs.passId], requestId });
    const tooLong = await server.graphql('{ auditLog(from: "2024-01-01", to: "2025-06-30") { sub } }', undefined, { role: 'auditor', org: 'REVISION' });
    expect(tooLong.body.errors?.[0]?.extensions).to.deep.include({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
