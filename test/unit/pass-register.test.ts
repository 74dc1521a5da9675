import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import type { PassRegister } from '../../projections/pass-register-rows.js';
import type { PassEvent } from '../../src/domain/events.js';
import type { RecordedEvent } from '../../src/store/port.js';

/** Feeds domain events to the projection as the store would hand them over. */
function fold(events: readonly PassEvent[], start: PassRegister = passRegister.init()): PassRegister {
  let register = start;
  events.forEach((event, i) => {
    const passId = (event.data as { passId: string }).passId;
    const recorded: RecordedEvent = { id: randomUUID(), streamId: `pass-${passId}`, revision: i, position: i + 1, type: event.type, data: event.data, metadata: {}, recordedAt: `2022-06-0${1 + (i % 9)}T10:00:00.000Z` };
    register = passRegister.apply(register, recorded);
  });
  return register;
}

describe('pass register projection', () => {
  const passId = randomUUID();
  const raidId = randomUUID();
  const minor = randomUUID();
  const adult = randomUUID();
  const events: PassEvent[] = [
    { type: 'PassRecorded', data: { passId, date: '2022-03-27', kind: 'RAID', units: ['POLIS', 'UNGDOMSJOUREN'], startTime: '02:30', endTime: '05:00', area: 'Hotell i City' } },
    { type: 'RaidRecorded', data: { passId, raidId, time: '03:10', locationType: 'HOTEL' } },
    { type: 'PersonEncountered', data: { passId, encounterId: minor, raidId, role: 'EXPOSED', ageBand: 'AGE_18_20', gender: 'WOMAN', homeKommun: '0117' } },
    { type: 'PersonEncountered', data: { passId, encounterId: adult, role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: 'ABROAD' } },
    { type: 'EncounterCorrected', data: { passId, encounterId: minor, ageBand: 'AGE_15_17' } },
    { type: 'SupportOffered', data: { passId, encounterId: minor, unit: 'UNGDOMSJOUREN' } },
    { type: 'SupportOffered', data: { passId, encounterId: minor, unit: 'REGIONKOORDINATOR' } },
    { type: 'GuardianContacted', data: { passId, encounterId: minor, on: '2022-03-27' } },
    { type: 'ConcernReportFiled', data: { passId, encounterId: minor, on: '2022-03-28', kommun: '0117' } },
    { type: 'EncounterRetracted', data: { passId, encounterId: adult, reason: 'fel pass' } },
    { type: 'PassCorrected', data: { passId, units: ['POLIS', 'UNGDOMSJOUREN', 'REGIONKOORDINATOR'], area: 'Hotell på Norrmalm' } },
  ];

  it('reads back each pass as it stands, corrections applied and retractions marked', () => {
    const view = passView(fold(events), passId);
    expect(view).to.deep.equal({
      id: passId,
      date: '2022-03-27',
      kind: 'RAID',
      units: ['REGIONKOORDINATOR', 'UNGDOMSJOUREN', 'POLIS'],
      area: 'Hotell på Norrmalm',
      startTime: '02:30',
      endTime: '05:00',
      retracted: false,
      raids: [{ id: raidId, time: '03:10', locationType: 'HOTEL' }],
      encounters: [
        {
          id: minor,
          passId,
          raidId,
          role: 'EXPOSED',
          ageBand: 'AGE_15_17',
          gender: 'WOMAN',
          homeKommun: '0117',
          retracted: false,
          supportOfferedBy: ['REGIONKOORDINATOR', 'UNGDOMSJOUREN'],
          guardianContactedOn: '2022-03-27',
          concernReport: { on: '2022-03-28', kommun: '0117' },
        },
        { id: adult, passId, role: 'BUYER', ageBand: 'AGE_36_45', homeKommun: 'ABROAD', retracted: true, supportOfferedBy: [] },
      ],
      revision: 10,
      recordedAt: '2022-06-01T10:00:00.000Z',
    });
  });

  it('clears the area on PassCorrected with area null, keeps it cleared through a save and load, and leaves it on a correction without area', () => {
    const cleared = fold([...events, { type: 'PassCorrected', data: { passId, area: null } }]);
    expect(passView(cleared, passId)).not.to.have.property('area');
    const loaded = passRegister.deserialize(passRegister.serialize(cleared));
    expect(passView(loaded, passId)).not.to.have.property('area');
    expect(passView(fold(events), passId)).to.have.property('area', 'Hotell på Norrmalm');
    const kindOnly = fold([...events, { type: 'PassCorrected', data: { passId, kind: 'SURVEILLANCE' } }]);
    expect(passView(kindOnly, passId)).to.include({ area: 'Hotell på Norrmalm', kind: 'SURVEILLANCE' });
  });

  it('saves and loads to the same state, and keeps folding after a load', () => {
    const half = fold(events.slice(0, 6));
    const loaded = passRegister.deserialize(passRegister.serialize(half));
    expect(passView(loaded, passId)).to.deep.equal(passView(half, passId));
    const rest = events.slice(6);
    const continued = fold(rest, loaded);
    const straight = fold(events);
    expect(passView(continued, passId)?.encounters).to.deep.equal(passView(straight, passId)?.encounters);
  });

  it('grows past its initial capacity without losing rows', () => {
    const many: PassEvent[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const id = randomUUID();
      ids.push(id);
      many.push({ type: 'PassRecorded', data: { passId: id, date: '2022-01-01', kind: 'SURVEILLANCE', units: ['POLIS', 'MIKA'] } });
    }
    const register = passRegister.deserialize(passRegister.serialize(fold(many)));
    expect(register.passes.count).to.equal(3000);
    expect(passView(register, ids[2999] as string)?.units).to.deep.equal(['MIKA', 'POLIS']);
  });

  it('ignores events for a pass it has never seen rather than inventing one', () => {
    const register = fold([{ type: 'PersonEncountered', data: { passId: randomUUID(), encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' } }]);
    expect(register.encounters.count).to.equal(0);
  });
});
