import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { CommandOf, PassCommandType } from '../../src/domain/commands.js';
import type { PassEvent } from '../../src/domain/events.js';
import { decide, evolve, initialState } from '../../src/domain/pass-decider.js';
import { deciderSpecification } from '../support/decider-specification.js';

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

const pass = deciderSpecification({ decide, evolve, initialState }, NOW);

/** The usual pass: recorded, with one raid, one adult and one minor encountered. */
const fullPass = () => pass.given(passRecorded, raidRecorded, adultMet, minorMet);

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

function isValidIso(value: string): boolean {
  return DateTime.fromISO(value, { setZone: true }).isValid;
}

// ---- tests --------------------------------------------------------------------------------------

describe('pass decider', () => {
  describe('happy paths: each command emits its one event', () => {
    it('RecordPass → PassRecorded at the pass start, summer offset +02:00', () => {
      pass.given().when(cmd.RecordPass({ endTime: '23:30', area: 'Norrmalm' })).then({
        type: 'PassRecorded',
        data: {
          passId,
          date: '2022-07-01',
          kind: 'RAID',
          units: ['POLIS', 'MIKA'],
          startTime: '21:00',
          endTime: '23:30',
          area: 'Norrmalm',
        },
        occurredAt: '2022-07-01T21:00:00+02:00',
      });
    });

    it('RecordPass in winter → occurredAt with offset +01:00', () => {
      const e = pass.given().when(cmd.RecordPass({ date: '2022-01-15' })).thenOne();
      expect(e.occurredAt).to.equal('2022-01-15T21:00:00+01:00');
    });

    it('RecordPass without a start time → occurredAt at local midnight of the pass date', () => {
      const e = pass.given().when(cmd.RecordPass({ startTime: undefined })).thenOne();
      expect(e.data).to.not.have.property('commandId');
      expect(e.data).to.not.have.property('type');
      expect(e.occurredAt).to.equal('2022-07-01T00:00:00+02:00');
    });

    it('RecordRaid → RaidRecorded at the raid time on the pass date', () => {
      fullPass().when(cmd.RecordRaid({ time: '22:15' })).then({ type: 'RaidRecorded', data: { passId, raidId: otherRaidId, time: '22:15', locationType: 'HOTEL' }, occurredAt: '2022-07-01T22:15:00+02:00' });
    });

    it('RecordRaid without a time → occurredAt at the pass start', () => {
      const e = fullPass().when(cmd.RecordRaid()).thenOne();
      expect(e.occurredAt).to.equal('2022-07-01T21:00:00+02:00');
    });

    it('RecordEncounter → PersonEncountered at the pass start', () => {
      fullPass().when(cmd.RecordEncounter({ gender: 'MAN' })).then({
        type: 'PersonEncountered',
        data: {
          passId,
          encounterId: stranger,
          role: 'BUYER',
          ageBand: 'AGE_46_PLUS',
          gender: 'MAN',
          homeKommun: '0117',
        },
        occurredAt: '2022-07-01T21:00:00+02:00',
      });
    });

    it('RecordEncounter during a raid recorded on the pass → PersonEncountered with the raidId', () => {
      const e = fullPass().when(cmd.RecordEncounter({ raidId })).thenOne();
      expect(e.data).to.include({ raidId, encounterId: stranger });
    });

    it('RecordEncounter with home kommun ABROAD or UNKNOWN is accepted', () => {
      fullPass().when(cmd.RecordEncounter({ homeKommun: 'ABROAD' })).thenOne();
      fullPass().when(cmd.RecordEncounter({ homeKommun: 'UNKNOWN' })).thenOne();
    });

    it('OfferSupport → SupportOffered at the pass start', () => {
      fullPass().when(cmd.OfferSupport({ unit: 'MIKA' })).then({ type: 'SupportOffered', data: { passId, encounterId: minor, unit: 'MIKA' }, occurredAt: '2022-07-01T21:00:00+02:00' });
    });

    it('OfferSupport by the police or by a unit not on the pass is refused, naming the unit rule', () => {
      fullPass().when(cmd.OfferSupport({ unit: 'POLIS' })).thenRefused('BAD_USER_INPUT', 'unit', /must be a social-services unit/);
      fullPass().when(cmd.OfferSupport({ unit: 'KAST' })).thenRefused('BAD_USER_INPUT', 'unit', /must be a unit that takes part in the pass/);
    });

    it('ContactGuardian for a minor → GuardianContacted at local midnight of `on`', () => {
      fullPass().when(cmd.ContactGuardian()).then({ type: 'GuardianContacted', data: { passId, encounterId: minor, on: '2022-07-02' }, occurredAt: '2022-07-02T00:00:00+02:00' });
    });

    it('FileConcernReport for a minor → ConcernReportFiled with the kommun', () => {
      fullPass().when(cmd.FileConcernReport({ on: '2022-07-04', kommun: '0182' })).then({ type: 'ConcernReportFiled', data: { passId, encounterId: minor, on: '2022-07-04', kommun: '0182' }, occurredAt: '2022-07-04T00:00:00+02:00' });
    });

    it('guardian contact and concern report for an UNDER_15 encounter are accepted', () => {
      const state = fullPass().when(cmd.RecordEncounter({ ageBand: 'UNDER_15', role: 'EXPOSED' }));
      state.andWhen(cmd.ContactGuardian({ encounterId: stranger })).thenOne();
      state.andWhen(cmd.FileConcernReport({ encounterId: stranger })).thenOne();
    });

    it('ContactGuardian on the pass date itself is accepted (not before the pass date)', () => {
      fullPass().when(cmd.ContactGuardian({ on: '2022-07-01' })).thenOne();
    });

    it('CorrectEncounter → EncounterCorrected with only the fields that change, at `now` in Stockholm', () => {
      const e = fullPass().when(cmd.CorrectEncounter({ homeKommun: '0184', role: 'EXPOSED', gender: 'WOMAN' })).thenOne();
      expect(e.type).to.equal('EncounterCorrected');
      // role and gender stand as recorded, so only homeKommun is a change
      expect(e.data).to.deep.equal({ passId, encounterId: minor, homeKommun: '0184' });
      expect(e.occurredAt).to.equal('2022-09-15T12:00:00+02:00');
    });

    it('CorrectEncounter in winter → occurredAt with offset +01:00', () => {
      const e = fullPass().when(cmd.CorrectEncounter(), WINTER_NOW).thenOne();
      expect(e.occurredAt).to.equal('2022-12-01T11:00:00+01:00');
    });

    it('CorrectEncounter of role and ageBand → both in the event', () => {
      const e = fullPass().when(cmd.CorrectEncounter({ encounterId: adult, homeKommun: undefined, role: 'BUYER', ageBand: 'AGE_15_17' })).thenOne();
      expect(e.data).to.deep.equal({ passId, encounterId: adult, role: 'BUYER', ageBand: 'AGE_15_17' });
    });

    it('CorrectEncounter may move the encounter to a raid recorded on the pass', () => {
      const e = fullPass().when(cmd.CorrectEncounter({ encounterId: adult, homeKommun: undefined, raidId })).thenOne();
      expect(e.data).to.deep.equal({ passId, encounterId: adult, raidId });
    });

    it('RetractEncounter → EncounterRetracted with the reason', () => {
      fullPass().when(cmd.RetractEncounter()).then({ type: 'EncounterRetracted', data: { passId, encounterId: minor, reason: 'recorded twice' }, occurredAt: '2022-09-15T12:00:00+02:00' });
    });

    it('CorrectPass → PassCorrected with only the fields that change', () => {
      fullPass().when(cmd.CorrectPass({ kind: 'SURVEILLANCE', area: 'Norrmalm', date: '2022-07-02' })).then({ type: 'PassCorrected', data: { passId, kind: 'SURVEILLANCE', date: '2022-07-02' }, occurredAt: '2022-09-15T12:00:00+02:00' });
    });

    it('CorrectPass of units → PassCorrected with the new units', () => {
      const e = fullPass().when(cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'MIKA', 'KAST'] })).thenOne();
      expect(e.data).to.deep.equal({ passId, units: ['POLIS', 'MIKA', 'KAST'] });
    });

    it('CorrectPass with area null → PassCorrected with area null, and the pass has no area after it', () => {
      const e = fullPass().when(cmd.CorrectPass({ kind: undefined, area: null })).thenOne();
      expect(e.type).to.equal('PassCorrected');
      expect(e.data).to.deep.equal({ passId, area: null });
      const after = pass.given(passRecorded, raidRecorded, adultMet, minorMet, { type: 'PassCorrected', data: e.data } as PassEvent);
      expect(after.state.area).to.equal(undefined);
      // Once cleared, clearing again changes nothing; a new area can be given.
      after.when(cmd.CorrectPass({ kind: undefined, area: null })).thenRefused('BAD_USER_INPUT', 'passId', /changes nothing/);
      expect(after.when(cmd.CorrectPass({ kind: undefined, area: 'Södermalm' })).thenOne().data).to.deep.equal({ passId, area: 'Södermalm' });
    });

    it('RetractPass → PassRetracted with the reason', () => {
      fullPass().when(cmd.RetractPass()).then({ type: 'PassRetracted', data: { passId, reason: 'a test pass' }, occurredAt: '2022-09-15T12:00:00+02:00' });
    });
  });

  describe('a pass must exist', () => {
    for (const type of ALL_TYPES.filter((t) => t !== 'RecordPass')) {
      it(`${type} on a pass never recorded → NOT_FOUND passId`, () => {
        pass.given().when(cmd[type]()).thenRefused('NOT_FOUND', 'passId', /recorded pass/);
      });
    }
  });

  describe('a retracted pass refuses everything', () => {
    it('RecordPass with the id of a retracted pass → CONFLICT passId (an id is recorded once)', () => {
      pass.given(passRecorded, passRetracted).when(cmd.RecordPass()).thenRefused('CONFLICT', 'passId', /recorded once/);
    });
    for (const type of ALL_TYPES.filter((t) => t !== 'RecordPass')) {
      it(`${type} on a retracted pass → CONFLICT passId`, () => {
        const state = pass.given(passRecorded, raidRecorded, adultMet, minorMet, passRetracted);
        state.when(cmd[type]()).thenRefused('CONFLICT', 'passId', /retracted pass/);
      });
    }
  });

  describe('an id is recorded once', () => {
    it('RecordPass twice with the same passId → CONFLICT passId', () => {
      pass.given(passRecorded).when(cmd.RecordPass({ date: '2022-07-02' })).thenRefused('CONFLICT', 'passId', /already recorded/);
    });

    it('RecordRaid twice with the same raidId → CONFLICT raidId', () => {
      fullPass().when(cmd.RecordRaid({ raidId })).thenRefused('CONFLICT', 'raidId', /already recorded/);
    });

    it('RecordEncounter twice with the same encounterId → CONFLICT encounterId', () => {
      fullPass().when(cmd.RecordEncounter({ encounterId: adult })).thenRefused('CONFLICT', 'encounterId', /already recorded/);
    });

    it('the id of a retracted encounter cannot be recorded again → CONFLICT encounterId', () => {
      const state = pass.given(passRecorded, adultMet, adultRetracted);
      state.when(cmd.RecordEncounter({ encounterId: adult })).thenRefused('CONFLICT', 'encounterId', /already recorded/);
    });
  });

  describe('an encounter must exist and not be retracted', () => {
    for (const type of ['OfferSupport', 'ContactGuardian', 'FileConcernReport', 'CorrectEncounter', 'RetractEncounter'] as const) {
      it(`${type} for an encounter not on the pass → NOT_FOUND encounterId`, () => {
        fullPass().when(cmd[type]({ encounterId: stranger })).thenRefused('NOT_FOUND', 'encounterId', /encounter recorded on this pass/);
      });
    }
    for (const type of ['OfferSupport', 'ContactGuardian', 'FileConcernReport', 'CorrectEncounter', 'RetractEncounter'] as const) {
      it(`${type} for a retracted encounter → CONFLICT encounterId`, () => {
        const state = pass.given(passRecorded, raidRecorded, minorMet, minorRetracted);
        state.when(cmd[type]()).thenRefused('CONFLICT', 'encounterId', /retracted encounter/);
      });
    }
  });

  describe('raidId must name a raid on the pass', () => {
    it('RecordEncounter with an unknown raidId → NOT_FOUND raidId', () => {
      fullPass().when(cmd.RecordEncounter({ raidId: otherRaidId })).thenRefused('NOT_FOUND', 'raidId', /raid recorded on this pass/);
    });

    it('CorrectEncounter to an unknown raidId → NOT_FOUND raidId', () => {
      fullPass().when(cmd.CorrectEncounter({ raidId: otherRaidId })).thenRefused('NOT_FOUND', 'raidId', /raid recorded on this pass/);
    });
  });

  describe('guardian contact and concern reports only for minors', () => {
    it('ContactGuardian for an adult → BAD_USER_INPUT encounterId', () => {
      fullPass().when(cmd.ContactGuardian({ encounterId: adult })).thenRefused('BAD_USER_INPUT', 'encounterId', /guardian contact.*under 18/);
    });

    it('FileConcernReport for an adult → BAD_USER_INPUT encounterId', () => {
      fullPass().when(cmd.FileConcernReport({ encounterId: adult })).thenRefused('BAD_USER_INPUT', 'encounterId', /report of concern.*under 18/);
    });

    it('ContactGuardian for an UNKNOWN age band → refused (not known to be a minor)', () => {
      const state = fullPass().when(cmd.RecordEncounter({ ageBand: 'UNKNOWN' }));
      state.andWhen(cmd.ContactGuardian({ encounterId: stranger })).thenRefused('BAD_USER_INPUT', 'encounterId', /under 18/);
    });

    it('an adult corrected to a minor (role and ageBand): guardian contact refused before, allowed after', () => {
      const before = fullPass();
      before.when(cmd.ContactGuardian({ encounterId: adult })).thenRefused('BAD_USER_INPUT', 'encounterId', /under 18/);
      const after = before.when(cmd.CorrectEncounter({ encounterId: adult, homeKommun: undefined, role: 'BUYER', ageBand: 'AGE_15_17' }));
      const e = after.andWhen(cmd.ContactGuardian({ encounterId: adult })).thenOne();
      expect(e.type).to.equal('GuardianContacted');
      expect(e.data).to.include({ encounterId: adult });
    });

    it('a minor corrected to an adult: a concern report is then refused', () => {
      const before = fullPass();
      before.when(cmd.FileConcernReport()).thenOne();
      const after = before.when(cmd.CorrectEncounter({ homeKommun: undefined, ageBand: 'AGE_18_20' }));
      after.andWhen(cmd.FileConcernReport()).thenRefused('BAD_USER_INPUT', 'encounterId', /report of concern.*under 18/);
      after.andWhen(cmd.ContactGuardian()).thenRefused('BAD_USER_INPUT', 'encounterId', /guardian contact.*under 18/);
    });
  });

  describe('dates not in the future and not before the pass', () => {
    it('RecordPass dated tomorrow (Stockholm) → BAD_USER_INPUT date', () => {
      pass.given().when(cmd.RecordPass({ date: '2022-09-16' })).thenRefused('BAD_USER_INPUT', 'date', /must not be in the future/);
    });

    it('RecordPass dated today (Stockholm) is accepted', () => {
      pass.given().when(cmd.RecordPass({ date: '2022-09-15', startTime: '23:00' })).thenOne();
    });

    it('CorrectPass to a future date → BAD_USER_INPUT date', () => {
      fullPass().when(cmd.CorrectPass({ date: '2022-09-16' })).thenRefused('BAD_USER_INPUT', 'date', /must not be in the future/);
    });

    it('ContactGuardian on a future date → BAD_USER_INPUT on', () => {
      fullPass().when(cmd.ContactGuardian({ on: '2022-09-16' })).thenRefused('BAD_USER_INPUT', 'on', /must not be in the future/);
    });

    it('FileConcernReport on a future date → BAD_USER_INPUT on', () => {
      fullPass().when(cmd.FileConcernReport({ on: '2023-01-01' })).thenRefused('BAD_USER_INPUT', 'on', /must not be in the future/);
    });

    it('ContactGuardian before the pass date → BAD_USER_INPUT on', () => {
      fullPass().when(cmd.ContactGuardian({ on: '2022-06-30' })).thenRefused('BAD_USER_INPUT', 'on', /before the pass date \(2022-07-01\)/);
    });

    it('FileConcernReport before the pass date → BAD_USER_INPUT on', () => {
      fullPass().when(cmd.FileConcernReport({ on: '2022-06-30' })).thenRefused('BAD_USER_INPUT', 'on', /before the pass date/);
    });

    describe('the edge of today: now = 2022-03-26T23:30Z, already 2022-03-27 in Stockholm', () => {
      const edge = new Date('2022-03-26T23:30:00Z');

      it('accepts a pass dated 2022-03-27', () => {
        pass.given().when(cmd.RecordPass({ date: '2022-03-27', startTime: '00:10' }), edge).thenOne();
      });

      it('refuses a pass dated 2022-03-28', () => {
        pass.given().when(cmd.RecordPass({ date: '2022-03-28' }), edge).thenRefused('BAD_USER_INPUT', 'date', /future.*2022-03-27/);
      });

      it('accepts a concern report on 2022-03-27, refuses one on 2022-03-28', () => {
        const state = pass.given({ ...passRecorded, data: { ...passRecorded.data, date: '2022-03-26' } } as PassEvent, minorMet);
        state.when(cmd.FileConcernReport({ on: '2022-03-27' }), edge).thenOne();
        state.when(cmd.FileConcernReport({ on: '2022-03-28' }), edge).thenRefused('BAD_USER_INPUT', 'on', /future/);
      });
    });
  });

  describe('a correction that changes nothing is refused', () => {
    it('CorrectEncounter with the values that already stand → BAD_USER_INPUT encounterId', () => {
      const decision = fullPass().when(cmd.CorrectEncounter({ homeKommun: '0182', ageBand: 'AGE_15_17', raidId, gender: 'WOMAN' }));
      decision.thenRefused('BAD_USER_INPUT', 'encounterId', /changes nothing/);
    });

    it('CorrectEncounter with no fields → BAD_USER_INPUT encounterId', () => {
      fullPass().when(cmd.CorrectEncounter({ homeKommun: undefined })).thenRefused('BAD_USER_INPUT', 'encounterId', /changes nothing/);
    });

    it('CorrectPass with the values that already stand → BAD_USER_INPUT passId', () => {
      const decision = fullPass().when(cmd.CorrectPass({ kind: 'RAID', date: '2022-07-01', units: ['POLIS', 'MIKA'], area: 'Norrmalm' }));
      decision.thenRefused('BAD_USER_INPUT', 'passId', /changes nothing/);
    });

    it('CorrectPass clearing the area of a pass without one → BAD_USER_INPUT passId (changes nothing)', () => {
      const noArea = pass.given({ type: 'PassRecorded', data: { passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, raidRecorded);
      noArea.when(cmd.CorrectPass({ kind: undefined, area: null })).thenRefused('BAD_USER_INPUT', 'passId', /changes nothing.*area null clears it/);
    });

    it('CorrectPass with no fields → BAD_USER_INPUT passId', () => {
      fullPass().when(cmd.CorrectPass({ kind: undefined })).thenRefused('BAD_USER_INPUT', 'passId', /changes nothing/);
    });

    it('CorrectPass that only reorders the units changes nothing → BAD_USER_INPUT passId', () => {
      fullPass().when(cmd.CorrectPass({ kind: undefined, units: ['MIKA', 'POLIS'] })).thenRefused('BAD_USER_INPUT', 'passId', /changes nothing/);
    });
  });

  describe('evolve folds corrections so later decisions see them', () => {
    it('CorrectPass of units, folded: the same units again change nothing, another set does', () => {
      const state = fullPass().when(cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'KAST'] }));
      expect(state.thenState().units).to.deep.equal(['POLIS', 'KAST']);
      state.andWhen(cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'KAST'] })).thenRefused('BAD_USER_INPUT', 'passId', /changes nothing/);
      const e = state.andWhen(cmd.CorrectPass({ kind: undefined, units: ['POLIS', 'MIKA'] })).thenOne();
      expect(e.data).to.deep.equal({ passId, units: ['POLIS', 'MIKA'] });
    });

    it('a corrected pass date moves the "not before the pass date" edge and the occurredAt of later facts', () => {
      const state = fullPass().when(cmd.CorrectPass({ kind: undefined, date: '2022-07-03' }));
      expect(state.thenState().date).to.equal('2022-07-03');
      state.andWhen(cmd.ContactGuardian({ on: '2022-07-02' })).thenRefused('BAD_USER_INPUT', 'on', /before the pass date \(2022-07-03\)/);
      expect(state.andWhen(cmd.RecordRaid()).thenOne().occurredAt).to.equal('2022-07-03T21:00:00+02:00');
    });

    it('a corrected encounter keeps its other fields; the corrected value then changes nothing', () => {
      const state = fullPass().when(cmd.CorrectEncounter({ homeKommun: '0184' }));
      expect(state.thenState().encounters.get(minor)).to.deep.equal({
        role: 'EXPOSED',
        ageBand: 'AGE_15_17',
        gender: 'WOMAN',
        homeKommun: '0184',
        raidId,
        retracted: false,
        everUnder18: true,
      });
      state.andWhen(cmd.CorrectEncounter({ homeKommun: '0184' })).thenRefused('BAD_USER_INPUT', 'encounterId', /changes nothing/);
    });

    it('a retraction folded: the encounter then refuses support', () => {
      const state = fullPass().when(cmd.RetractEncounter());
      expect(state.thenState().encounters.get(minor)?.retracted).to.equal(true);
      state.andWhen(cmd.OfferSupport()).thenRefused('CONFLICT', 'encounterId', /retracted/);
    });

    it('a pass retraction folded: the pass then refuses a raid', () => {
      const state = fullPass().when(cmd.RetractPass());
      expect(state.thenState().retracted).to.equal(true);
      state.andWhen(cmd.RecordRaid()).thenRefused('CONFLICT', 'passId', /retracted/);
    });

    it('support does not change the state; guardian contact and concern report keep their first date', () => {
      const state = fullPass();
      const after = state.when(cmd.OfferSupport());
      expect(after.thenState()).to.equal(state.state);
      const contacted = after.andWhen(cmd.ContactGuardian());
      expect(contacted.thenState().encounters.get(minor)?.guardianContactedOn).to.equal('2022-07-02');
      const reported = contacted.andWhen(cmd.FileConcernReport({ on: '2022-07-03' }));
      expect(reported.thenState().encounters.get(minor)?.concernReport?.on).to.equal('2022-07-03');
      const again = evolve(reported.thenState(), { type: 'GuardianContacted', data: { passId, encounterId: minor, on: '2022-07-04' } });
      expect(again.encounters.get(minor)?.guardianContactedOn).to.equal('2022-07-02');
    });

    it('an event for an unknown encounter leaves the state as it was', () => {
      const state = fullPass().state;
      const next = evolve(state, { type: 'EncounterCorrected', data: { passId, encounterId: stranger, ageBand: 'UNDER_15' } });
      expect(next).to.equal(state);
    });

    it('evolve does not mutate the state it was given', () => {
      const state = fullPass().state;
      evolve(state, { type: 'RaidRecorded', data: { passId, raidId: otherRaidId, locationType: 'HOTEL' } });
      evolve(state, { type: 'EncounterRetracted', data: { passId, encounterId: minor, reason: 'x' } });
      expect(state.raids.has(otherRaidId)).to.equal(false);
      expect(state.encounters.get(minor)?.retracted).to.equal(false);
    });
  });

  describe('Stockholm time across DST switches', () => {
    it('a pass on 2022-03-27 at 02:30 (a local time that does not exist) gets a valid occurredAt, moved to 03:30+02:00', () => {
      const e = pass.given().when(cmd.RecordPass({ date: '2022-03-27', startTime: '02:30' })).thenOne();
      expect(isValidIso(e.occurredAt)).to.equal(true);
      expect(e.occurredAt).to.equal('2022-03-27T03:30:00+02:00');
      expect(new Date(e.occurredAt).toISOString()).to.equal('2022-03-27T01:30:00.000Z');
    });

    it('a pass on 2022-03-27 at 01:30 is still winter time (+01:00), at 03:00 summer time (+02:00)', () => {
      expect(pass.given().when(cmd.RecordPass({ date: '2022-03-27', startTime: '01:30' })).thenOne().occurredAt).to.equal('2022-03-27T01:30:00+01:00');
      expect(pass.given().when(cmd.RecordPass({ date: '2022-03-27', startTime: '03:00' })).thenOne().occurredAt).to.equal('2022-03-27T03:00:00+02:00');
    });

    it('a pass on 2022-10-30 at 02:30 (a local time that happens twice) gets a valid occurredAt at 02:30 local', () => {
      const e = pass.given().when(cmd.RecordPass({ date: '2022-10-30', startTime: '02:30' }), WINTER_NOW).thenOne();
      expect(isValidIso(e.occurredAt)).to.equal(true);
      expect(e.occurredAt).to.be.oneOf(['2022-10-30T02:30:00+02:00', '2022-10-30T02:30:00+01:00']);
    });
  });
  describe('a pass date cannot move past safeguarding already recorded', () => {
    const guardianOn = (on: string): PassEvent => ({ type: 'GuardianContacted', data: { passId, encounterId: minor, on } });
    const concernOn = (on: string): PassEvent => ({ type: 'ConcernReportFiled', data: { passId, encounterId: minor, on, kommun: '0182' } });

    it('CorrectPass to a date after a guardian contact → BAD_USER_INPUT date, naming the rule', () => {
      const state = pass.given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-03'));
      state.when(cmd.CorrectPass({ date: '2022-07-04' })).thenRefused('BAD_USER_INPUT', 'date', /must not be after a guardian contact or report of concern .*2022-07-03/);
    });

    it('CorrectPass to a date after a report of concern → BAD_USER_INPUT date (the earliest action counts)', () => {
      const state = pass.given(passRecorded, raidRecorded, adultMet, minorMet, concernOn('2022-07-02'), guardianOn('2022-07-05'));
      state.when(cmd.CorrectPass({ date: '2022-07-03' })).thenRefused('BAD_USER_INPUT', 'date', /earliest on 2022-07-02/);
    });

    it('CorrectPass to the very day of the action, or earlier, is accepted', () => {
      const state = pass.given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-03'), concernOn('2022-07-03'));
      expect((state.when(cmd.CorrectPass({ date: '2022-07-03' })).thenOne().data as { date?: string }).date).to.equal('2022-07-03');
      expect((state.when(cmd.CorrectPass({ date: '2022-06-30' })).thenOne().data as { date?: string }).date).to.equal('2022-06-30');
    });

    it('a retracted encounter\'s actions do not hold the date back', () => {
      const state = pass.given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-02'), minorRetracted);
      state.when(cmd.CorrectPass({ date: '2022-07-10' })).thenOne();
    });

    it('answers the police from what they may know: a later date with a child on the pass (now or before a correction), with or without actions', () => {
      const police = (state: ReturnType<typeof fullPass>, date: string) => state.when(cmd.CorrectPass({ date }), NOW, { police: true });
      const neutral = /must not be moved later while an encounter under 18/;
      const withAction = pass.given(passRecorded, raidRecorded, adultMet, minorMet, guardianOn('2022-07-03'));
      const withoutAction = pass.given(passRecorded, raidRecorded, adultMet, minorMet);
      for (const state of [withAction, withoutAction]) {
        police(state, '2022-07-02').thenRefused('BAD_USER_INPUT', 'date', neutral);
        expect(police(state, '2022-06-30').decision.ok).to.equal(true);
        if (!police(state, '2022-07-02').decision.ok) expect(JSON.stringify(police(state, '2022-07-02').decision)).not.to.match(/guardian|concern|2022-07-03/);
      }
      const grownUp = pass.given(passRecorded, raidRecorded, adultMet, minorMet, { type: 'EncounterCorrected', data: { passId, encounterId: minor, ageBand: 'AGE_18_20' } });
      police(grownUp, '2022-07-02').thenRefused('BAD_USER_INPUT', 'date', neutral);
      expect(police(pass.given(passRecorded, raidRecorded, adultMet), '2022-07-02').decision.ok).to.equal(true);
    });

    it('the actions decided on a state are what the next decision sees', () => {
      const state = fullPass().when(cmd.FileConcernReport({ on: '2022-07-02' }));
      state.andWhen(cmd.CorrectPass({ date: '2022-07-05' })).thenRefused('BAD_USER_INPUT', 'date', /earliest on 2022-07-02/);
    });
  });
});
