import { Command } from 'commander';
import { claimRecordedIds } from '../application/id-reservations.js';
import { cliContext, withStore, type GlobalOptions } from './context.js';
import type { CliIo } from './io.js';

/** Once, on a log recorded before ids were claimed: afterwards no id already in it can be recorded again. */
export function claimIdsCommand(io: CliIo): Command {
  return new Command('claim-ids')
    .description('gör anspråk på id:n i en äldre logg / claim the pass, raid and encounter ids of a log recorded before ids were claimed')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: { json?: boolean }, command: Command) => {
      const context = cliContext(io, 'claim-ids');
      const report = await withStore(io, command.optsWithGlobals<GlobalOptions>(), (opened) => claimRecordedIds(opened.store, context));
      io.stdout.write(
        `Id:n i loggen / ids in the log: ${report.ids}; nya anspråk / newly claimed: ${report.claimed}; återanvända (första behåller id:t) / reused (the first keeps the id): ${report.reused}.\n`,
      );
      if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    });
}
