import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/** A progress bar for long work, shown only when a person watches (stdout is a terminal). */
export function progressBar(io: CliIo, label: string, minimum = 1000): { update: (done: number, total: number) => void; stop: () => void } {
  if (!io.stdout.isTTY) return { update: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (total < minimum) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          // Only a terminal reaches here, and a terminal is the process's own stream.
          { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} kvar`, stream: io.stdout as NodeJS.WritableStream, clearOnComplete: true, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
