import { hash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { StoreError } from '../errors.js';
import { PRIVATE_FILE, privateFolder, privateSqliteFile, tightenSqliteFiles } from '../private-files.js';
import { isHead, verifyChain } from './chain.js';

/**
 * Backups of the SQLite log that can be restored and proven: the log copied with SQLite's online
 * backup (one read snapshot, so a server may go on writing), then the data keys, then a manifest with
 * the copy's head and count, written last so that a folder without one is not a backup. Restore checks
 * the copy's chain against that head before it touches anything.
 */

class BackupRefused extends StoreError {
  constructor(message: string) {
    super('BACKUP_REFUSED', message);
  }
}

const MANIFEST = 'manifest.json';
const LOG_FILE = 'samlogg.db';
const KEYS_FILE = 'samlogg.keys';
const FORMAT = 'samlogg-backup/1';

// The file names are fixed: a manifest never points outside its own folder.
const fileEntry = <F extends string>(file: F) => z.object({ file: z.literal(file), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const manifestSchema = z
  .object({
    format: z.literal(FORMAT),
    createdAt: z.string().max(40),
    head: z.string().refine(isHead),
    events: z.number().int().min(0),
    log: fileEntry(LOG_FILE),
    keys: fileEntry(KEYS_FILE).nullable(),
  })
  .strict();
type BackupManifest = z.infer<typeof manifestSchema>;

const ALL_PAGES = 0x7fffffff;

const sha256Of = (path: string) => hash('sha256', readFileSync(path), 'hex');

/** The empty -wal and the -shm a read-only verify leaves beside a copy: not part of it. */
function dropScratch(path: string): void {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size === 0) rmSync(wal);
  rmSync(`${path}-shm`, { force: true });
}

async function onlineCopy(source: string, target: string): Promise<void> {
  privateSqliteFile(target);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Every remaining page in one step (0 would mean none): one read snapshot, never restarted by a
    // writer meanwhile.
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  tightenSqliteFiles(target);
}

interface BackupOptions {
  readonly now: Date;
  readonly onStep?: (step: string) => void;
}

/** Backs the log at `logPath` (and the keys at `keysPath`, if there) up into the new or empty folder `dir`. */
export async function backupLog(logPath: string, keysPath: string, dir: string, options: BackupOptions): Promise<BackupManifest> {
  if (!existsSync(logPath)) throw new BackupRefused(`no SQLite log at ${logPath}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new BackupRefused(`${dir} is not empty: a backup goes into a new or empty folder`);
  privateFolder(dir);
  const logCopy = join(dir, LOG_FILE);
  const keysCopy = join(dir, KEYS_FILE);
  try {
    options.onStep?.('log');
    await onlineCopy(logPath, logCopy);
    // After the log: every key an event in the copy was sealed with existed before that event.
    const hasKeys = existsSync(keysPath);
    if (hasKeys) {
      options.onStep?.('keys');
      await onlineCopy(keysPath, keysCopy);
    }
    const logSha = sha256Of(logCopy);
    options.onStep?.('verify');
    const verdict = verifyChain(logCopy);
    dropScratch(logCopy);
    if (!verdict.intact) {
      const what = 'unchained' in verdict ? verdict.reason : `broken at position ${verdict.brokenAt}: ${verdict.reason}`;
      throw new BackupRefused(`the log is not intact (${what}); no backup was made, and the log needs looking into first`);
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      createdAt: options.now.toISOString(),
      head: verdict.head === '0:' ? `0:${'0'.repeat(64)}` : verdict.head,
      events: verdict.events,
      log: { file: LOG_FILE, sha256: logSha },
      keys: hasKeys ? { file: KEYS_FILE, sha256: sha256Of(keysCopy) } : null,
    };
    const temporary = join(dir, `${MANIFEST}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE });
    renameSync(temporary, join(dir, MANIFEST));
    return manifest;
  } catch (error) {
    for (const file of [logCopy, keysCopy]) for (const part of ['', '-wal', '-shm']) rmSync(`${file}${part}`, { force: true });
    rmSync(join(dir, `${MANIFEST}.tmp`), { force: true });
    throw error;
  }
}

/** A backup's manifest, read and checked, or a refusal naming what is wrong (never the file's content). */
export function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new BackupRefused(`${dir} is not a samlogg backup: it has no ${MANIFEST} (a backup that did not finish has none)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new BackupRefused(`${path}: is not JSON`);
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new BackupRefused(`${path}: ${issue?.path.join('.') || 'manifest'} ${issue?.message ?? 'is not valid'}`);
  }
  return checked.data;
}

interface RestoreTarget {
  readonly logPath: string;
  readonly keysPath: string;
  /** Replace an existing log (and keys) at the target. */
  readonly force: boolean;
}

/** Copies the backup's log beside the target and refuses it unless its chain ends at the manifest's head. */
function stageLog(logSource: string, stagedLog: string, manifest: BackupManifest): void {
  privateSqliteFile(stagedLog);
  copyFileSync(logSource, stagedLog);
  tightenSqliteFiles(stagedLog);
  const verdict = verifyChain(stagedLog, manifest.events > 0 ? { expectHead: manifest.head } : {});
  dropScratch(stagedLog);
  if (!verdict.intact) {
    const what = 'unchained' in verdict ? verdict.reason : `broken at position ${verdict.brokenAt}: ${verdict.reason}`;
    throw new BackupRefused(`the backup's log is not intact (${what}); nothing was replaced`);
  }
  if (verdict.events !== manifest.events || (manifest.events > 0 && verdict.head !== manifest.head)) {
    throw new BackupRefused(`the backup's log ends at ${verdict.head} (${verdict.events} events), not at the head its manifest records, ${manifest.head} (${manifest.events} events); nothing was replaced`);
  }
}

/** Copies the backup's keys beside the target and refuses them unless they are a sound samlogg keys file. */
function stageKeys(keysSource: string, stagedKeys: string): void {
  privateSqliteFile(stagedKeys);
  copyFileSync(keysSource, stagedKeys);
  tightenSqliteFiles(stagedKeys);
  const keys = new Database(stagedKeys, { readonly: true, fileMustExist: true });
  try {
    const ok = keys.pragma('quick_check', { simple: true }) === 'ok';
    const tables = keys.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('data_keys', 'destroyed_keys')").pluck().get();
    if (!ok || tables !== 2) throw new BackupRefused("the backup's keys file is not a samlogg keys file; nothing was replaced");
  } finally {
    keys.close();
  }
  dropScratch(stagedKeys);
}

/**
 * Restores the backup in `dir` to the target: copies beside it, verifies the copy's chain and the
 * manifest's head and count, and only then replaces the log, the keys and drops the projection states
 * (they may be folded past the restored head; they are rebuilt). Refuses and replaces nothing otherwise.
 */
export function restoreLog(dir: string, target: RestoreTarget): BackupManifest {
  const manifest = readManifest(dir);
  const existing = [target.logPath, target.keysPath].filter((p) => existsSync(p) && statSync(p).size > 0);
  if (existing.length > 0 && !target.force) {
    throw new BackupRefused(`${existing[0]} exists: restore never replaces a log without --force (stop the server first)`);
  }
  const logSource = join(dir, manifest.log.file);
  const keysSource = manifest.keys ? join(dir, manifest.keys.file) : undefined;
  for (const [file, entry] of [[logSource, manifest.log], [keysSource, manifest.keys]] as const) {
    if (!file || !entry) continue;
    if (!existsSync(file)) throw new BackupRefused(`the backup is incomplete: ${entry.file} is missing`);
    if (sha256Of(file) !== entry.sha256) throw new BackupRefused(`the backup's ${entry.file} is not the file its manifest names (its SHA-256 differs): it was changed`);
  }

  const staging = (path: string) => `${path}.restoring-${process.pid}`;
  const stagedLog = staging(target.logPath);
  const stagedKeys = staging(target.keysPath);
  const cleanUp = () => {
    for (const file of [stagedLog, stagedKeys]) for (const part of ['', '-wal', '-shm']) rmSync(`${file}${part}`, { force: true });
  };
  try {
    stageLog(logSource, stagedLog, manifest);
    if (keysSource) stageKeys(keysSource, stagedKeys);
  } catch (error) {
    cleanUp();
    throw error;
  }

  // Everything checked: now replace. A stale -wal beside the new file would be replayed into it.
  const replace = (staged: string, path: string) => {
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    renameSync(staged, path);
  };
  replace(stagedLog, target.logPath);
  if (keysSource) replace(stagedKeys, target.keysPath);
  rmSync(`${target.logPath}.projections`, { recursive: true, force: true });
  return manifest;
}
