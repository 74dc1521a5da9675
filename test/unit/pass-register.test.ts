import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import type { PassEvent } from '../../src/domain/events.js';
import { projectionSpecification } from '../support/projection-specification.js';

/** The register fed domain events as the store hands them over, each on its pass's stream. */
const register = projectionSpecification(passRegister, { streamOf: (event: PassEvent) => `pass-${(event.data as { passId: string }).passId}` });

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
    register.given(...events).then((state) => passView(state, passId), {
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
    const cleared = register.given(...events).and({ type: 'PassCorrected', data: { passId, area: null } });
    expect(passView(cleared.state, passId)).not.to.have.property('area');
    expect(passView(cleared.afterSaveAndLoad().state, passId)).not.to.have.property('area');
    expect(passView(register.given(...events).state, passId)).to.have.property('area', 'Hotell på Norrmalm');
    const kindOnly = register.given(...events).and({ type: 'PassCorrected', data: { passId, kind: 'SURVEILLANCE' } });
    expect(passView(kindOnly.state, passId)).to.include({ area: 'Hotell på Norrmalm', kind: 'SURVEILLANCE' });
  });

  it('saves and loads to the same state, and keeps folding after a load', () => {
    const half = register.given(...events.slice(0, 6));
    const loaded = half.afterSaveAndLoad();
    loaded.then((state) => passView(state, passId), passView(half.state, passId));
    const continued = loaded.and(...events.slice(6));
    const straight = register.given(...events);
    expect(passView(continued.state, passId)?.encounters).to.deep.equal(passView(straight.state, passId)?.encounters);
  });

  it('grows past its initial capacity without losing rows', () => {
    const many: PassEvent[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const id = randomUUID();
      ids.push(id);
      many.push({ type: 'PassRecorded', data: { passId: id, date: '2022-01-01', kind: 'SURVEILLANCE', units: ['POLIS', 'MIKA'] } });
    }
    const loaded = register.given(...many).afterSaveAndLoad().state;
    expect(loaded.passes.count).to.equal(3000);
    expect(passView(loaded, ids[2999] as string)?.units).to.deep.equal(['MIKA', 'POLIS']);
  });

  it('ignores events for a pass it has never seen rather than inventing one', () => {
    register.given({ type: 'PersonEncountered', data: { passId: randomUUID(), encounterId: randomUUID(), role: 'EXPOSED', ageBand: 'UNKNOWN', homeKommun: 'UNKNOWN' } }).then((state) => state.encounters.count, 0);
  });
});
