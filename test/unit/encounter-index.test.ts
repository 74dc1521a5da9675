import { expect } from 'chai';
import { encounterIndex } from '../../projections/encounter-index.js';
import { passRegister } from '../../projections/pass-register.js';
import { decodeEvent } from '../../src/domain/event-decoding.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import { statistics, type StatisticsQuery } from '../../queries/statistics.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { growLog, newLogState, random } from '../support/random-log.js';
import { expectReferenceAnswers, laidOut } from '../support/encounter-index-checks.js';

/** A register fed one event at a time, each pass stream's revisions counting up as the store's do. */
function log() {
  let register = passRegister.init();
  const revisions = new Map<string, number>();
  let position = 0;
  const apply = (type: string, data: Record<string, unknown>): PassRegister => {
    const streamId = `pass-${data.passId as string}`;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    position += 1;
    const event: RecordedEvent = { id: `e${position}`, streamId, revision, position, type, data, metadata: {}, recordedAt: '2024-01-01T00:00:00.000Z' };
    register = passRegister.apply(register, decodeEvent(event));
    return register;
  };
  return { apply, register: () => register };
}

const QUESTIONS: StatisticsQuery[] = [
  { from: '0001-01-01', to: '9999-12-31', groupBy: [] },
  { from: '0001-01-01', to: '9999-12-31', groupBy: ['UNIT', 'AGE_BAND'] },
  { from: '2022-01-01', to: '2022-12-31', groupBy: ['TERTIAL', 'ROLE', 'HOME_KOMMUN'] },
  { from: '2021-06-01', to: '2023-06-30', groupBy: ['MONTH'] },
  { from: '0001-01-01', to: '9999-12-31', groupBy: ['PASS_KIND', 'UNIT'], jointOnly: true },
  { from: '0001-01-01', to: '9999-12-31', groupBy: ['HOME_KOMMUN'], jointOnly: true, roles: ['EXPOSED'] },
  { from: '2022-03-01', to: '2022-03-31', groupBy: ['RAID_LOCATION_TYPE', 'GENDER', 'UNDER_18'] },
];

/** The index kept up event by event equals one built from scratch over the same rows (a saved and loaded copy). */
function expectFreshLayout(register: PassRegister, when: string): void {
  const fresh = encounterIndex(passRegister.deserialize!(passRegister.serialize!(register)));
  expect(laidOut(encounterIndex(register)), when).to.deep.equal(laidOut(fresh));
}

describe('encounter index: the statistics’ rows in pass-date order, kept up as the register folds', () => {
  it('stays right when a pass is redated earlier and later, retracted, corrected and given follow-up encounters after it was read', () => {
    const { apply, register } = log();
    apply('PassRecorded', { passId: 'a', date: '2022-03-10', kind: 'RAID', units: ['POLIS', 'MIKA'] });
    apply('RaidRecorded', { passId: 'a', raidId: 'ra', locationType: 'HOTEL' });
    apply('PersonEncountered', { passId: 'a', encounterId: 'a1', raidId: 'ra', role: 'EXPOSED', ageBand: 'AGE_15_17', gender: 'WOMAN', homeKommun: '0180' });
    apply('PassRecorded', { passId: 'b', date: '2022-03-12', kind: 'SURVEILLANCE', units: ['POLIS', 'KAST'] });
    apply('PersonEncountered', { passId: 'b', encounterId: 'b1', role: 'BUYER', ageBand: 'AGE_26_35', gender: 'MAN', homeKommun: '0114' });
    apply('PassRecorded', { passId: 'c', date: '2022-03-15', kind: 'RAID', units: ['MIKA'] });
    apply('PassRecorded', { passId: 'd', date: '2022-03-20', kind: 'RAID', units: ['POLIS', 'MIKA', 'KAST'] });
    apply('PersonEncountered', { passId: 'd', encounterId: 'd1', role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: 'ABROAD' });
    expectReferenceAnswers(register(), QUESTIONS, 'four passes in date order');

    const steps: Array<[string, string, Record<string, unknown>]> = [
      ['a follow-up encounter on the first pass (its block grows, the rest move)', 'PersonEncountered', { passId: 'a', encounterId: 'a2', role: 'BUYER', ageBand: 'AGE_46_PLUS', homeKommun: '0180' }],
      ['a pass dated before every other', 'PassRecorded', { passId: 'e', date: '2021-12-31', kind: 'SURVEILLANCE', units: ['POLIS', 'UNGDOMSJOUREN'] }],
      ['its first encounter', 'PersonEncountered', { passId: 'e', encounterId: 'e1', role: 'EXPOSED', ageBand: 'UNDER_15', homeKommun: '0126' }],
      ['a pass redated later, past two others', 'PassCorrected', { passId: 'a', date: '2022-03-18' }],
      ['a pass redated earlier, before every other', 'PassCorrected', { passId: 'd', date: '2021-01-05' }],
      ['an encounter corrected in place', 'EncounterCorrected', { passId: 'b', encounterId: 'b1', role: 'EXPOSED', ageBand: 'AGE_18_20', homeKommun: '0126' }],
      ['support offered later', 'SupportOffered', { passId: 'a', encounterId: 'a1', unit: 'MIKA' }],
      ['an encounter retracted', 'EncounterRetracted', { passId: 'a', encounterId: 'a2', reason: 'fel' }],
      ['a pass retracted', 'PassRetracted', { passId: 'b', reason: 'fel' }],
      ['units and kind corrected', 'PassCorrected', { passId: 'c', units: ['POLIS', 'REGIONKOORDINATOR'], kind: 'SURVEILLANCE' }],
      ['a follow-up encounter on a pass that had none', 'PersonEncountered', { passId: 'c', encounterId: 'c1', role: 'BUYER', ageBand: 'AGE_36_45', gender: 'MAN', homeKommun: '0114' }],
      ['an encounter moved into a raid', 'EncounterCorrected', { passId: 'a', encounterId: 'a1', raidId: 'ra' }],
      ['a new pass on the last date, after the pass already there', 'PassRecorded', { passId: 'f', date: '2022-03-18', kind: 'RAID', units: ['POLIS', 'KAST'] }],
      ['its encounter', 'PersonEncountered', { passId: 'f', encounterId: 'f1', role: 'BUYER', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' }],
    ];
    for (const [when, type, data] of steps) {
      apply(type, data);
      expectReferenceAnswers(register(), QUESTIONS, when);
      expectFreshLayout(register(), when);
    }
    // The redated passes sit where their new dates put them.
    const index = encounterIndex(register());
    const dates = Array.from(index.blockDate.subarray(0, index.blocks));
    expect(dates).to.deep.equal([...dates].sort((x, y) => x - y));
    expect(dates[0]).to.equal(20210105);
  });

  it('gives the reference answers and a fresh index’s layout when asked between small growths of random logs (passes out of date order, redated, retracted, corrected)', () => {
    for (let seed = 1; seed <= 6; seed += 1) {
      const rnd = random(seed);
      const state = newLogState();
      let register = passRegister.init();
      for (let round = 0; round < 12; round += 1) {
        // Small growths between questions: one to three passes with their corrections of earlier passes.
        register = growLog(register, rnd, 1 + rnd.int(3), state);
        expectReferenceAnswers(register, QUESTIONS, `seed ${seed} round ${round}`);
        expectFreshLayout(register, `seed ${seed} round ${round}`);
      }
    }
  });

  it('orders passes whose dates lie centuries apart (too wide a span to count by day)', () => {
    const { apply, register } = log();
    const dates = ['2099-12-31', '1901-01-01', '2022-05-05', '1950-06-15'];
    dates.forEach((date, i) => {
      apply('PassRecorded', { passId: `p${i}`, date, kind: 'RAID', units: ['POLIS', 'MIKA'] });
      apply('PersonEncountered', { passId: `p${i}`, encounterId: `x${i}`, role: 'EXPOSED', ageBand: 'AGE_21_25', homeKommun: '0180' });
    });
    const index = encounterIndex(register());
    expect(Array.from(index.blockDate.subarray(0, index.blocks))).to.deep.equal([19010101, 19500615, 20220505, 20991231]);
    expectReferenceAnswers(register(), QUESTIONS, 'centuries apart');
    expect(statistics(register(), { from: '1900-01-01', to: '1999-12-31', groupBy: [] }).total.encounters).to.equal(2);
  });
});
