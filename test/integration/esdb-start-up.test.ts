import { expect } from 'chai';
import { join } from 'node:path';
import { DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { openProjectionEngine } from '../../src/projections/engine.js';
import { PROJECTIONS } from '../../src/projections/registry.js';
import { passRegister } from '../../projections/pass-register.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { esdbProjectionStates } from '../../src/store/esdb/esdb-projection-states.js';
import { startEsdbDouble } from '../support/esdb-double.js';
import { event } from '../support/store-contract.js';
import { tempDir } from '../support/temp.js';
import { esdbDemoLog } from '../support/esdb-demo.js';

/** Start-up on EventStoreDB from saved projection states (the wire-level double); split from esdb-store.test.ts so the files run in parallel. */
describe('start-up on EventStoreDB without folding the whole log again (esdb, the wire-level double)', function () {
  this.timeout(120_000);

  it('esdb: an instance persists its projection states with their EventStoreDB position, and its next start reads only what came after; states from another log are not trusted', async () => {
    const temp = tempDir();
    // A double of its own holding the demo log, as recorded through the adapter (once per process).
    const double = await startEsdbDouble({ startingWith: await esdbDemoLog() });
    const store = openEsdbStore(double.url);
    const states = () => esdbProjectionStates(join(temp.dir, 'esdb.projections'), () => store.logId());
    try {
      const first = await openProjectionEngine(store, states(), PROJECTIONS);
      const folded = await first.catchUp();
      expect(folded.events).to.be.greaterThan(1_000);
      await first.close();

      await store.append('pass-after-restart', [event('Unrelated')], 'no_stream');
      const readBefore = double.stats.eventsRead;
      const second = await openProjectionEngine(store, states(), PROJECTIONS);
      const resumed = await second.catchUp();
      // Two looks at the head (a few records each) and the two records after the checkpoint: not the log's 3,900.
      expect(double.stats.eventsRead - readBefore, 'events read from $all on the second start').to.be.below(20);
      expect(resumed.events).to.be.below(10);
      const figures = steeringFigures(second.state(passRegister), { from: '2021-04-01', to: '2022-08-31' });
      expect(figures).to.deep.include(DEMO_FIGURES);
      await second.close();

      // A different log (a fresh server) behind the same folder: the saved states are not used.
      const other = await startEsdbDouble();
      const otherStore = openEsdbStore(other.url);
      try {
        await otherStore.append('pass-other', [event('Unrelated')], 'no_stream');
        const engine = await openProjectionEngine(otherStore, esdbProjectionStates(join(temp.dir, 'esdb.projections'), () => otherStore.logId()), PROJECTIONS);
        await engine.catchUp();
        expect(steeringFigures(engine.state(passRegister), { from: '2021-04-01', to: '2022-08-31' })).to.not.deep.include(DEMO_FIGURES);
        await engine.close();
      } finally {
        await otherStore.close();
        await other.stop();
      }
    } finally {
      await store.close();
      await double.stop();
      temp.remove();
    }
  });
});
