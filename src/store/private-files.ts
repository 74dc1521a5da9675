import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The log, its data keys and the projection states hold what only the service may read (the keys
 * open every pass's free text), so they are their owner's alone: files 0600, folders 0700. Modes are
 * set explicitly after creation rather than left to the umask, and an existing file made by an older
 * version is tightened when it is opened again.
 */
export const PRIVATE_FILE = 0o600;
const PRIVATE_FOLDER = 0o700;

/** A folder this service owns (made if missing, tightened if not). */
export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER });
  chmodSync(dir, PRIVATE_FOLDER);
}

/**
 * The folder a file goes into: made 0700 when missing. An existing folder is the operator's choice
 * (it may be shared with other things) and is left as it is; the files in it are private anyway.
 */
function folderFor(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER });
}

/**
 * A SQLite file about to be opened: created empty and 0600 when missing, so that SQLite (which gives
 * its -wal and -shm files the database file's mode) never makes a readable one; tightened when present.
 */
export function privateSqliteFile(path: string): void {
  if (path === ':memory:') return;
  folderFor(path);
  closeSync(openSync(path, 'a', PRIVATE_FILE));
  tightenSqliteFiles(path);
}

/** The database file and its -wal / -shm companions, if they exist, made 0600. */
export function tightenSqliteFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, PRIVATE_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Every file directly in `dir` made 0600 (states written by an older version were 0644). */
export function tightenFilesIn(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), PRIVATE_FILE);
  }
}
