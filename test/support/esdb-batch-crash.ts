/**
 * Run as a child process by test/integration/esdb-double.test.ts: two clients in one process append through
 * client 6.2.1's BatchAppend path (`raw`) or through the adapter (`adapter`, which forces unary
 * Append). Client B's reply is held back; client A's batch stream then fails, which clears the
 * client's module-global map of pending batch appends; B's reply arrives to an empty map.
 * Prints `crashed: <message>` and exits 3 on an uncaught exception, `survived` otherwise.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { openEsdbStore } from '../../src/store/esdb/esdb-store.js';
import { startEsdbDouble } from './esdb-double.js';

process.on('uncaughtException', (error) => {
  process.stdout.write(`crashed: ${error.message}\n`);
  process.exit(3);
});

const mode = process.argv[2];
const double = await startEsdbDouble({ features: true });
const settle = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: Error) => `failed: ${error.constructor.name}`);
if (mode === 'raw') {
  const a = EventStoreDBClient.connectionString(double.url);
  const b = EventStoreDBClient.connectionString(double.url);
  // Open both batch streams first.
  await a.appendToStream('pass-a', jsonEvent({ type: 'A', data: {} }));
  await b.appendToStream('pass-b', jsonEvent({ type: 'B', data: {} }));
  double.faults.delayBatchReplies(300);
  const late = settle(b.appendToStream('pass-b', jsonEvent({ type: 'B', data: {} })));
  await new Promise((resolve) => setTimeout(resolve, 50));
  double.faults.breakBatchStream();
  const broken = settle(a.appendToStream('pass-a', jsonEvent({ type: 'A', data: {} })));
  process.stdout.write(`a ${await broken}, b ${await late}\n`);
  await new Promise((resolve) => setTimeout(resolve, 600));
} else {
  const a = openEsdbStore(double.url, { onRetry: () => {} });
  const b = openEsdbStore(double.url, { onRetry: () => {} });
  await a.append('pass-a', [{ id: crypto.randomUUID(), type: 'A', data: {}, metadata: {} }], 'any');
  double.faults.delayBatchReplies(300);
  double.faults.breakBatchStream();
  const late = settle(b.append('pass-b', [{ id: crypto.randomUUID(), type: 'B', data: {}, metadata: {} }], 'any'));
  const other = settle(a.append('pass-a', [{ id: crypto.randomUUID(), type: 'A', data: {}, metadata: {} }], 'any'));
  process.stdout.write(`a ${await other}, b ${await late}, batch streams ${double.stats.batchAppends}\n`);
  await a.close();
  await b.close();
}
await double.stop();
process.stdout.write('survived\n');
process.exit(0);
