import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs in the child: takes the write lock, says so, and commits when told to (or when stdin closes). */
const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { timeout: 5000 });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
const release = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
process.stdin.on('data', release);
process.stdin.on('end', release);
`;

export interface LockHolder {
  /** Commits the holder's empty transaction and waits for the process to end. */
  release(): Promise<void>;
}

/** Another process holding the SQLite write lock on `path` (BEGIN IMMEDIATE), as a CLI beside the server would. */
export async function holdWriteLock(path: string): Promise<LockHolder> {
  const child: ChildProcess = spawn(process.execPath, ['-e', HOLDER, path], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let said = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the lock holder ended with ${code} before it held the lock`)));
    child.stdout?.on('data', (chunk) => {
      said += chunk;
      if (said.includes('locked')) resolve();
    });
  });
  child.removeAllListeners('exit');
  return {
    async release() {
      if (child.exitCode !== null) return;
      const ended = once(child, 'exit');
      child.stdin?.end('release\n');
      await ended;
    },
  };
}
