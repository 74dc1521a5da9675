import { recordCommands } from '../../src/application/record-commands.js';
import { demoCommands } from '../../src/demo/demo-log.js';
import type { EventStore } from '../../src/store/port.js';

/** Appends the synthetic demo log, as `samlogg demo` does; a refusal fails the test's setup. */
export async function recordDemo(store: EventStore): Promise<void> {
  const result = await recordCommands(store, demoCommands(), { actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo', now: new Date(), synthetic: true });
  if (!result.ok) throw new Error(`the demo log was refused: ${JSON.stringify(result.failures[0])}`);
}
