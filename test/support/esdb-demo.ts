import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { recordDemo } from './demo.js';
import { startEsdbDouble, type EsdbLogCopy } from './esdb-double.js';

let demoLog: Promise<EsdbLogCopy> | undefined;

/**
 * The demo log as `samlogg demo` records it through the EventStoreDB adapter, recorded once per
 * process into a double and kept as a copy: each test starts a double of its own from it
 * (`startEsdbDouble({ startingWith })`). Recording it costs thousands of gRPC round trips.
 */
export function esdbDemoLog(): Promise<EsdbLogCopy> {
  demoLog ??= (async () => {
    const double = await startEsdbDouble();
    const store = openEsdbStore(double.url);
    try {
      await recordDemo(store);
      return double.copyLog();
    } finally {
      await store.close();
      await double.stop();
    }
  })();
  return demoLog;
}
