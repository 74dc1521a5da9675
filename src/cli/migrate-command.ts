import { Command } from 'commander';
import { migrateLog, MigrationMismatch } from '../application/migrate-log.js';
import { openStore } from '../store/index.js';
import { progressBar } from './progress.js';
import type { CliIo } from './io.js';

export function migrateCommand(io: CliIo): Command {
  return new Command('migrate')
    .description('kopiera hela loggen till ett annat lager och jämför / copy the whole log to another store, then compare counts and a checksum')
    .requiredOption('--from <url>', 'the source, e.g. sqlite:./data/samlogg.db')
    .requiredOption('--to <url>', 'the target, e.g. esdb://localhost:2113?tls=false')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      const source = await openStore(options.from, { env: io.env });
      const target = await openStore(options.to, { create: true });
      const bar = progressBar(io, 'Kopierar / copying', 1_000);
      try {
        const report = await migrateLog(source.store, target.store, (done, total) => bar.update(done, total));
        bar.stop();
        io.stdout.write(
          `Kopierat / copied ${report.events} händelser / events (${report.appended} nya / new) från / from ${source.description} till / to ${target.description}. ` +
            `Antal och kontrollsumma lika / counts and checksum identical: ${report.targetChecksum.slice(0, 16)}…\n`,
        );
        if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      } catch (error) {
        bar.stop();
        if (error instanceof MigrationMismatch) {
          io.stderr.write(`samlogg: MIGRERINGEN STÄMMER INTE / MIGRATION MISMATCH: ${error.message}\n`);
          io.exitCode = 1;
          return;
        }
        throw error;
      } finally {
        await source.store.close();
        await target.store.close();
        source.dataKeys.close();
        target.dataKeys.close();
      }
    });
}
