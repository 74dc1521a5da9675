import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { eventIdFor, reservationEventIdFor } from '../../src/application/command-identity.js';

/** Event ids are derived from command ids: a retry must append the very ids the first attempt did, whichever version wrote them. */
const NAMESPACE = '0d4c6f2e-93a1-4c55-8f7b-2b8e5d1a7c90';

describe('event ids derived from command ids', () => {
  it('are the uuid package’s version 5 ids in the event id namespace, for random, upper-case and non-ASCII command ids', () => {
    const commandIds = [...Array.from({ length: 200 }, () => randomUUID()), randomUUID().toUpperCase(), 'import-rad-ö-17', 'x'.repeat(300), ''];
    for (const commandId of commandIds) {
      for (const index of [0, 1, 2, 10]) expect(eventIdFor(commandId, index), commandId).to.equal(uuidv5(`${commandId}/${index}`, NAMESPACE));
      const id = randomUUID().toUpperCase();
      expect(reservationEventIdFor(commandId, id), commandId).to.equal(uuidv5(`${commandId}/claims/${id.toLowerCase()}`, NAMESPACE));
    }
  });

  it('keep the ids written before: one recorded event id, as it stands in logs', () => {
    expect(eventIdFor('3f0a3e56-0a6c-4a43-9f5e-6c1d2f0b9a11', 0)).to.equal('d31d4dc2-c556-563f-aaee-69a353ac22fe');
  });
});
