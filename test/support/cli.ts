import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SAMLOGG_BIN = fileURLToPath(new URL('../../bin/samlogg.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `samlogg` command as a child process, as a user would. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
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
