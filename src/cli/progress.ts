import cliProgress from 'cli-progress';

/** A progress bar for long work, shown only when a person watches (stdout is a terminal). */
export function progressBar(label: string, minimum = 1000): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stdout.isTTY) return { update: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (total < minimum) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} kvar`, stream: process.stdout, clearOnComplete: true, hideCursor: true },
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
