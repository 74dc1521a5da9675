import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { CommandOf, PassCommand, PassCommandType } from '../../src/domain/commands.js';
import type { DomainErrorCode } from '../../src/domain/errors.js';
import type { DecidedEvent, PassEvent } from '../../src/domain/events.js';
import { decide, evolve, initialState, type PassDecision as Decision, type PassState } from '../../src/domain/pass-decider.js';

/**
 * The pass decider, read as given events / when a command / then these events or this error.
 * Pure: no store, no clock — `now` is passed in.
 */

const NOW = new Date('2022-09-15T10:00:00Z'); // 12:00 in Stockholm (summer time)
const WINTER_NOW = new Date('2022-12-01T10:00:00Z'); // 11:00 in Stockholm (standard time)

const passId = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4e01';
const raidId = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4e02';
const otherRaidId = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4e03';
const adult = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4e04';
const minor = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4e05';
const stranger = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4e06';
const commandId = '3f6b1a52-8c1e-4d2a-9f00-0a1b2c3d4eff';

// ---- given --------------------------------------------------------------------------------------

const passRecorded: PassEvent = {
  type: 'PassRecorded',
  data: { passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'], startTime: '21:00', area: 'Norrmalm' },
};
const raidRecorded: PassEvent = { type: 'RaidRecorded', data: { passId, raidId, locationType: 'APARTMENT' } };
const adultMet: PassEvent = {
  type: 'PersonEncountered',
  data: { passId, encounterId: adult, role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: '0180' },
};
const minorMet: PassEvent = {
  type: 'PersonEncountered',
  data: { passId, encounterId: minor, raidId, role: 'EXPOSED', ageBand: 'AGE_15_17', gender: 'WOMAN', homeKommun: '0182' },
};
const passRetracted: PassEvent = { type: 'PassRetracted', data: { passId, reason: 'recorded on the wrong pass' } };
const adultRetracted: PassEvent = { type: 'EncounterRetracted', data: { passId, encounterId: adult, reason: 'counted twice' } };
const minorRetracted: PassEvent = { type: 'EncounterRetracted', data: { passId, encounterId: minor, reason: 'counted twice' } };

function given(...events: PassEvent[]): PassState {
  return events.reduce(evolve, initialState());
}

/** The usual pass: recorded, with one raid, one adult and one minor encountered. */
const fullPass = (): PassState => given(passRecorded, raidRecorded, adultMet, minorMet);

// ---- when ---------------------------------------------------------------------------------------

const cmd = {
  RecordPass: (over: Partial<CommandOf<'RecordPass'>> = {}): CommandOf<'RecordPass'> => ({
    type: 'RecordPass',
    commandId,
    passId,
    date: '2022-07-01',
    kind: 'RAID',
    units: ['POLIS', 'MIKA'],
    startTime: '21:00',
    ...over,
  }),
  RecordRaid: (over: Partial<CommandOf<'RecordRaid'>> = {}): CommandOf<'RecordRaid'> => ({
    type: 'RecordRaid',
    commandId,
    passId,
    raidId: otherRaidId,
    locationType: 'HOTEL',
    ...over,
  }),
  RecordEncounter: (over: Partial<CommandOf<'RecordEncounter'>> = {}): CommandOf<'RecordEncounter'> => ({
    type: 'RecordEncounter',
    commandId,
    passId,
    encounterId: stranger,
    role: 'BUYER',
    ageBand: 'AGE_46_PLUS',
    homeKommun: '0117',
    ...over,
  }),
  OfferSupport: (over: Partial<CommandOf<'OfferSupport'>> = {}): CommandOf<'OfferSupport'> => ({
    type: 'OfferSupport',
    commandId,
    passId,
    encounterId: minor,
    unit: 'MIKA',
    ...over,
  }),
  ContactGuardian: (over: Partial<CommandOf<'ContactGuardian'>> = {}): CommandOf<'ContactGuardian'> => ({
    type: 'ContactGuardian',
    commandId,
    passId,
    encounterId: minor,
    on: '2022-07-02',
    ...over,
  }),
  FileConcernReport: (over: Partial<CommandOf<'FileConcernReport'>> = {}): CommandOf<'FileConcernReport'> => ({
    type: 'FileConcernReport',
    commandId,
    passId,
    encounterId: minor,
    on: '2022-07-02',
    kommun: '0182',
    ...over,
  }),
  CorrectEncounter: (over: Partial<CommandOf<'CorrectEncounter'>> = {}): CommandOf<'CorrectEncounter'> => ({
    type: 'CorrectEncounter',
    commandId,
    passId,
    encounterId: minor,
    homeKommun: '0184',
    ...over,
  }),
  RetractEncounter: (over: Partial<CommandOf<'RetractEncounter'>> = {}): CommandOf<'RetractEncounter'> => ({
    type: 'RetractEncounter',
    commandId,
    passId,
    encounterId: minor,
    reason: 'recorded twice',
    ...over,
  }),
  CorrectPass: (over: Partial<CommandOf<'CorrectPass'>> = {}): CommandOf<'CorrectPass'> => ({
    type: 'CorrectPass',
    commandId,
    passId,
    kind: 'SURVEILLANCE',
    ...over,
  }),
  RetractPass: (over: Partial<CommandOf<'RetractPass'>> = {}): CommandOf<'RetractPass'> => ({
    type: 'RetractPass',
    commandId,
    passId,
    reason: 'a test pass',
    ...over,
  }),
} satisfies { [T in PassCommandType]: (over?: Partial<CommandOf<T>>) => CommandOf<T> };

const ALL_TYPES = Object.keys(cmd) as PassCommandType[];

function when(state: PassState, command: PassCommand, now: Date = NOW): Decision {
  return decide(command, state, now);
}

// ---- then ---------------------------------------------------------------------------------------

function thenEvents(decision: Decision): DecidedEvent[] {
  expect(decision.ok, `expected events, got ${JSON.stringify(decision)}`).to.equal(true);
  return decision.ok ? decision.events : [];
}

function thenOne(decision: Decision): DecidedEvent {
  const events = thenEvents(decision);
  expect(events).to.have.lengthOf(1);
  return events[0] as DecidedEvent;
}

function thenError(decision: Decision, code: DomainErrorCode, field: string, rule: RegExp): void {
  expect(decision.ok, `expected an error, got ${JSON.stringify(decision)}`).to.equal(false);
  if (decision.ok) return;
  expect(decision.error.code, JSON.stringify(decision.error)).to.equal(code);
  expect(decision.error.field, JSON.stringify(decision.error)).to.equal(field);
  expect(decision.error.rule).to.match(rule);
}

/** Folds what a decision emitted into the state, so the next decision sees it. */
function andThen(state: PassState, decision: Decision): PassState {
  return thenEvents(decision).reduce<PassState>((s, e) => evolve(s, e), state);
}

function isValidIso(value: string): boolean {
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

// ---- tests --------------------------------------------------------------------------------------

describe('pass decider', () => {
  describe('happy paths: each command emits its one event', () => {
    it('RecordPass → PassRecorded at the pass start, summer offset +02:00', () => {
      const e = thenOne(when(initialState(), cmd.RecordPass({ endTime: '23:30', area: 'Norrmalm' })));
      expect(e.type).to.equal('PassRecorded');
      expect(e.data).to.deep.equal({
        passId,
        date: '2022-07-01',
        kind: 'RAID',
        units: ['POLIS', 'MIKA'],
        startTime: '21:00',
        endTime: '23:30',
        area: 'Norrmalm',
      });
      expect(e.occurredAt).to.equal('2022-07-01T21:00:00+02:00');
    });

    it('RecordPass in winter → occurredAt with offset +01:00', () => {
      const e = thenOne(when(initialState(), cmd.RecordPass({ date: '2022-01-15' })));
      expect(e.occurredAt).to.equal('2022-01-15T21:00:00+01:00');
    });

    it('RecordPass without a start time → occurredAt at local midnight of the pass date', () => {
      const e = thenOne(when(initialState(), cmd.RecordPass({ startTime: undefined })));
      expect(e.data).to.not.have.property('commandId');
      expect(e.data).to.not.have.property('type');
      expect(e.occurredAt).to.equal('2022-07-01T00:00:00+02:00');
    });

    it('RecordRaid → RaidRecorded at the raid time on the pass date', () => {
      const e = thenOne(when(fullPass(), cmd.RecordRaid({ time: '22:15' })));
      expect(e.type).to.equal('RaidRecorded');
      expect(e.data).to.deep.equal({ passId, raidId: otherRaidId, time: '22:15', locationType: 'HOTEL' });
      expect(e.occurredAt).to.equal('2022-07-01T22:15:00+02:00');
    });

    it('RecordRaid without a time → occurredAt at the pass start', () => {
      const e = thenOne(when(fullPass(), cmd.RecordRaid()));
      expect(e.occurredAt).to.equal('2022-07-01T21:00:00+02:00');
    });

    it('RecordEncounter → PersonEncountered at the pass start', () => {
      const e = thenOne(when(fullPass(), cmd.RecordEncounter({ gender: 'MAN' })));
      expect(e.type).to.equal('PersonEncountered');
      expect(e.data).to.deep.equal({
        passId,
        encounterId: stranger,
        role: 'BUYER',
        ageBand: 'AGE_46_PLUS',
        gender: 'MAN',
        homeKommun: '0117',
      });
      expect(e.occurredAt).to.equal('2022-07-01T21:00:00+02:00');
    });

    it('RecordEncounter during a raid recorded on the pass → PersonEncountered with the raidId', () => {
      const e = thenOne(when(fullPass(), cmd.RecordEncounter({ raidId })));
      expect(e.data).to.include({ raidId, encounterId: stranger });
    });

    it('RecordEncounter with home kommun ABROAD or UNKNOWN is accepted', () => {
      thenOne(when(fullPass(), cmd.RecordEncounter({ homeKommun: 'ABROAD' })));
      thenOne(when(fullPass(), cmd.RecordEncounter({ homeKommun: 'UNKNOWN' })));
    });

    it('OfferSupport → SupportOffered at the pass start', () => {
      const e = thenOne(when(fullPass(), cmd.OfferSupport({ unit: 'MIKA' })));
      expect(e.type).to.equal('SupportOffered');
      expect(e.data).to.deep.equal({ passId, encounterId: minor, unit: 'MIKA' });
      expect(e.occurredAt).to.equal('2022-07-01T21:00:00+02:00');
    });

    it('OfferSupport by the police or by a unit not on the pass is refused, naming the unit rule', () => {
      thenError(when(fullPass(), cmd.OfferSupport({ unit: 'POLIS' })), 'BAD_USER_INPUT', 'unit', /must be a social-services unit/);
      thenError(when(fullPass(), cmd.OfferSupport({ unit: 'KAST' })), 'BAD_USER_INPUT', 'unit', /must be a unit that takes part in the pass/);
    });

    it('ContactGuardian for a minor → GuardianContacted at local midnight of `on`', () => {
      const e = thenOne(when(fullPass(), cmd.ContactGuardian()));
      expect(e.type).to.equal('GuardianContacted');
      expect(e.data).to.deep.equal({ passId, encounterId: minor, on: '2022-07-02' });
      expect(e.occurredAt).to.equal('2022-07-02T00:00:00+02:00');
    });

    it('FileConcernReport for a minor → ConcernReportFiled with the kommun', () => {
      const e = thenOne(when(fullPass(), cmd.FileConcernReport({ on: '2022-07-04', kommun: '0182' })));
      expect(e.type).to.equal('ConcernReportFiled');
      expect(e.data).to.deep.equal({ passId, encounterId: minor, on: '2022-07-04', kommun: '0182' });
      expect(e.occurredAt).to.equal('2022-07-04T00:00:00+02:00');
    });

    it('guardian contact and concern report for an UNDER_15 encounter are accepted', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.RecordEncounter({ ageBand: 'UNDER_15', role: 'EXPOSED' })));
      thenOne(when(state, cmd.ContactGuardian({ encounterId: stranger })));
      thenOne(when(state, cmd.FileConcernReport({ encounterId: stranger })));
    });

    it('ContactGuardian on the pass date itself is accepted (not before the pass date)', () => {
      thenOne(when(fullPass(), cmd.ContactGuardian({ on: '2022-07-01' })));
    });

    it('CorrectEncounter → EncounterCorrected with only the fields that change, at `now` in Stockholm', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectEncounter({ homeKommun: '0184', role: 'EXPOSED', gender: 'WOMAN' })));
      expect(e.type).to.equal('EncounterCorrected');
      // role and gender stand as recorded, so only homeKommun is a change
      expect(e.data).to.deep.equal({ passId, encounterId: minor, homeKommun: '0184' });
      expect(e.occurredAt).to.equal('2022-09-15T12:00:00+02:00');
    });

    it('CorrectEncounter in winter → occurredAt with offset +01:00', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectEncounter(), WINTER_NOW));
      expect(e.occurredAt).to.equal('2022-12-01T11:00:00+01:00');
    });

    it('CorrectEncounter of role and ageBand → both in the event', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectEncounter({ encounterId: adult, homeKommun: undefined, role: 'BUYER', ageBand: 'AGE_15_17' })));
      expect(e.data).to.deep.equal({ passId, encounterId: adult, role: 'BUYER', ageBand: 'AGE_15_17' });
    });

    it('CorrectEncounter may move the encounter to a raid recorded on the pass', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectEncounter({ encounterId: adult, homeKommun: undefined, raidId })));
      expect(e.data).to.deep.equal({ passId, encounterId: adult, raidId });
    });

    it('RetractEncounter → EncounterRetracted with the reason', () => {
      const e = thenOne(when(fullPass(), cmd.RetractEncounter()));
      expect(e.type).to.equal('EncounterRetracted');
      expect(e.data).to.deep.equal({ passId, encounterId: minor, reason: 'recorded twice' });
      expect(e.occurredAt).to.equal('2022-09-15T12:00:00+02:00');
    });

    it('CorrectPass → PassCorrected with only the fields that change', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectPass({ kind: 'SURVEILLANCE', area: 'Norrmalm', date: '2022-07-02' })));
      expect(e.type).to.equal('PassCorrected');
      expect(e.data).to.deep.equal({ passId, kind: 'SURVEILLANCE', date: '2022-07-02' });
      expect(e.occurredAt).to.equal('2022-09-15T12:00:00+02:00');
    });

    it('CorrectPass of units → PassCorrected with the new units', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'MIKA', 'KAST'] })));
      expect(e.data).to.deep.equal({ passId, units: ['POLIS', 'MIKA', 'KAST'] });
    });

    it('CorrectPass with area null → PassCorrected with area null, and the pass has no area after it', () => {
      const e = thenOne(when(fullPass(), cmd.CorrectPass({ kind: undefined, area: null })));
      expect(e.type).to.equal('PassCorrected');
      expect(e.data).to.deep.equal({ passId, area: null });
      const after = given(passRecorded, raidRecorded, adultMet, minorMet, { type: 'PassCorrected', data: e.data } as PassEvent);
      expect(after.area).to.equal(undefined);
      // Once cleared, clearing again changes nothing; a new area can be given.
      thenError(when(after, cmd.CorrectPass({ kind: undefined, area: null })), 'BAD_USER_INPUT', 'passId', /changes nothing/);
      expect(thenOne(when(after, cmd.CorrectPass({ kind: undefined, area: 'Södermalm' }))).data).to.deep.equal({ passId, area: 'Södermalm' });
    });

    it('RetractPass → PassRetracted with the reason', () => {
      const e = thenOne(when(fullPass(), cmd.RetractPass()));
      expect(e.type).to.equal('PassRetracted');
      expect(e.data).to.deep.equal({ passId, reason: 'a test pass' });
      expect(e.occurredAt).to.equal('2022-09-15T12:00:00+02:00');
    });
  });

  describe('a pass must exist', () => {
    for (const type of ALL_TYPES.filter((t) => t !== 'RecordPass')) {
      it(`${type} on a pass never recorded → NOT_FOUND passId`, () => {
        thenError(when(initialState(), cmd[type]()), 'NOT_FOUND', 'passId', /recorded pass/);
      });
    }
  });

  describe('a retracted pass refuses everything', () => {
    it('RecordPass with the id of a retracted pass → CONFLICT passId (an id is recorded once)', () => {
      thenError(when(given(passRecorded, passRetracted), cmd.RecordPass()), 'CONFLICT', 'passId', /recorded once/);
    });
    for (const type of ALL_TYPES.filter((t) => t !== 'RecordPass')) {
      it(`${type} on a retracted pass → CONFLICT passId`, () => {
        const state = given(passRecorded, raidRecorded, adultMet, minorMet, passRetracted);
        thenError(when(state, cmd[type]()), 'CONFLICT', 'passId', /retracted pass/);
      });
    }
  });

  describe('an id is recorded once', () => {
    it('RecordPass twice with the same passId → CONFLICT passId', () => {
      thenError(when(given(passRecorded), cmd.RecordPass({ date: '2022-07-02' })), 'CONFLICT', 'passId', /already recorded/);
    });

    it('RecordRaid twice with the same raidId → CONFLICT raidId', () => {
      thenError(when(fullPass(), cmd.RecordRaid({ raidId })), 'CONFLICT', 'raidId', /already recorded/);
    });

    it('RecordEncounter twice with the same encounterId → CONFLICT encounterId', () => {
      thenError(when(fullPass(), cmd.RecordEncounter({ encounterId: adult })), 'CONFLICT', 'encounterId', /already recorded/);
    });

    it('the id of a retracted encounter cannot be recorded again → CONFLICT encounterId', () => {
      const state = given(passRecorded, adultMet, adultRetracted);
      thenError(when(state, cmd.RecordEncounter({ encounterId: adult })), 'CONFLICT', 'encounterId', /already recorded/);
    });
  });

  describe('an encounter must exist and not be retracted', () => {
    for (const type of ['OfferSupport', 'ContactGuardian', 'FileConcernReport', 'CorrectEncounter', 'RetractEncounter'] as const) {
      it(`${type} for an encounter not on the pass → NOT_FOUND encounterId`, () => {
        thenError(when(fullPass(), cmd[type]({ encounterId: stranger })), 'NOT_FOUND', 'encounterId', /encounter recorded on this pass/);
      });
    }
    for (const type of ['OfferSupport', 'ContactGuardian', 'FileConcernReport', 'CorrectEncounter', 'RetractEncounter'] as const) {
      it(`${type} for a retracted encounter → CONFLICT encounterId`, () => {
        const state = given(passRecorded, raidRecorded, minorMet, minorRetracted);
        thenError(when(state, cmd[type]()), 'CONFLICT', 'encounterId', /retracted encounter/);
      });
    }
  });

  describe('raidId must name a raid on the pass', () => {
    it('RecordEncounter with an unknown raidId → NOT_FOUND raidId', () => {
      thenError(when(fullPass(), cmd.RecordEncounter({ raidId: otherRaidId })), 'NOT_FOUND', 'raidId', /raid recorded on this pass/);
    });

    it('CorrectEncounter to an unknown raidId → NOT_FOUND raidId', () => {
      thenError(when(fullPass(), cmd.CorrectEncounter({ raidId: otherRaidId })), 'NOT_FOUND', 'raidId', /raid recorded on this pass/);
    });
  });

  describe('guardian contact and concern reports only for minors', () => {
    it('ContactGuardian for an adult → BAD_USER_INPUT encounterId', () => {
      thenError(when(fullPass(), cmd.ContactGuardian({ encounterId: adult })), 'BAD_USER_INPUT', 'encounterId', /guardian contact.*under 18/);
    });

    it('FileConcernReport for an adult → BAD_USER_INPUT encounterId', () => {
      thenError(when(fullPass(), cmd.FileConcernReport({ encounterId: adult })), 'BAD_USER_INPUT', 'encounterId', /report of concern.*under 18/);
    });

    it('ContactGuardian for an UNKNOWN age band → refused (not known to be a minor)', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.RecordEncounter({ ageBand: 'UNKNOWN' })));
      thenError(when(state, cmd.ContactGuardian({ encounterId: stranger })), 'BAD_USER_INPUT', 'encounterId', /under 18/);
    });

    it('an adult corrected to a minor (role and ageBand): guardian contact refused before, allowed after', () => {
      const before = fullPass();
      thenError(when(before, cmd.ContactGuardian({ encounterId: adult })), 'BAD_USER_INPUT', 'encounterId', /under 18/);
      const after = andThen(before, when(before, cmd.CorrectEncounter({ encounterId: adult, homeKommun: undefined, role: 'BUYER', ageBand: 'AGE_15_17' })));
      const e = thenOne(when(after, cmd.ContactGuardian({ encounterId: adult })));
      expect(e.type).to.equal('GuardianContacted');
      expect(e.data).to.include({ encounterId: adult });
    });

    it('a minor corrected to an adult: a concern report is then refused', () => {
      const before = fullPass();
      thenOne(when(before, cmd.FileConcernReport()));
      const after = andThen(before, when(before, cmd.CorrectEncounter({ homeKommun: undefined, ageBand: 'AGE_18_20' })));
      thenError(when(after, cmd.FileConcernReport()), 'BAD_USER_INPUT', 'encounterId', /report of concern.*under 18/);
      thenError(when(after, cmd.ContactGuardian()), 'BAD_USER_INPUT', 'encounterId', /guardian contact.*under 18/);
    });
  });

  describe('dates not in the future and not before the pass', () => {
    it('RecordPass dated tomorrow (Stockholm) → BAD_USER_INPUT date', () => {
      thenError(when(initialState(), cmd.RecordPass({ date: '2022-09-16' })), 'BAD_USER_INPUT', 'date', /must not be in the future/);
    });

    it('RecordPass dated today (Stockholm) is accepted', () => {
      thenOne(when(initialState(), cmd.RecordPass({ date: '2022-09-15', startTime: '23:00' })));
    });

    it('CorrectPass to a future date → BAD_USER_INPUT date', () => {
      thenError(when(fullPass(), cmd.CorrectPass({ date: '2022-09-16' })), 'BAD_USER_INPUT', 'date', /must not be in the future/);
    });

    it('ContactGuardian on a future date → BAD_USER_INPUT on', () => {
      thenError(when(fullPass(), cmd.ContactGuardian({ on: '2022-09-16' })), 'BAD_USER_INPUT', 'on', /must not be in the future/);
    });

    it('FileConcernReport on a future date → BAD_USER_INPUT on', () => {
      thenError(when(fullPass(), cmd.FileConcernReport({ on: '2023-01-01' })), 'BAD_USER_INPUT', 'on', /must not be in the future/);
    });

    it('ContactGuardian before the pass date → BAD_USER_INPUT on', () => {
      thenError(when(fullPass(), cmd.ContactGuardian({ on: '2022-06-30' })), 'BAD_USER_INPUT', 'on', /before the pass date \(2022-07-01\)/);
    });

    it('FileConcernReport before the pass date → BAD_USER_INPUT on', () => {
      thenError(when(fullPass(), cmd.FileConcernReport({ on: '2022-06-30' })), 'BAD_USER_INPUT', 'on', /before the pass date/);
    });

    describe('the edge of today: now = 2022-03-26T23:30Z, already 2022-03-27 in Stockholm', () => {
      const edge = new Date('2022-03-26T23:30:00Z');

      it('accepts a pass dated 2022-03-27', () => {
        thenOne(when(initialState(), cmd.RecordPass({ date: '2022-03-27', startTime: '00:10' }), edge));
      });

      it('refuses a pass dated 2022-03-28', () => {
        thenError(when(initialState(), cmd.RecordPass({ date: '2022-03-28' }), edge), 'BAD_USER_INPUT', 'date', /future.*2022-03-27/);
      });

      it('accepts a concern report on 2022-03-27, refuses one on 2022-03-28', () => {
        const state = given({ ...passRecorded, data: { ...passRecorded.data, date: '2022-03-26' } } as PassEvent, minorMet);
        thenOne(when(state, cmd.FileConcernReport({ on: '2022-03-27' }), edge));
        thenError(when(state, cmd.FileConcernReport({ on: '2022-03-28' }), edge), 'BAD_USER_INPUT', 'on', /future/);
      });
    });
  });

  describe('a correction that changes nothing is refused', () => {
    it('CorrectEncounter with the values that already stand → BAD_USER_INPUT encounterId', () => {
      const decision = when(fullPass(), cmd.CorrectEncounter({ homeKommun: '0182', ageBand: 'AGE_15_17', raidId, gender: 'WOMAN' }));
      thenError(decision, 'BAD_USER_INPUT', 'encounterId', /changes nothing/);
    });

    it('CorrectEncounter with no fields → BAD_USER_INPUT encounterId', () => {
      thenError(when(fullPass(), cmd.CorrectEncounter({ homeKommun: undefined })), 'BAD_USER_INPUT', 'encounterId', /changes nothing/);
    });

    it('CorrectPass with the values that already stand → BAD_USER_INPUT passId', () => {
      const decision = when(fullPass(), cmd.CorrectPass({ kind: 'RAID', date: '2022-07-01', units: ['POLIS', 'MIKA'], area: 'Norrmalm' }));
      thenError(decision, 'BAD_USER_INPUT', 'passId', /changes nothing/);
    });

    it('CorrectPass clearing the area of a pass without one → BAD_USER_INPUT passId (changes nothing)', () => {
      const noArea = given({ type: 'PassRecorded', data: { passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, raidRecorded);
      thenError(when(noArea, cmd.CorrectPass({ kind: undefined, area: null })), 'BAD_USER_INPUT', 'passId', /changes nothing.*area null clears it/);
    });

    it('CorrectPass with no fields → BAD_USER_INPUT passId', () => {
      thenError(when(fullPass(), cmd.CorrectPass({ kind: undefined })), 'BAD_USER_INPUT', 'passId', /changes nothing/);
    });

    it('CorrectPass that only reorders the units changes nothing → BAD_USER_INPUT passId', () => {
      thenError(when(fullPass(), cmd.CorrectPass({ kind: undefined, units: ['MIKA', 'POLIS'] })), 'BAD_USER_INPUT', 'passId', /changes nothing/);
    });
  });

  describe('evolve folds corrections so later decisions see them', () => {
    it('CorrectPass of units, folded: the same units again change nothing, another set does', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'KAST'] })));
      expect(state.units).to.deep.equal(['POLIS', 'KAST']);
      thenError(when(state, cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'KAST'] })), 'BAD_USER_INPUT', 'passId', /changes nothing/);
      const e = thenOne(when(state, cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'MIKA'] })));
      expect(e.data).to.deep.equal({ passId, units: ['POLIS', 'MIKA'] });
    });

    it('a corrected pass date moves the "not before the pass date" edge and the occurredAt of later facts', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.CorrectPass({ kind: undefined, date: '2022-07-03' })));
      expect(state.date).to.equal('2022-07-03');
      thenError(when(state, cmd.ContactGuardian({ on: '2022-07-02' })), 'BAD_USER_INPUT', 'on', /before the pass date \(2022-07-03\)/);
      expect(thenOne(when(state, cmd.RecordRaid())).occurredAt).to.equal('2022-07-03T21:00:00+02:00');
    });

    it('a corrected encounter keeps its other fields; the corrected value then changes nothing', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.CorrectEncounter({ homeKommun: '0184' })));
      expect(state.encounters.get(minor)).to.deep.equal({
        role: 'EXPOSED',
        ageBand: 'AGE_15_17',
        gender: 'WOMAN',
        homeKommun: '0184',
        raidId,
        retracted: false,
        everUnder18: true,
      });
      thenError(when(state, cmd.CorrectEncounter({ homeKommun: '0184' })), 'BAD_USER_INPUT', 'encounterId', /changes nothing/);
    });

    it('a retraction folded: the encounter then refuses support', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.RetractEncounter()));
      expect(state.encounters.get(minor)?.retracted).to.equal(true);
      thenError(when(state, cmd.OfferSupport()), 'CONFLICT', 'encounterId', /retracted/);
    });

    it('a pass retraction folded: the pass then refuses a raid', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.RetractPass()));
      expect(state.retracted).to.equal(true);
      thenError(when(state, cmd.RecordRaid()), 'CONFLICT', 'passId', /retracted/);
    });

    it('support does not change the state; guardian contact and concern report keep their first date', () => {
      const state = fullPass();
      const after = andThen(state, when(state, cmd.OfferSupport()));
      expect(after).to.equal(state);
      const contacted = andThen(after, when(after, cmd.ContactGuardian()));
      expect(contacted.encounters.get(minor)?.guardianContactedOn).to.equal('2022-07-02');
      const reported = andThen(contacted, when(contacted, cmd.FileConcernReport({ on: '2022-07-03' })));
      expect(reported.encounters.get(minor)?.concernReport?.on).to.equal('2022-07-03');
      const again = evolve(reported, { type: 'GuardianContacted', data: { passId, encounterId: minor, on: '2022-07-04' } });
      expect(again.encounters.get(minor)?.guardianContactedOn).to.equal('2022-07-02');
    });

    it('an event for an unknown encounter leaves the state as it was', () => {
      const state = fullPass();
      const next = evolve(state, { type: 'EncounterCorrected', data: { passId, encounterId: stranger, ageBand: 'UNDER_15' } });
      expect(next).to.equal(state);
    });

    it('evolve does not mutate the state it was given', () => {
      const state = fullPass();
      evolve(state, { type: 'RaidRecorded', data: { passId, raidId: otherRaidId, locationType: 'HOTEL' } });
      evolve(state, { type: 'EncounterRetracted', data: { passId, encounterId: minor, reason: 'x' } });
      expect(state.raids.has(otherRaidId)).to.equal(false);
      expect(state.encounters.get(minor)?.retracted).to.equal(false);
    });
  });

  describe('Stockholm time across DST switches', () => {
    it('a pass on 2022-03-27 at 02:30 (a local time that does not exist) gets a valid occurredAt, moved to 03:30+02:00', () => {
      const e = thenOne(when(initialState(), cmd.RecordPass({ date: '2022-03-27', startTime: '02:30' })));
      expect(isValidIso(e.occurredAt)).to.equal(true);
      expect(e.occurredAt).to.equal('2022-03-27T03:30:00+02:00');
      expect(new Date(e.occurredAt).toISOString()).to.equal('2022-03-27T01:30:00.000Z');
    });

    it('a pass on 2022-03-27 at 01:30 is still winter time (+01:00), at 03:00 summer time (+02:00)', () => {
      expect(thenOne(when(initialState(), cmd.RecordPass({ date: '2022-03-27', startTime: '01:30' }))).occurredAt).to.equal('2022-03-27T01:30:00+01:00');
      expect(thenOne(when(initialState(), cmd.RecordPass({ date: '2022-03-27', startTime: '03:00' }))).occurredAt).to.equal('2022-03-27T03:00:00+02:00');
    });

    it('a pass on 2022-10-30 at 02:30 (a local time that happens twice) gets a valid occurredAt at 02:30 local', () => {
      const e = thenOne(when(initialState(), cmd.RecordPass({ date: '2022-10-30', startTime: '02:30' }), WINTER_NOW));
      expect(isValidIso(e.occurredAt)).to.equal(true);
      expect(e.occurredAt).to.be.oneOf(['2022-10-30T02:30:00+02:00', '2022-10-30T02:30:00+01:00']);
    });
  });
  describe('a pass date cannot move past safeguarding already recorded', () => {
    const guardianOn = (on: string): PassEvent => ({ type: 'GuardianContacted', data: { passId, encounterId: minor, on } });
    const concernOn = (on: string): PassEvent => ({ type: 'ConcernReportFiled', data: { passId, encounterId: minor, on, kommun: '0182' } });

    it('CorrectPass to a date after a guardian contact → BAD_USER_INPUT date, naming the rule', () => {
      const state = given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-03'));
      thenError(when(state, cmd.CorrectPass({ date: '2022-07-04' })), 'BAD_USER_INPUT', 'date', /must not be after a guardian contact or report of concern .*2022-07-03/);
    });

    it('CorrectPass to a date after a report of concern → BAD_USER_INPUT date (the earliest action counts)', () => {
      const state = given(passRecorded, raidRecorded, adultMet, minorMet, concernOn('2022-07-02'), guardianOn('2022-07-05'));
      thenError(when(state, cmd.CorrectPass({ date: '2022-07-03' })), 'BAD_USER_INPUT', 'date', /earliest on 2022-07-02/);
    });

    it('CorrectPass to the very day of the action, or earlier, is accepted', () => {
      const state = given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-03'), concernOn('2022-07-03'));
      expect((thenOne(when(state, cmd.CorrectPass({ date: '2022-07-03' }))).data as { date?: string }).date).to.equal('2022-07-03');
      expect((thenOne(when(state, cmd.CorrectPass({ date: '2022-06-30' }))).data as { date?: string }).date).to.equal('2022-06-30');
    });

    it('a retracted encounter\'s actions do not hold the date back', () => {
      const state = given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-02'), minorRetracted);
      thenOne(when(state, cmd.CorrectPass({ date: '2022-07-10' })));
    });

    it('answers the police from what they may know: a later date with a child on the pass (now or before a correction), with or without actions', () => {
      const police = (state: PassState, date: string) => decide(cmd.CorrectPass({ date }), state, NOW, { police: true });
      const neutral = /must not be moved later while an encounter under 18/;
      const withAction = given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-03'));
      const withoutAction = given(passRecorded, raidRecorded, adultMet, minorMet);
      for (const state of [withAction, withoutAction]) {
        thenError(police(state, '2022-07-02'), 'BAD_USER_INPUT', 'date', neutral);
        expect((police(state, '2022-06-30') as { ok: boolean }).ok).to.equal(true);
        if (!police(state, '2022-07-02').ok) expect(JSON.stringify(police(state, '2022-07-02'))).not.to.match(/guardian|concern|2022-07-03/);
      }
      const grownUp = given(passRecorded, raidRecorded, adultMet, minorMet, { type: 'EncounterCorrected', data: { passId, encounterId: minor, ageBand: 'AGE_18_20' } });
      thenError(police(grownUp, '2022-07-02'), 'BAD_USER_INPUT', 'date', neutral);
      expect(police(given(passRecorded, raidRecorded, adultMet), '2022-07-02').ok).to.equal(true);
    });

    it('the actions decided on a state are what the next decision sees', () => {
      const state = andThen(fullPass(), when(fullPass(), cmd.FileConcernReport({ on: '2022-07-02' })));
      thenError(when(state, cmd.CorrectPass({ date: '2022-07-05' })), 'BAD_USER_INPUT', 'date', /earliest on 2022-07-02/);
    });
  });
});
