import { Command } from 'commander';
import { BadStoreUrlError } from '../store/errors.js';
import { verifyChain } from '../store/sqlite/chain.js';
import { storeUrl, type GlobalOptions } from './context.js';
import { progressBar } from './progress.js';
import type { CliIo } from './io.js';

export function verifyCommand(io: CliIo): Command {
  return new Command('verify')
    .description('räkna om hashkedjan och visa första brottet / recompute the hash chain and report the first break')
    .option('--json', 'print the verdict as one JSON object on the last line')
    .action((options: { json?: boolean }, command: Command) => {
      const url = storeUrl(io, command.optsWithGlobals<GlobalOptions>());
      if (!url.startsWith('sqlite:') || url.length === 'sqlite:'.length || url === 'sqlite::memory:') {
        throw new BadStoreUrlError('verify needs a SQLite log file: --store sqlite:<path>');
      }
      const bar = progressBar(io, 'Verifierar / verifying', 100_000);
      let verdict;
      try {
        verdict = verifyChain(url.slice('sqlite:'.length), { onProgress: (done, total) => bar.update(done, total) });
      } finally {
        bar.stop();
      }
      if (verdict.intact) {
        io.stdout.write(`intact (${verdict.events} events)\nhead ${verdict.head}\n`);
      } else {
        io.stdout.write(`broken at position ${verdict.brokenAt}: ${verdict.reason}\n`);
      }
      if (options.json) io.stdout.write(`${JSON.stringify(verdict)}\n`);
      // A broken chain is a failure (exit 1), not bad input; the verdict above is the whole message.
      if (!verdict.intact) io.exitCode = 1;
    });
}
