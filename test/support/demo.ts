import { recordCommands } from '../../src/application/record-commands.js';
import { demoCommands } from '../../src/demo/demo-log.js';
import type { AppendRequest, EventStore } from '../../src/store/port.js';

/**
 * The instant the demo is decided at. Deciders stamp it on a few events (a retraction's occurredAt,
 * which only the pass history shows); everything else in the demo's commands is fixed. A fixed instant
 * makes the recorded log the same on every run, whatever today is.
 */
const DECIDED_AT = new Date('2026-11-30T12:00:00Z');

/** What recording the demo into an empty log appended, once per process (see `recordDemo`). */
let planned: Promise<readonly AppendRequest[]> | undefined;

/**
 * Appends the synthetic demo log, as `samlogg demo` does; a refusal fails the test's setup.
 *
 * Fixed commands decided at a fixed instant against an empty log always plan the same appends. So the
 * first recording into an empty log in this process keeps what it handed to the store's appendBatch,
 * and a later one into an empty log hands the store the same batch (one transaction, as before)
 * instead of deciding 1,939 commands again (about 1 s of CPU each time).
 */
export async function recordDemo(store: EventStore): Promise<void> {
  const empty = (await store.headPosition()) === 0;
  if (empty && planned) {
    await store.appendBatch(await planned);
    return;
  }
  let appended: readonly AppendRequest[] | undefined;
  const keeping = new Proxy(store, {
    get: (target, key) =>
      key === 'appendBatch'
        ? (requests: readonly AppendRequest[]) => {
            appended = requests;
            return target.appendBatch(requests);
          }
        : Reflect.get(target, key),
  });
  const result = await recordCommands(keeping, demoCommands(), { actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo', now: DECIDED_AT, synthetic: true });
  if (!result.ok) throw new Error(`the demo log was refused: ${JSON.stringify(result.failures[0])}`);
  if (empty && appended) planned ??= Promise.resolve(appended);
}
