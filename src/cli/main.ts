import { Command, CommanderError, Option } from 'commander';
import { BadStoreUrlError, NoLogError, StoreError } from '../store/errors.js';
import { agreementsCommand } from './agreements-command.js';
import { auditCommand } from './audit-command.js';
import { backupCommand, restoreCommand } from './backup-command.js';
import { claimIdsCommand } from './claim-ids-command.js';
import { costShareCommand } from './cost-share-command.js';
import { demoCommand } from './demo-command.js';
import { InputRefused, UsageError } from './errors.js';
import { figuresCommand } from './figures-command.js';
import { importCommand } from './import-command.js';
import { migrateCommand } from './migrate-command.js';
import { rebuildCommand } from './rebuild-command.js';
import { retentionCommand } from './retention-command.js';
import { tokenCommand } from './token-command.js';
import { verifyCommand } from './verify-command.js';
import { reportKeyCommand, verifyReportCommand } from './verify-report-command.js';

const program = new Command('samlogg')
  .description('Samlogg – gemensam insatslogg för socialtjänsten och polisen i Stockholm')
  .addOption(new Option('--store <url>', 'the log: sqlite:<path> (default sqlite:./data/samlogg.db; env SAMLOGG_STORE)'))
  .option('--debug', 'print stack traces of unexpected errors')
  .showHelpAfterError()
  .exitOverride();

program.addCommand(demoCommand());
program.addCommand(figuresCommand());
program.addCommand(importCommand());
program.addCommand(rebuildCommand());
program.addCommand(costShareCommand());
program.addCommand(agreementsCommand());
program.addCommand(tokenCommand());
program.addCommand(auditCommand());
program.addCommand(retentionCommand());
program.addCommand(verifyCommand());
program.addCommand(migrateCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(claimIdsCommand());
program.addCommand(verifyReportCommand());
program.addCommand(reportKeyCommand());
for (const command of program.commands) command.exitOverride().showHelpAfterError();

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit through here too, with code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UsageError || error instanceof InputRefused || error instanceof BadStoreUrlError || error instanceof NoLogError) return 2;
  return 1;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const code = exitCodeOf(error);
  if (!(error instanceof CommanderError) && !(error instanceof InputRefused)) {
    const debug = program.opts<{ debug?: boolean }>().debug;
    const prefix = error instanceof UsageError ? 'fel / error' : error instanceof StoreError ? 'lagret / store' : 'oväntat fel / unexpected error';
    process.stderr.write(`samlogg: ${prefix}: ${(error as Error).message ?? String(error)}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
  process.exitCode = code;
}
