import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { PassCommand } from '../src/domain/commands.js';
import type { PassEvent } from '../src/domain/events.js';
import { decide, evolve, initialState, type Decision, type PassState } from '../src/domain/pass-decider.js';

/** Given events, when a command, then events or an error — no store, no clock (now is passed in). */
const NOW = new Date('2022-09-15T10:00:00Z');
const passId = randomUUID();
const raidId = randomUUID();
const adult = randomUUID();
const minor = randomUUID();
const cid = () => randomUUID();

const passRecorded: PassEvent = { type: 'PassRecorded', data: { passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'], startTime: '21:00' } };
const raidRecorded: PassEvent = { type: 'RaidRecorded', data: { passId, raidId, locationType: 'APARTMENT' } };
const adultMet: PassEvent = { type: 'PersonEncountered', data: { passId, encounterId: adult, role: 'EXPOSED', ageBand: 'AGE_26_35', homeKommun: '0180' } };
const minorMet: PassEvent = { type: 'PersonEncountered', data: { passId, encounterId: minor, role: 'EXPOSED', ageBand: 'AGE_15_17', homeKommun: '0182' } };

function given(...events: PassEvent[]): PassState {
  return events.reduce(evolve, initialState());
}

function when(state: PassState, command: PassCommand, now = NOW): Decision {
  return decide(command, state, now);
}

function expectError(decision: Decision, code: string, field: string, rule: RegExp): void {
  expect(decision.ok, JSON.stringify(decision)).to.equal(false);
  if (decision.ok) return;
  expect(decision.error.code).to.equal(code);
  expect(decision.error.field).to.equal(field);
  expect(decision.error.rule).to.match(rule);
}

function expectEvents(decision: Decision): PassEvent[] & Array<{ occurredAt: string }> {
  expect(decision.ok, JSON.stringify(decision)).to.equal(true);
  return decision.ok ? decision.events : [];
}

describe('pass decider', () => {
  describe('happy paths', () => {
    it('records a pass, with occurredAt in Stockholm summer time', () => {
      const [event] = expectEvents(when(given(), { type: 'RecordPass', commandId: cid(), passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'], startTime: '21:00' }));
      expect(event).to.deep.equal({ type: 'PassRecorded', data: { passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS', 'MIKA'], startTime: '21:00' }, occurredAt: '2022-07-01T21:00:00+02:00' });
    });

    it('records a winter pass with the +01:00 offset', () => {
      const [event] = expectEvents(when(given(), { type: 'RecordPass', commandId: cid(), passId, date: '2022-01-14', kind: 'SURVEILLANCE', units: ['POLIS', 'KAST'], startTime: '22:15' }));
      expect(event?.occurredAt).to.equal('2022-01-14T22:15:00+01:00');
    });

    it('gives a real instant to a start time that does not exist on the day summer time begins', () => {
      const [event] = expectEvents(when(given(), { type: 'RecordPass', commandId: cid(), passId, date: '2022-03-27', kind: 'RAID', units: ['POLIS', 'MIKA'], startTime: '02:30' }, NOW));
      expect(event?.occurredAt).to.equal('2022-03-27T03:30:00+02:00');
    });

    it('records a raid, an encounter in it, and support offered', () => {
      const state = given(passRecorded);
      expect(expectEvents(when(state, { type: 'RecordRaid', commandId: cid(), passId, raidId, time: '22:30', locationType: 'HOTEL' }))[0]).to.deep.equal({
        type: 'RaidRecorded',
        data: { passId, raidId, time: '22:30', locationType: 'HOTEL' },
        occurredAt: '2022-07-01T22:30:00+02:00',
      });
      const withRaid = given(passRecorded, raidRecorded);
      const [met] = expectEvents(when(withRaid, { type: 'RecordEncounter', commandId: cid(), passId, encounterId: adult, raidId, role: 'BUYER', ageBand: 'AGE_36_45', gender: 'MAN', homeKommun: '0160' }));
      expect(met?.type).to.equal('PersonEncountered');
      expect(met?.data).to.deep.include({ raidId, role: 'BUYER', homeKommun: '0160' });
      const [support] = expectEvents(when(given(passRecorded, adultMet), { type: 'OfferSupport', commandId: cid(), passId, encounterId: adult, unit: 'KAST' }));
      expect(support).to.deep.include({ type: 'SupportOffered', data: { passId, encounterId: adult, unit: 'KAST' } });
    });

    it('records guardian contact and a report of concern for a minor', () => {
      const state = given(passRecorded, minorMet);
      const [contact] = expectEvents(when(state, { type: 'ContactGuardian', commandId: cid(), passId, encounterId: minor, on: '2022-07-02' }));
      expect(contact).to.deep.equal({ type: 'GuardianContacted', data: { passId, encounterId: minor, on: '2022-07-02' }, occurredAt: '2022-07-02T00:00:00+02:00' });
      const [report] = expectEvents(when(state, { type: 'FileConcernReport', commandId: cid(), passId, encounterId: minor, on: '2022-07-01', kommun: '0182' }));
      expect(report?.data).to.deep.equal({ passId, encounterId: minor, on: '2022-07-01', kommun: '0182' });
    });

    it('corrects only the fields that change, and retracts with a reason, stamped with now', () => {
      const state = given(passRecorded, adultMet);
      const [corrected] = expectEvents(when(state, { type: 'CorrectEncounter', commandId: cid(), passId, encounterId: adult, role: 'EXPOSED', ageBand: 'AGE_21_25' }));
      expect(corrected).to.deep.equal({ type: 'EncounterCorrected', data: { passId, encounterId: adult, ageBand: 'AGE_21_25' }, occurredAt: '2022-09-15T12:00:00+02:00' });
      const [retracted] = expectEvents(when(state, { type: 'RetractEncounter', commandId: cid(), passId, encounterId: adult, reason: 'dubbelregistrerad' }));
      expect(retracted?.data).to.deep.equal({ passId, encounterId: adult, reason: 'dubbelregistrerad' });
      const [passCorrected] = expectEvents(when(state, { type: 'CorrectPass', commandId: cid(), passId, units: ['POLIS', 'MIKA', 'KAST'], kind: 'RAID' }));
      expect(passCorrected?.data).to.deep.equal({ passId, units: ['POLIS', 'MIKA', 'KAST'] });
      const [passRetracted] = expectEvents(when(state, { type: 'RetractPass', commandId: cid(), passId, reason: 'fel datum' }));
      expect(passRetracted?.type).to.equal('PassRetracted');
    });
  });

  describe('rules', () => {
    it('an encounter, raid, support offer or correction needs a recorded pass', () => {
      const commands: PassCommand[] = [
        { type: 'RecordRaid', commandId: cid(), passId, raidId, locationType: 'HOTEL' },
        { type: 'RecordEncounter', commandId: cid(), passId, encounterId: adult, role: 'EXPOSED', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' },
        { type: 'OfferSupport', commandId: cid(), passId, encounterId: adult, unit: 'MIKA' },
        { type: 'CorrectPass', commandId: cid(), passId, kind: 'SURVEILLANCE' },
        { type: 'RetractPass', commandId: cid(), passId, reason: 'x' },
      ];
      for (const command of commands) expectError(when(given(), command), 'NOT_FOUND', 'passId', /must name a recorded pass/);
    });

    it('a retracted pass takes nothing more', () => {
      const state = given(passRecorded, adultMet, { type: 'PassRetracted', data: { passId, reason: 'dubbel' } });
      const commands: PassCommand[] = [
        { type: 'RecordRaid', commandId: cid(), passId, raidId, locationType: 'HOTEL' },
        { type: 'RecordEncounter', commandId: cid(), passId, encounterId: minor, role: 'EXPOSED', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' },
        { type: 'OfferSupport', commandId: cid(), passId, encounterId: adult, unit: 'MIKA' },
        { type: 'CorrectEncounter', commandId: cid(), passId, encounterId: adult, role: 'BUYER' },
        { type: 'CorrectPass', commandId: cid(), passId, kind: 'SURVEILLANCE' },
        { type: 'RetractPass', commandId: cid(), passId, reason: 'igen' },
      ];
      for (const command of commands) expectError(when(state, command), 'CONFLICT', 'passId', /retracted pass/);
    });

    it('a pass, raid or encounter id is recorded once', () => {
      expectError(when(given(passRecorded), { type: 'RecordPass', commandId: cid(), passId, date: '2022-07-01', kind: 'RAID', units: ['POLIS'] }), 'CONFLICT', 'passId', /already recorded/);
      expectError(when(given(passRecorded, raidRecorded), { type: 'RecordRaid', commandId: cid(), passId, raidId, locationType: 'HOTEL' }), 'CONFLICT', 'raidId', /already recorded/);
      expectError(
        when(given(passRecorded, adultMet), { type: 'RecordEncounter', commandId: cid(), passId, encounterId: adult, role: 'EXPOSED', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' }),
        'CONFLICT',
        'encounterId',
        /already recorded/,
      );
    });

    it('a raidId must name a raid of the pass', () => {
      const state = given(passRecorded, adultMet);
      expectError(when(state, { type: 'RecordEncounter', commandId: cid(), passId, encounterId: minor, raidId, role: 'EXPOSED', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' }), 'NOT_FOUND', 'raidId', /raid recorded on this pass/);
      expectError(when(state, { type: 'CorrectEncounter', commandId: cid(), passId, encounterId: adult, raidId }), 'NOT_FOUND', 'raidId', /raid recorded on this pass/);
    });

    it('support, safeguarding, correction and retraction need an encounter that exists and is not retracted', () => {
      const unknown = randomUUID();
      const missing: PassCommand[] = [
        { type: 'OfferSupport', commandId: cid(), passId, encounterId: unknown, unit: 'MIKA' },
        { type: 'ContactGuardian', commandId: cid(), passId, encounterId: unknown, on: '2022-07-01' },
        { type: 'FileConcernReport', commandId: cid(), passId, encounterId: unknown, on: '2022-07-01', kommun: '0180' },
        { type: 'CorrectEncounter', commandId: cid(), passId, encounterId: unknown, role: 'BUYER' },
        { type: 'RetractEncounter', commandId: cid(), passId, encounterId: unknown, reason: 'x' },
      ];
      for (const command of missing) expectError(when(given(passRecorded), command), 'NOT_FOUND', 'encounterId', /must name an encounter/);
      const retracted = given(passRecorded, minorMet, { type: 'EncounterRetracted', data: { passId, encounterId: minor, reason: 'fel' } });
      for (const command of missing) {
        expectError(when(retracted, { ...command, encounterId: minor } as PassCommand), 'CONFLICT', 'encounterId', /retracted encounter/);
      }
    });

    it('guardian contact and reports of concern only for an encounter under 18, as currently corrected', () => {
      const contact: PassCommand = { type: 'ContactGuardian', commandId: cid(), passId, encounterId: adult, on: '2022-07-01' };
      const report: PassCommand = { type: 'FileConcernReport', commandId: cid(), passId, encounterId: adult, on: '2022-07-01', kommun: '0180' };
      expectError(when(given(passRecorded, adultMet), contact), 'BAD_USER_INPUT', 'encounterId', /only for an encounter under 18/);
      expectError(when(given(passRecorded, adultMet), report), 'BAD_USER_INPUT', 'encounterId', /only for an encounter under 18/);
      const correctedToMinor = given(passRecorded, adultMet, { type: 'EncounterCorrected', data: { passId, encounterId: adult, ageBand: 'UNDER_15' } });
      expectEvents(when(correctedToMinor, contact));
      expectEvents(when(correctedToMinor, report));
      const correctedToAdult = given(passRecorded, minorMet, { type: 'EncounterCorrected', data: { passId, encounterId: minor, ageBand: 'AGE_18_20' } });
      expectError(when(correctedToAdult, { ...report, encounterId: minor }), 'BAD_USER_INPUT', 'encounterId', /under 18/);
    });

    it('safeguarding is not dated before the pass', () => {
      expectError(when(given(passRecorded, minorMet), { type: 'ContactGuardian', commandId: cid(), passId, encounterId: minor, on: '2022-06-30' }), 'BAD_USER_INPUT', 'on', /before the pass date \(2022-07-01\)/);
    });

    it('no date in the future, judged by the Stockholm calendar', () => {
      // 23:30 UTC on 26 March is already 27 March in Stockholm.
      const lateEvening = new Date('2022-03-26T23:30:00Z');
      const record = (date: string): PassCommand => ({ type: 'RecordPass', commandId: cid(), passId, date, kind: 'RAID', units: ['POLIS', 'MIKA'] });
      expectEvents(when(given(), record('2022-03-27'), lateEvening));
      expectError(when(given(), record('2022-03-28'), lateEvening), 'BAD_USER_INPUT', 'date', /must not be in the future \(today is 2022-03-27/);
      const early = given({ type: 'PassRecorded', data: { passId, date: '2022-03-26', kind: 'RAID', units: ['POLIS', 'MIKA'] } }, minorMet);
      expectError(when(early, { type: 'ContactGuardian', commandId: cid(), passId, encounterId: minor, on: '2022-03-28' }, lateEvening), 'BAD_USER_INPUT', 'on', /future/);
      expectError(when(given(passRecorded), { type: 'CorrectPass', commandId: cid(), passId, date: '2022-09-16' }), 'BAD_USER_INPUT', 'date', /future/);
    });

    it('a correction must change something', () => {
      expectError(when(given(passRecorded, adultMet), { type: 'CorrectEncounter', commandId: cid(), passId, encounterId: adult, role: 'EXPOSED' }), 'BAD_USER_INPUT', 'encounterId', /changes nothing/);
      expectError(when(given(passRecorded), { type: 'CorrectPass', commandId: cid(), passId, kind: 'RAID', units: ['POLIS', 'MIKA'] }), 'BAD_USER_INPUT', 'passId', /changes nothing/);
    });
  });

  it('folds corrections so later decisions see them', () => {
    const state = given(passRecorded, adultMet, { type: 'PassCorrected', data: { passId, date: '2022-07-05' } }, { type: 'EncounterCorrected', data: { passId, encounterId: adult, ageBand: 'AGE_15_17' } });
    expect(state.date).to.equal('2022-07-05');
    expect(state.encounters.get(adult)?.ageBand).to.equal('AGE_15_17');
    expectError(when(state, { type: 'ContactGuardian', commandId: cid(), passId, encounterId: adult, on: '2022-07-04' }), 'BAD_USER_INPUT', 'on', /2022-07-05/);
  });
});
