import { spawn } from 'node:child_process';

/**
 * Runs one phase of the bench in a Node process of its own (a load generator, the comparison engines, a
 * restarted server) and answers the JSON of the last line it prints; its stderr lines go to `onLine`
 * as they come, when given, and otherwise into the error if it fails. With `nice`, the process and
 * every thread it starts run at that nice level (coreutils' nice before exec: Linux keeps a nice
 * level per thread, so setting it on the process once started would miss the threads already there).
 */
export function jsonFromChild<T>(what: string, args: readonly string[], env: Readonly<Record<string, string>>, onLine?: (line: string) => void, { nice }: { readonly nice?: number } = {}): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const [command, commandArgs] = nice === undefined ? [process.execPath, args] : ['nice', ['-n', String(nice), process.execPath, ...args]];
    const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
      if (!onLine) return;
      const lines = err.split('\n');
      err = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${what} exited with ${code}: ${err.slice(0, 2000)}`));
      try {
        resolvePromise(JSON.parse(out.trim().split('\n').pop() as string) as T);
      } catch {
        reject(new Error(`${what} printed no JSON result: ${out.slice(0, 500)} ${err.slice(0, 500)}`));
      }
    });
  });
}
