import { clockFromEnv, type Clock } from '../application/clock.js';

/** Where a run of the CLI writes: the process's streams, or a test's buffers. */
interface CliWriter {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

type CliEnv = Readonly<Record<string, string | undefined>>;

/**
 * One run of `samlogg`: its environment, its output, its clock and its exit code. Passed to every
 * command, so the same program runs as a process or in-process with another env (SAMLOGG_STORE,
 * SAMLOGG_NOW…) per run, and no command reaches for `process` itself.
 */
export interface CliIo {
  readonly env: CliEnv;
  readonly stdout: CliWriter;
  readonly stderr: CliWriter;
  /** "Now" for this run: SAMLOGG_NOW outside production, else the host's clock. */
  now(): Date;
  /** Set by a command that finished but failed (a broken chain, a migration mismatch). */
  exitCode: number;
}

export function cliIo(parts: { env: CliEnv; stdout: CliWriter; stderr: CliWriter }): CliIo {
  // Read on first use, as before: a bad SAMLOGG_NOW fails the command that asks for the time.
  let clock: Clock | undefined;
  return {
    env: parts.env,
    stdout: parts.stdout,
    stderr: parts.stderr,
    now() {
      clock ??= clockFromEnv(parts.env as NodeJS.ProcessEnv);
      return clock();
    },
    exitCode: 0,
  };
}

/** The io of the real process. */
export function processIo(): CliIo {
  return cliIo({ env: process.env, stdout: process.stdout, stderr: process.stderr });
}
