import { recordCommands, type RecordResult } from '../../src/application/record-commands.js';
import { demoCommands } from '../../src/demo/demo-log.js';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { startEsdbDouble, type EsdbLogCopy } from './esdb-double.js';

let demoLog: Promise<{ readonly log: EsdbLogCopy; readonly result: RecordResult }> | undefined;

/**
 * The demo log as `samlogg demo` records it through the EventStoreDB adapter, recorded once per
 * process into a double and kept as a copy, with what recording it answered: each test starts a
 * double of its own from it (`startEsdbDouble({ startingWith })`). Recording it costs thousands of
 * gRPC round trips (about 7,000 calls for 1,939 commands).
 */
export function esdbDemoRecording(): Promise<{ readonly log: EsdbLogCopy; readonly result: RecordResult }> {
  demoLog ??= (async () => {
    const double = await startEsdbDouble();
    const store = openEsdbStore(double.url);
    try {
      const result = await recordCommands(store, demoCommands(), { actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo', now: new Date(), synthetic: true });
      return { log: double.copyLog(), result };
    } finally {
      await store.close();
      await double.stop();
    }
  })();
  return demoLog;
}

/** The copy of `esdbDemoRecording`; a refusal fails the test's setup. */
export async function esdbDemoLog(): Promise<EsdbLogCopy> {
  const { log, result } = await esdbDemoRecording();
  if (!result.ok) throw new Error(`the demo log was refused: ${JSON.stringify(result.failures[0])}`);
  return log;
}
