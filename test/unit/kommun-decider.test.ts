import { expect } from 'chai';
import { agreementStatusOn } from '../../src/domain/agreement.js';
import type { CountyCommandOf } from '../../src/domain/commands.js';
import type { DomainErrorCode } from '../../src/domain/errors.js';
import type { CountyEvent, DecidedCountyEvent } from '../../src/domain/events.js';
import { decide as decideKommun, evolve as evolveKommun, initialState as initialKommunState, type EncounterFacts, type KommunCommand, type KommunState } from '../../src/domain/kommun-decider.js';
import { decide as decideOutreach, evolve as evolveOutreach, initialState as initialOutreachState, type OutreachState } from '../../src/domain/outreach-account-decider.js';
import { decide as decideTraining, evolve as evolveTraining, initialState as initialTrainingState } from '../../src/domain/training-decider.js';
import type { DecisionOf } from '../../src/domain/decision.js';

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

function given(...events: CountyEvent[]): KommunState {
  return events.reduce(evolveKommun, initialKommunState());
}

const ENCOUNTERS: Record<string, EncounterFacts> = {
  [huddingeResident]: { passDate: '2022-05-10', homeKommun: '0126', retracted: false },
  [nackaResident]: { passDate: '2022-05-10', homeKommun: '0182', retracted: false },
  [retractedOne]: { passDate: '2022-05-10', homeKommun: '0126', retracted: true },
};
const lookups = { encounter: (p: string, e: string) => (p === passId ? ENCOUNTERS[e] : undefined) };

function when(state: KommunState, command: KommunCommand, now = NOW): DecisionOf<DecidedCountyEvent> {
  return decideKommun(command, state, now, lookups);
}

function thenOne(decision: DecisionOf<DecidedCountyEvent>): DecidedCountyEvent {
  expect(decision.ok, JSON.stringify(decision)).to.equal(true);
  if (!decision.ok) throw new Error('unreachable');
  expect(decision.events).to.have.lengthOf(1);
  return decision.events[0] as DecidedCountyEvent;
}

function thenError(decision: DecisionOf<unknown>, code: DomainErrorCode, field: string, rule: RegExp): void {
  expect(decision.ok, `expected an error, got ${JSON.stringify(decision)}`).to.equal(false);
  if (decision.ok) return;
  expect(decision.error.code, JSON.stringify(decision.error)).to.equal(code);
  expect(decision.error.field, JSON.stringify(decision.error)).to.equal(field);
  expect(decision.error.rule).to.match(rule);
}

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
    const e = thenOne(when(initialKommunState(), sign({ reference: 'SN 2024/0043' })));
    expect(e).to.deep.include({ type: 'AgreementSigned', data: { kommun: '0117', effectiveFrom: '2024-06-01', reference: 'SN 2024/0043' } });
    expect(e.occurredAt).to.equal('2024-06-01T00:00:00+02:00');
  });

  it('an agreement is in effect from its first day, not the day before', () => {
    const state = given(signed('0117', '2024-06-01'));
    expect(agreementStatusOn(state, '2024-05-31')).to.equal('NOT_CONNECTED');
    expect(agreementStatusOn(state, '2024-06-01')).to.equal('CONNECTED');
  });

  it('an ended agreement is in effect through its last day, not the day after', () => {
    const state = given(signed('0117', '2024-06-01'), ended('0117', '2025-12-31'));
    expect(agreementStatusOn(state, '2025-12-31')).to.equal('CONNECTED');
    expect(agreementStatusOn(state, '2026-01-01')).to.equal('NOT_CONNECTED');
  });

  it('a kommun with no agreement fact at all is UNKNOWN; one confirmed without an agreement is NOT_CONNECTED', () => {
    expect(agreementStatusOn(initialKommunState(), '2022-09-30')).to.equal('UNKNOWN');
    expect(agreementStatusOn(given(confirmed('0126', '2022-09-30')), '2021-05-01')).to.equal('NOT_CONNECTED');
  });

  it('a second agreement while one is open → CONFLICT kommun', () => {
    thenError(when(given(signed('0117', '2024-06-01')), sign({ effectiveFrom: '2025-01-01' })), 'CONFLICT', 'kommun', /already has an agreement in effect/);
  });

  it('a new agreement overlapping an ended one → CONFLICT effectiveFrom; the day after its last day is accepted', () => {
    const state = given(signed('0117', '2021-01-01'), ended('0117', '2021-12-31'));
    thenError(when(state, sign({ effectiveFrom: '2021-12-31' })), 'CONFLICT', 'effectiveFrom', /after the last day .*2021-12-31/);
    thenOne(when(state, sign({ effectiveFrom: '2022-01-01' })));
  });

  it('an agreement starting on or before a confirmed no-agreement date → CONFLICT effectiveFrom', () => {
    const state = given(confirmed('0117', '2022-09-30'));
    thenError(when(state, sign({ effectiveFrom: '2022-09-30' })), 'CONFLICT', 'effectiveFrom', /after 2022-09-30/);
    thenOne(when(state, sign({ effectiveFrom: '2022-10-01' })));
  });

  it('signedOn in the future → BAD_USER_INPUT signedOn', () => {
    thenError(when(initialKommunState(), sign({ signedOn: '2022-09-16' })), 'BAD_USER_INPUT', 'signedOn', /must not be in the future/);
  });

  it('EndAgreement without an open agreement → NOT_FOUND kommun; before its first day → BAD_USER_INPUT effectiveUntil', () => {
    thenError(when(initialKommunState(), end()), 'NOT_FOUND', 'kommun', /nothing to end/);
    thenError(when(given(signed('0117', '2024-06-01')), end({ effectiveUntil: '2024-05-31' })), 'BAD_USER_INPUT', 'effectiveUntil', /first day \(2024-06-01\)/);
    expect(thenOne(when(given(signed('0117', '2024-06-01')), end({ effectiveUntil: '2024-06-01' }))).type).to.equal('AgreementEnded');
  });

  it('ConfirmNotConnected on a date an agreement covers → CONFLICT on', () => {
    const command: CountyCommandOf<'ConfirmNotConnected'> = { type: 'ConfirmNotConnected', commandId, kommun: '0182', on: '2022-09-01' };
    thenError(when(given(signed('0182', '2021-01-01')), command), 'CONFLICT', 'on', /agreement in effect/);
    thenOne(when(initialKommunState(), command));
  });
});

describe('kommun decider: notifications', () => {
  const notConnected = () => given(confirmed('0126', '2022-09-30'));

  it('NotifyKommun of a resident met while the kommun had no agreement → KommunNotified', () => {
    const e = thenOne(when(notConnected(), notify([huddingeResident])));
    expect(e).to.deep.include({ type: 'KommunNotified', data: { kommun: '0126', on: '2022-05-12', encounters: [{ passId, encounterId: huddingeResident }] } });
  });

  it('the same encounter twice → CONFLICT, once notified', () => {
    const state = evolveKommun(notConnected(), thenOne(when(notConnected(), notify([huddingeResident]))));
    thenError(when(state, notify([huddingeResident])), 'CONFLICT', 'encounters.0.encounterId', /already notified/);
  });

  it('refuses unknown, retracted and other kommuner\'s encounters, naming the list entry', () => {
    thenError(when(notConnected(), notify([huddingeResident, '5a1e0c2b-1111-4d2a-9f00-0a1b2c3d4e99'])), 'NOT_FOUND', 'encounters.1.encounterId', /must name an encounter/);
    thenError(when(notConnected(), notify([retractedOne])), 'CONFLICT', 'encounters.0.encounterId', /retracted/);
    thenError(when(notConnected(), notify([nackaResident])), 'BAD_USER_INPUT', 'encounters.0.encounterId', /home kommun is the kommun notified/);
  });

  it('a kommun connected on the pass date has nothing to be notified of; the day after its agreement ends it has', () => {
    thenError(when(given(signed('0126', '2022-05-10')), notify([huddingeResident])), 'BAD_USER_INPUT', 'encounters.0.encounterId', /had an agreement on the pass date/);
    thenOne(when(given(signed('0126', '2021-01-01'), ended('0126', '2022-05-09')), notify([huddingeResident])));
  });

  it('a notification dated before the pass, or in the future → BAD_USER_INPUT on', () => {
    thenError(when(notConnected(), notify([huddingeResident], { on: '2022-05-09' })), 'BAD_USER_INPUT', 'on', /before the pass date/);
    thenError(when(notConnected(), notify([huddingeResident], { on: '2022-09-16' })), 'BAD_USER_INPUT', 'on', /must not be in the future/);
  });
});

describe('training and outreach deciders', () => {
  const trainingId = '5a1e0c2b-2222-4d2a-9f00-0a1b2c3d4e01';
  const accountId = '5a1e0c2b-2222-4d2a-9f00-0a1b2c3d4e02';
  const sessionId = '5a1e0c2b-2222-4d2a-9f00-0a1b2c3d4e03';

  it('RecordTraining → TrainingHeld once; the same training id again → CONFLICT trainingId', () => {
    const command: CountyCommandOf<'RecordTraining'> = { type: 'RecordTraining', commandId, trainingId, date: '2022-05-17', format: 'PHYSICAL', participants: 80, kommuner: ['0182'] };
    const decision = decideTraining(command, initialTrainingState(), NOW);
    expect(decision.ok && decision.events[0]?.type).to.equal('TrainingHeld');
    const state = decision.ok ? decision.events.reduce(evolveTraining, initialTrainingState()) : initialTrainingState();
    thenError(decideTraining(command, state, NOW), 'CONFLICT', 'trainingId', /recorded once/);
    thenError(decideTraining({ ...command, date: '2022-09-16' }, initialTrainingState(), NOW), 'BAD_USER_INPUT', 'date', /future/);
  });

  const registered: CountyEvent = { type: 'AccountRegistered', data: { accountId, unit: 'MIKA', platform: 'Site A', registeredOn: '2022-03-01', payment: 'PRIVATE_CARD' } };
  const account = (...more: CountyEvent[]): OutreachState => [registered, ...more].reduce(evolveOutreach, initialOutreachState());
  const noLookups = { account: () => undefined, pass: () => undefined };

  it('an account is blocked once, not before it was registered', () => {
    const block: CountyCommandOf<'BlockAccount'> = { type: 'BlockAccount', commandId, accountId, on: '2022-03-04' };
    thenError(decideOutreach(block, initialOutreachState(), NOW, noLookups), 'NOT_FOUND', 'accountId', /registered platform account/);
    thenError(decideOutreach({ ...block, on: '2022-02-28' }, account(), NOW, noLookups), 'BAD_USER_INPUT', 'on', /before the account was registered/);
    expect(decideOutreach(block, account(), NOW, noLookups).ok).to.equal(true);
    thenError(decideOutreach(block, account({ type: 'AccountBlocked', data: { accountId, on: '2022-03-04' } }), NOW, noLookups), 'CONFLICT', 'accountId', /already recorded as blocked/);
  });

  it('a session names an account of the same platform, not blocked before the session', () => {
    const session: CountyCommandOf<'RecordOutreachSession'> = {
      type: 'RecordOutreachSession', commandId, sessionId, date: '2022-03-10', unit: 'MIKA', platform: 'Site A', accountId, contactsEstablished: 3, minorsFound: 1, referrals: 2,
    };
    const lookupsWith = (state: OutreachState) => ({ account: () => state, pass: () => undefined });
    expect(decideOutreach(session, initialOutreachState(), NOW, lookupsWith(account())).ok).to.equal(true);
    thenError(decideOutreach({ ...session, platform: 'Site B' }, initialOutreachState(), NOW, lookupsWith(account())), 'BAD_USER_INPUT', 'platform', /platform of the account/);
    thenError(decideOutreach(session, initialOutreachState(), NOW, lookupsWith(account({ type: 'AccountBlocked', data: { accountId, on: '2022-03-09' } }))), 'CONFLICT', 'accountId', /blocked before/);
    expect(decideOutreach(session, initialOutreachState(), NOW, lookupsWith(account({ type: 'AccountBlocked', data: { accountId, on: '2022-03-10' } }))).ok).to.equal(true);
    thenError(decideOutreach(session, initialOutreachState(), NOW, noLookups), 'NOT_FOUND', 'accountId', /registered platform account/);
    thenError(decideOutreach({ ...session, accountId: undefined, passId: sessionId }, initialOutreachState(), NOW, noLookups), 'NOT_FOUND', 'passId', /recorded pass/);
  });
});
