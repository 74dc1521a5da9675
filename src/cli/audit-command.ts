import { Command } from 'commander';
import { auditPeriodError, readsBetween, type PassDataRead } from '../application/read-audit.js';
import { resolvePeriod } from '../domain/period.js';
import { withStore, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

const COLUMNS = ['at', 'sub', 'org', 'role', 'operation', 'passIds', 'requestId'] as const;

/** RFC 4180: quote every field, double the quotes inside; a leading = + - @ cannot start a formula in a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

function csvOf(reads: readonly PassDataRead[]): string {
  const lines = [COLUMNS.join(',')];
  for (const read of reads) lines.push(COLUMNS.map((column) => csvField(column === 'passIds' ? read.passIds.join(' ') : read[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function auditCommand(io: CliIo): Command {
  return new Command('audit')
    .description('exportera läsloggen som CSV / export who read pass-level data, as CSV on stdout')
    .requiredOption('--from <date>', 'first Stockholm day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last Stockholm day, YYYY-MM-DD')
    .option('--user <id>', 'only this user (token subject)')
    .action(async (options: { from: string; to: string; user?: string }, command: Command) => {
      const period = resolvePeriod({ from: options.from, to: options.to }, io.now());
      if (!period.ok) throw new UsageError(`--${period.error.field}: ${period.error.rule}`);
      const tooLong = auditPeriodError(period.period.from, period.period.to);
      if (tooLong) throw new UsageError(`--${tooLong.field}: ${tooLong.rule}`);
      const reads = await withStore(io, command.optsWithGlobals<GlobalOptions>(), (opened) => readsBetween(opened.store, period.period.from, period.period.to, options.user));
      io.stdout.write(csvOf(reads));
    });
}
