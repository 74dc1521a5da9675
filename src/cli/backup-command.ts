import { resolve } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_DATA_KEYS_SUFFIX } from '../store/data-keys.js';
import { backupLog, restoreLog } from '../store/sqlite/backup.js';
import { assertSqliteLog } from '../store/sqlite/sqlite-store.js';
import { storeUrl, type GlobalOptions } from './context.js';
import { sqliteLogPath } from './verify-command.js';
import type { CliIo } from './io.js';

/** Where the log's data keys are: SAMLOGG_DATA_KEYS, else beside the log (as the server opens them). */
function keysPathOf(io: CliIo, logPath: string): string {
  return io.env.SAMLOGG_DATA_KEYS ?? `${logPath}${DEFAULT_DATA_KEYS_SUFFIX}`;
}

export function backupCommand(io: CliIo): Command {
  return new Command('backup')
    .description('säkerhetskopiera loggen och nycklarna medan servern skriver / back the log and its keys up while the server writes')
    .argument('<dir>', 'a new or empty folder for the backup')
    .option('--json', 'print the manifest as one JSON object on the last line')
    .action(async (dir: string, options: { json?: boolean }, command: Command) => {
      const logPath = resolve(sqliteLogPath(storeUrl(io, command.optsWithGlobals<GlobalOptions>()), 'backup'));
      // Like every command that only reads: a path with no log is a mistake to name, not a log to make.
      assertSqliteLog(logPath);
      const manifest = await backupLog(logPath, resolve(keysPathOf(io, logPath)), resolve(dir), { now: io.now() });
      io.stdout.write(
        `backup in ${resolve(dir)}: ${manifest.events} events, head ${manifest.head}${manifest.keys ? ', with the data keys' : ', without data keys (none beside the log)'}\n` +
          'record the head beside the backup (e.g. in the minutes): restore checks it\n',
      );
      if (options.json) io.stdout.write(`${JSON.stringify(manifest)}\n`);
    });
}

export function restoreCommand(io: CliIo): Command {
  return new Command('restore')
    .description('återställ en säkerhetskopia efter kontroll av kedjan / restore a backup after checking its chain and head')
    .argument('<dir>', 'a folder written by samlogg backup')
    .option('--to <path>', 'restore to this log file (default: the store, --store or SAMLOGG_STORE)')
    .option('--force', 'replace a log that exists at the target (stop the server first)')
    .option('--json', 'print the restored manifest as one JSON object on the last line')
    .action((dir: string, options: { to?: string; force?: boolean; json?: boolean }, command: Command) => {
      const logPath = resolve(options.to ?? sqliteLogPath(storeUrl(io, command.optsWithGlobals<GlobalOptions>()), 'restore'));
      const keysPath = resolve(options.to ? `${logPath}${DEFAULT_DATA_KEYS_SUFFIX}` : keysPathOf(io, logPath));
      const manifest = restoreLog(resolve(dir), { logPath, keysPath, force: options.force ?? false });
      io.stdout.write(
        `restored to ${logPath}: ${manifest.events} events, head ${manifest.head} verified${manifest.keys ? `, data keys to ${keysPath}` : ''}\n` +
          'the projection states are rebuilt on the next start; run samlogg retention again if keys were destroyed after the backup\n',
      );
      if (options.json) io.stdout.write(`${JSON.stringify(manifest)}\n`);
    });
}
