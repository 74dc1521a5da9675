import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliIo } from '../../src/cli/io.js';
import { runSamlogg } from '../../src/cli/program.js';
import { tempDir } from './temp.js';

export const SAMLOGG_BIN = fileURLToPath(new URL('../../bin/samlogg.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `samlogg` program in this process: the same commands, store files and exit codes,
 * with `env` laid over this process's environment for this run only, and its output captured.
 * Starting a child costs a TypeScript compile of the whole CLI (1–3 s); a few smoke tests still do
 * that through `runCliProcess`.
 */
export async function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = cliIo({
    env: { ...process.env, ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  const code = await runSamlogg(args, io);
  return { code, signal: null, stdout, stderr };
}

/** Runs the real `samlogg` command as a child process, as a user would. */
export function runCliProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SAMLOGG_BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The last non-empty line of a command's output, parsed as JSON. */
export function lastJson<T = Record<string, unknown>>(output: string): T {
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}

/**
 * `samlogg demo` run once, on first use, into a folder of its own (1,939 commands, 1–2 s): a test that
 * needs the demo log only to start from gets a copy of that folder's log and the files beside it in
 * `dir`, and the run's answer to check. `remove` (in `after`) deletes the folder.
 */
export function demoLogOnce(): { copyInto(dir: string): Promise<CliRun>; remove(): void } {
  let recorded: { run: CliRun; folder: ReturnType<typeof tempDir> } | undefined;
  return {
    async copyInto(dir) {
      if (!recorded) {
        const folder = tempDir();
        recorded = { run: await runCli(['demo'], { SAMLOGG_STORE: `sqlite:${join(folder.dir, 'samlogg.db')}` }), folder };
      }
      cpSync(recorded.folder.dir, dir, { recursive: true });
      return recorded.run;
    },
    remove: () => recorded?.folder.remove(),
  };
}
