import { expect } from 'chai';
import { agreementStatusOn } from '../../src/domain/agreement.js';
import type { CountyCommandOf } from '../../src/domain/commands.js';
import type { CountyEvent } from '../../src/domain/events.js';
import { decide as decideKommun, evolve as evolveKommun, initialState as initialKommunState, type EncounterFacts } from '../../src/domain/kommun-decider.js';
import { accountDecider, type AccountState } from '../../src/domain/outreach-account-decider.js';
import { sessionDecider } from '../../src/domain/outreach-session-decider.js';
import { decide as decideTraining, evolve as evolveTraining, initialState as initialTrainingState } from '../../src/domain/training-decider.js';
import { deciderSpecification } from '../support/decider-specification.js';

/** The county-offer deciders, read as given events / when a command / then events or an error. Pure; `now` passed in. */

const NOW = new Date('2022-09-15T10:00:00Z');
const commandId = '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4eff';
const passId = '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4e01';
const huddingeResident = '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4e02';
const nackaResident = '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4e03';
const retractedOne = '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4e04';

const signed = (kommun: string, effectiveFrom: string): CountyEvent => ({ type: 'AgreementSigned', data: { kommun, effectiveFrom } });
const ended = (kommun: string, effectiveUntil: string): CountyEvent => ({ type: 'AgreementEnded', data: { kommun, effectiveUntil } });
const confirmed = (kommun: string, on: string): CountyEvent => ({ type: 'NotConnectedConfirmed', data: { kommun, on } });

const ENCOUNTERS: Record<string, EncounterFacts> = {
  [huddingeResident]: { passDate: '2022-05-10', homeKommun: '0126', retracted: false },
  [nackaResident]: { passDate: '2022-05-10', homeKommun: '0182', retracted: false },
  [retractedOne]: { passDate: '2022-05-10', homeKommun: '0126', retracted: true },
};
const lookups = { encounter: (p: string, e: string) => (p === passId ? ENCOUNTERS[e] : undefined) };

const kommun = deciderSpecification({ decide: decideKommun, evolve: evolveKommun, initialState: initialKommunState }, NOW, lookups);

const sign = (over: Partial<CountyCommandOf<'SignAgreement'>> = {}): CountyCommandOf<'SignAgreement'> => ({ type: 'SignAgreement', commandId, kommun: '0117', effectiveFrom: '2024-06-01', ...over });
const end = (over: Partial<CountyCommandOf<'EndAgreement'>> = {}): CountyCommandOf<'EndAgreement'> => ({ type: 'EndAgreement', commandId, kommun: '0117', effectiveUntil: '2025-12-31', ...over });
const notify = (encounterIds: string[], over: Partial<CountyCommandOf<'NotifyKommun'>> = {}): CountyCommandOf<'NotifyKommun'> => ({
  type: 'NotifyKommun',
  commandId,
  kommun: '0126',
  on: '2022-05-12',
  encounters: encounterIds.map((encounterId) => ({ passId, encounterId })),
  ...over,
});

describe('kommun decider: agreements', () => {
  it('SignAgreement → AgreementSigned, even with a first day in the future (Österåker from 2024-06-01)', () => {
    const e = kommun.given().when(sign({ reference: 'SN 2024/0043' })).thenOne();
    expect(e).to.deep.include({ type: 'AgreementSigned', data: { kommun: '0117', effectiveFrom: '2024-06-01', reference: 'SN 2024/0043' } });
    expect(e.occurredAt).to.equal('2024-06-01T00:00:00+02:00');
  });

  it('an agreement is in effect from its first day, not the day before', () => {
    const state = kommun.given(signed('0117', '2024-06-01'));
    expect(agreementStatusOn(state.state, '2024-05-31')).to.equal('NOT_CONNECTED');
    expect(agreementStatusOn(state.state, '2024-06-01')).to.equal('CONNECTED');
  });

  it('an ended agreement is in effect through its last day, not the day after', () => {
    const state = kommun.given(signed('0117', '2024-06-01'), ended('0117', '2025-12-31'));
    expect(agreementStatusOn(state.state, '2025-12-31')).to.equal('CONNECTED');
    expect(agreementStatusOn(state.state, '2026-01-01')).to.equal('NOT_CONNECTED');
  });

  it('a kommun with no agreement fact at all is UNKNOWN; one confirmed without an agreement is NOT_CONNECTED', () => {
    expect(agreementStatusOn(kommun.given().state, '2022-09-30')).to.equal('UNKNOWN');
    expect(agreementStatusOn(kommun.given(confirmed('0126', '2022-09-30')).state, '2021-05-01')).to.equal('NOT_CONNECTED');
  });

  it('a second agreement while one is open → CONFLICT kommun', () => {
    kommun.given(signed('0117', '2024-06-01')).when(sign({ effectiveFrom: '2025-01-01' })).thenRefused('CONFLICT', 'kommun', /already has an agreement in effect/);
  });

  it('a new agreement overlapping an ended one → CONFLICT effectiveFrom; the day after its last day is accepted', () => {
    const state = kommun.given(signed('0117', '2021-01-01'), ended('0117', '2021-12-31'));
    state.when(sign({ effectiveFrom: '2021-12-31' })).thenRefused('CONFLICT', 'effectiveFrom', /after the last day .*2021-12-31/);
    state.when(sign({ effectiveFrom: '2022-01-01' })).thenOne();
  });

  it('an agreement starting on or before a confirmed no-agreement date → CONFLICT effectiveFrom', () => {
    const state = kommun.given(confirmed('0117', '2022-09-30'));
    state.when(sign({ effectiveFrom: '2022-09-30' })).thenRefused('CONFLICT', 'effectiveFrom', /after 2022-09-30/);
    state.when(sign({ effectiveFrom: '2022-10-01' })).thenOne();
  });

  it('signedOn in the future → BAD_USER_INPUT signedOn', () => {
    kommun.given().when(sign({ signedOn: '2022-09-16' })).thenRefused('BAD_USER_INPUT', 'signedOn', /must not be in the future/);
  });

  it('EndAgreement without an open agreement → NOT_FOUND kommun; before its first day → BAD_USER_INPUT effectiveUntil', () => {
    kommun.given().when(end()).thenRefused('NOT_FOUND', 'kommun', /nothing to end/);
    kommun.given(signed('0117', '2024-06-01')).when(end({ effectiveUntil: '2024-05-31' })).thenRefused('BAD_USER_INPUT', 'effectiveUntil', /first day \(2024-06-01\)/);
    expect(kommun.given(signed('0117', '2024-06-01')).when(end({ effectiveUntil: '2024-06-01' })).thenOne().type).to.equal('AgreementEnded');
  });

  it('ConfirmNotConnected on a date an agreement covers → CONFLICT on', () => {
    const command: CountyCommandOf<'ConfirmNotConnected'> = { type: 'ConfirmNotConnected', commandId, kommun: '0182', on: '2022-09-01' };
    kommun.given(signed('0182', '2021-01-01')).when(command).thenRefused('CONFLICT', 'on', /agreement in effect/);
    kommun.given().when(command).thenOne();
  });
});

describe('kommun decider: notifications', () => {
  const notConnected = () => kommun.given(confirmed('0126', '2022-09-30'));

  it('NotifyKommun of a resident met while the kommun had no agreement → KommunNotified', () => {
    const e = notConnected().when(notify([huddingeResident])).thenOne();
    expect(e).to.deep.include({ type: 'KommunNotified', data: { kommun: '0126', on: '2022-05-12', encounters: [{ passId, encounterId: huddingeResident }] } });
  });

  it('the same encounter twice → CONFLICT, once notified', () => {
    const notified = notConnected().when(notify([huddingeResident]));
    notified.thenOne();
    notified.andWhen(notify([huddingeResident])).thenRefused('CONFLICT', 'encounters.0.encounterId', /already notified/);
  });

  it('refuses unknown, retracted and other kommuner\'s encounters, naming the list entry', () => {
    notConnected().when(notify([huddingeResident, '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4e99'])).thenRefused('NOT_FOUND', 'encounters.1.encounterId', /must name an encounter/);
    notConnected().when(notify([retractedOne])).thenRefused('CONFLICT', 'encounters.0.encounterId', /retracted/);
    notConnected().when(notify([nackaResident])).thenRefused('BAD_USER_INPUT', 'encounters.0.encounterId', /home kommun is the kommun notified/);
  });

  it('a kommun connected on the pass date has nothing to be notified of; the day after its agreement ends it has', () => {
    kommun.given(signed('0126', '2022-05-10')).when(notify([huddingeResident])).thenRefused('BAD_USER_INPUT', 'encounters.0.encounterId', /had an agreement on the pass date/);
    kommun.given(signed('0126', '2021-01-01'), ended('0126', '2022-05-09')).when(notify([huddingeResident])).thenOne();
  });

  it('a notification dated before the pass, or in the future → BAD_USER_INPUT on', () => {
    notConnected().when(notify([huddingeResident], { on: '2022-05-09' })).thenRefused('BAD_USER_INPUT', 'on', /before the pass date/);
    notConnected().when(notify([huddingeResident], { on: '2022-09-16' })).thenRefused('BAD_USER_INPUT', 'on', /must not be in the future/);
  });
});

describe('training and outreach deciders', () => {
  const trainingId = '5a1e0c2b-2222-4d2a-9f00-0a1b2c3d4e01';
  const accountId = '5a1e0c2b-2222-4d2a-9f00-0a1b2c3d4e02';
  const sessionId = '5a1e0c2b-2222-4d2a-9f00-0a1b2c3d4e03';

  const training = deciderSpecification({ decide: decideTraining, evolve: evolveTraining, initialState: initialTrainingState }, NOW);

  it('RecordTraining → TrainingHeld once; the same training id again → CONFLICT trainingId', () => {
    const command: CountyCommandOf<'RecordTraining'> = { type: 'RecordTraining', commandId, trainingId, date: '2022-05-17', format: 'PHYSICAL', participants: 80, kommuner: ['0182'] };
    const held = training.given().when(command);
    expect(held.decision.ok && held.decision.events[0]?.type).to.equal('TrainingHeld');
    held.andWhen(command).thenRefused('CONFLICT', 'trainingId', /recorded once/);
    training.given().when({ ...command, date: '2022-09-16' }).thenRefused('BAD_USER_INPUT', 'date', /future/);
  });

  const registered: CountyEvent = { type: 'AccountRegistered', data: { accountId, unit: 'MIKA', platform: 'Site A', on: '2022-03-01', payment: 'PRIVATE_CARD' } };
  const noLookups = { account: () => undefined, pass: () => undefined };
  const outreach = deciderSpecification(accountDecider, NOW, undefined);
  const sessions = deciderSpecification(sessionDecider, NOW, noLookups);
  const account = (...more: CountyEvent[]) => outreach.given(registered, ...more);

  it('an account is blocked once, not before it was registered', () => {
    const block: CountyCommandOf<'BlockAccount'> = { type: 'BlockAccount', commandId, accountId, on: '2022-03-04' };
    outreach.given().when(block).thenRefused('NOT_FOUND', 'accountId', /registered platform account/);
    account().when({ ...block, on: '2022-02-28' }).thenRefused('BAD_USER_INPUT', 'on', /before the account was registered/);
    expect(account().when(block).decision.ok).to.equal(true);
    account({ type: 'AccountBlocked', data: { accountId, on: '2022-03-04' } }).when(block).thenRefused('CONFLICT', 'accountId', /already recorded as blocked/);
  });

  it('a session names an account of the same platform, not blocked before the session', () => {
    const session: CountyCommandOf<'RecordOutreachSession'> = {
      type: 'RecordOutreachSession', commandId, sessionId, date: '2022-03-10', unit: 'MIKA', platform: 'Site A', accountId, contactsEstablished: 3, minorsFound: 1, referrals: 2,
    };
    const lookupsWith = (state: AccountState) => ({ account: () => state, pass: () => undefined });
    expect(sessions.given().when(session, NOW, lookupsWith(account().state)).decision.ok).to.equal(true);
    sessions.given().when({ ...session, platform: 'Site B' }, NOW, lookupsWith(account().state)).thenRefused('BAD_USER_INPUT', 'platform', /platform of the account/);
    sessions.given().when(session, NOW, lookupsWith(account({ type: 'AccountBlocked', data: { accountId, on: '2022-03-09' } }).state)).thenRefused('CONFLICT', 'accountId', /blocked before/);
    expect(sessions.given().when(session, NOW, lookupsWith(account({ type: 'AccountBlocked', data: { accountId, on: '2022-03-10' } }).state)).decision.ok).to.equal(true);
    sessions.given().when(session).thenRefused('NOT_FOUND', 'accountId', /registered platform account/);
    sessions.given().when({ ...session, accountId: undefined, passId: sessionId }).thenRefused('NOT_FOUND', 'passId', /recorded pass/);
  });
});
