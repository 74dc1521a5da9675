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
import type { CliIo } from './io.js';
import { migrateCommand } from './migrate-command.js';
import { rebuildCommand } from './rebuild-command.js';
import { retentionCommand } from './retention-command.js';
import { tokenCommand } from './token-command.js';
import { verifyCommand } from './verify-command.js';
import { reportKeyCommand, verifyReportCommand } from './verify-report-command.js';

function samloggProgram(io: CliIo): Command {
  const program = new Command('samlogg')
    .description('Samlogg – gemensam insatslogg för socialtjänsten och polisen i Stockholm')
    .addOption(new Option('--store <url>', 'the log: sqlite:<path> (default sqlite:./data/samlogg.db; env SAMLOGG_STORE)'))
    .option('--debug', 'print stack traces of unexpected errors');

  program.addCommand(demoCommand(io));
  program.addCommand(figuresCommand(io));
  program.addCommand(importCommand(io));
  program.addCommand(rebuildCommand(io));
  program.addCommand(costShareCommand(io));
  program.addCommand(agreementsCommand(io));
  program.addCommand(tokenCommand(io));
  program.addCommand(auditCommand(io));
  program.addCommand(retentionCommand(io));
  program.addCommand(verifyCommand(io));
  program.addCommand(migrateCommand(io));
  program.addCommand(backupCommand(io));
  program.addCommand(restoreCommand(io));
  program.addCommand(claimIdsCommand(io));
  program.addCommand(verifyReportCommand(io));
  program.addCommand(reportKeyCommand(io));
  const output = { writeOut: (text: string) => void io.stdout.write(text), writeErr: (text: string) => void io.stderr.write(text) };
  for (const command of [program, ...program.commands]) command.exitOverride().showHelpAfterError().configureOutput(output);
  return program;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit through here too, with code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UsageError || error instanceof InputRefused || error instanceof BadStoreUrlError || error instanceof NoLogError) return 2;
  return 1;
}

/**
 * Runs `samlogg` with the given arguments (without node and the script) and answers the exit code.
 * It never exits the process: bin/samlogg.js sets the process's exit code, tests read it.
 */
export async function runSamlogg(args: readonly string[], io: CliIo): Promise<number> {
  const program = samloggProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    const code = exitCodeOf(error);
    if (!(error instanceof CommanderError) && !(error instanceof InputRefused)) {
      const debug = program.opts<{ debug?: boolean }>().debug;
      const prefix = error instanceof UsageError ? 'fel / error' : error instanceof StoreError ? 'lagret / store' : 'oväntat fel / unexpected error';
      io.stderr.write(`samlogg: ${prefix}: ${(error as Error).message ?? String(error)}\n`);
      if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    }
    return code;
  }
}
