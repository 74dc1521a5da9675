import { Command } from 'commander';
import { recordCommands } from '../application/record-commands.js';
import { describeError } from '../domain/errors.js';
import { DEMO_LABEL, demoCommands } from '../demo/demo-log.js';
import { withStore, type GlobalOptions } from './context.js';
import { progressBar } from './progress.js';
import type { CliIo } from './io.js';

export function demoCommand(io: CliIo): Command {
  return new Command('demo')
    .description(`lägg till demologgen (${DEMO_LABEL}) / append the synthetic demo log`)
    .action(async (_options: unknown, command: Command) => {
      const commands = demoCommands();
      const bar = progressBar(io, 'Demologg');
      const result = await withStore(io, command.optsWithGlobals<GlobalOptions>(), (opened) =>
        recordCommands(
          opened.store,
          commands,
          { actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo-2021-2022', now: io.now(), synthetic: true },
          { dataKeys: opened.dataKeys, onProgress: (done, total) => bar.update(done, total) },
        ),
        { create: true },
      ).finally(() => bar.stop());
      if (!result.ok) {
        // The demo is fixed data: a refusal means the log holds something that contradicts it.
        const first = result.failures[0];
        throw new Error(`the demo log does not fit this log (command ${first ? first.index + 1 : '?'}: ${first?.errors.map(describeError).join('; ')})`);
      }
      if (result.appended === 0) {
        io.stdout.write(`Demologgen finns redan – inget tillagt / the demo log is already recorded – nothing appended (${commands.length} kommandon / commands).\n`);
      } else {
        io.stdout.write(`Demologg (${DEMO_LABEL}): ${result.appended} händelser tillagda / events appended from ${commands.length} kommandon / commands.\n`);
      }
    });
}
