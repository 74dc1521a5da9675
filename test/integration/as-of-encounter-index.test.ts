import { expect } from 'chai';
import { join } from 'node:path';
import { encounterIndex, prepareEncounterIndex } from '../../projections/encounter-index.js';
import { stateAsOf } from '../../src/reports/log-prefix.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { recordDemo } from '../support/demo.js';
import { tempDir } from '../support/temp.js';

describe('An as-of report’s registers: their encounter index is laid out before the report asks', function () {
  this.timeout(30_000);

  it('answers the registers as of an instant with the index current, so no table lays it out in one block', async () => {
    const folder = tempDir();
    const store = openSqliteStore(join(folder.dir, 'samlogg.db'));
    try {
      await recordDemo(store);
      const state = await stateAsOf(store, new Date(Date.now() + 60_000));
      expect(state.register.encounters.count, 'the demo log has encounters').to.be.greaterThan(0);
      const steps = prepareEncounterIndex(state.register);
      expect(steps.next(), 'nothing left to lay out').to.deep.equal({ done: true, value: encounterIndex(state.register) });
    } finally {
      await store.close();
      folder.remove();
    }
  });
});
