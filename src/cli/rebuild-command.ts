import { Command } from 'commander';
import { openProjectionEngine } from '../projections/engine.js';
import { withStore, type GlobalOptions } from './context.js';
import { progressBar } from './progress.js';
import { PROJECTIONS } from '../projections/registry.js';
import type { CliIo } from './io.js';

export function rebuildCommand(io: CliIo): Command {
  return new Command('rebuild')
    .description('bygg om alla projektioner från position 0 / rebuild every projection from position 0')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: { json?: boolean }, command: Command) => {
      const bar = progressBar(io, 'Bygger om / rebuilding', 100_000);
      const report = await withStore(io, command.optsWithGlobals<GlobalOptions>(), async (opened) => {
        const engine = await openProjectionEngine(opened.store, opened.projectionStates, PROJECTIONS, { onProgress: (p, head) => bar.update(p, head) });
        try {
          return await engine.rebuild();
        } finally {
          await engine.close();
        }
      }).finally(() => bar.stop());
      const perSecond = report.ms > 0 ? Math.round((report.events * 1000) / report.ms) : report.events;
      io.stdout.write(
        `Ombyggt / rebuilt ${PROJECTIONS.length} projektion(er) / projection(s) (${PROJECTIONS.map((p) => p.name).join(', ')}) från position 0: ${report.events} händelser / events på / in ${(report.ms / 1000).toFixed(2)} s = ${perSecond} händelser/s / events/s.\n`,
      );
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ projections: PROJECTIONS.map((p) => p.name), events: report.events, position: report.position, seconds: report.ms / 1000, eventsPerSecond: perSecond })}\n`);
      }
    });
}
