import { Command } from 'commander';
import { applyRetention, parseRetentionLimit } from '../application/retention.js';
import { cliContext, withStore, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { passRegisterFor } from './read-model.js';
import type { CliIo } from './io.js';

export function retentionCommand(io: CliIo): Command {
  return new Command('retention')
    .description('gallra fritext: förstör datanycklar för pass äldre än gränsen / erase the free text of passes older than the limit (counts stay)')
    .requiredOption('--older-than <limit>', 'age of the pass date, e.g. 5y, 18m or 90d')
    .option('--dry-run', 'say what would be erased, erase nothing')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: { olderThan: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const limit = parseRetentionLimit(options.olderThan);
      if ('code' in limit) throw new UsageError(`--older-than: ${limit.rule}`);
      const report = await withStore(io, command.optsWithGlobals<GlobalOptions>(), async (opened) =>
        applyRetention(opened.store, await passRegisterFor(io, opened), opened.dataKeys, limit, { actor: cliContext(io, 'retention').actor, now: io.now(), dryRun: options.dryRun ?? false }),
      );
      const verb = report.dryRun ? 'skulle gallras / would be erased' : 'gallrade / erased';
      io.stdout.write(
        `Pass daterade före / dated before ${report.cutoff}: ${report.passesPastLimit}; fritext ${verb}: ${report.passesErased}.` +
          `${report.dryRun ? ' (torrkörning / dry run: inget ändrat / nothing changed)' : report.position ? ` Körningen loggad på position / run recorded at position ${report.position}.` : ''} Alla antal står kvar / every count stays.\n`,
      );
      if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
    });
}
