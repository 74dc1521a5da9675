import { expect } from 'chai';
import { historySeenBy, policeRevision, withheldFromPolice } from '../../queries/police-view.js';
import type { RecordedEvent } from '../../src/store/port.js';

const event = (revision: number, type: string): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'pass-1',
  revision,
  position: 100 + revision,
  type,
  data: {},
  metadata: { occurredAt: '2022-05-01T21:00:00+02:00', commandId: `c-${revision}`, actor: { userId: 'u', org: 'MIKA', role: 'recorder' } },
  recordedAt: '2022-05-01T19:00:00.000Z',
});

describe('The police view (queries/police-view.ts): what the police are shown of a pass', () => {
  const stream = [event(0, 'PassRecorded'), event(1, 'PersonEncountered'), event(2, 'SupportOffered'), event(3, 'GuardianContacted'), event(4, 'EncounterCorrected'), event(5, 'ConcernReportFiled')];

  it('the history withholds social-services-only events from the police and numbers the rest without a gap', () => {
    const police = historySeenBy(stream, true);
    expect(police.map((e) => e.type)).to.deep.equal(['PassRecorded', 'PersonEncountered', 'EncounterCorrected']);
    expect(police.map((e) => e.revision)).to.deep.equal([0, 1, 2]);
    expect(police.map((e) => e.position)).to.deep.equal([100, 101, 104]);
    const social = historySeenBy(stream, false);
    expect(social.map((e) => e.revision)).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(social[0]).to.deep.include({ commandId: 'c-0', occurredAt: '2022-05-01T21:00:00+02:00' });
  });

  it("a revision is counted for the police over the events up to it they may see", () => {
    expect(policeRevision(stream, 5)).to.equal(2);
    expect(policeRevision(stream, 3)).to.equal(1);
    expect(policeRevision(stream, 0)).to.equal(0);
  });

  it('a social-services-only fact reads as null for the police and as itself for everyone else', () => {
    expect(withheldFromPolice(true, ['MIKA'])).to.equal(null);
    expect(withheldFromPolice(false, ['MIKA'])).to.deep.equal(['MIKA']);
  });
});
