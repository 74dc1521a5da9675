import { resolve } from 'node:path';
import { Command } from 'commander';
import { isRecordType, recordProblem } from '../application/record-schemas.js';
import { decodeData, isDomainEventType } from '../domain/event-decoding.js';
import { BadStoreUrlError } from '../store/errors.js';
import { isHead, verifyChain } from '../store/sqlite/chain.js';
import { assertSqliteLog } from '../store/sqlite/sqlite-store.js';
import { storeUrl, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { progressBar } from './progress.js';
import type { CliIo } from './io.js';

/** The file a `sqlite:` store URL names, or a usage error: verify reads a file, not a server. */
export function sqliteLogPath(url: string, command: string): string {
  if (!url.startsWith('sqlite:') || url.length === 'sqlite:'.length || url === 'sqlite::memory:') {
    throw new BadStoreUrlError(`${command} needs a SQLite log file: --store sqlite:<path>`);
  }
  return url.slice('sqlite:'.length);
}

/** Every fact decoded in full, as the folds would read it: what the chain vouches for must also be readable. */
function decodeInFull(type: string, data: unknown, metadata: Readonly<Record<string, unknown>>): void {
  if (isDomainEventType(type)) decodeData(type, data, metadata.schemaVersion, 'full');
  else if (isRecordType(type)) {
    const problem = recordProblem(type, data, metadata.schemaVersion);
    if (problem) throw new Error(problem);
  } else throw new Error(`${type.slice(0, 60)} is not an event type this version knows`);
}

export function verifyCommand(io: CliIo): Command {
  return new Command('verify')
    .description('räkna om hashkedjan och visa första brottet, utan att skriva något / recompute the hash chain and report the first break, writing nothing')
    .option('--json', 'print the verdict as one JSON object on the last line')
    .option('--expect-head <head>', 'the head recorded elsewhere (e.g. in the styrgrupp minutes), position:hash; any difference fails')
    .option('--decode', 'läs också varje händelse fullt ut som denna version gör / also decode every event in full (zod), as this version reads it')
    .action((options: { json?: boolean; expectHead?: string; decode?: boolean }, command: Command) => {
      const path = sqliteLogPath(storeUrl(io, command.optsWithGlobals<GlobalOptions>()), 'verify');
      if (options.expectHead !== undefined && !isHead(options.expectHead)) {
        throw new UsageError('--expect-head: must be a head as verify prints it, <position>:<64 hex digits>');
      }
      assertSqliteLog(resolve(path));
      const bar = progressBar(io, 'Verifierar / verifying', 100_000);
      let verdict;
      try {
        verdict = verifyChain(path, {
          onProgress: (done, total) => bar.update(done, total),
          ...(options.decode ? { readEvent: decodeInFull } : {}),
          ...(options.expectHead ? { expectHead: options.expectHead } : {}),
        });
      } finally {
        bar.stop();
      }
      if (verdict.intact) {
        io.stdout.write(`intact (${verdict.events} events)\nhead ${verdict.head}\n`);
        if (options.expectHead) {
          const since = verdict.events - Number(options.expectHead.split(':')[0]);
          io.stdout.write(`expected head ${options.expectHead} found${since > 0 ? `; ${since} events appended since` : ''}\n`);
        }
      } else if ('unchained' in verdict) {
        io.stdout.write(`unchained (${verdict.events} events): ${verdict.reason}\n`);
      } else {
        io.stdout.write(`broken at position ${verdict.brokenAt}: ${verdict.reason}\n`);
      }
      if (options.json) io.stdout.write(`${JSON.stringify(verdict)}\n`);
      // A broken or unchained log is a failure (exit 1), not bad input; the verdict above is the whole message.
      if (!verdict.intact) io.exitCode = 1;
    });
}
