import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectionStateStore, SavedProjection } from './port.js';
import { PRIVATE_FILE, privateFolder, tightenFilesIn } from './private-files.js';

/**
 * Projection states as plain files in a folder beside the log: one file per projection, replaced
 * atomically by rename. A state is derived from the log, so no fsync: a power cut that loses the
 * newest save costs a catch-up, never a fact.
 *
 * The server serves figures straight from these states, so they are authenticated like the log is
 * chained: each file carries an HMAC-SHA256, under a key of this folder (`.mac-key`, 0600), over its
 * header and state. The header names the log id and the log's chain hash at the state's position,
 * so a state is trusted only for the log it was folded from and only while the log still holds the
 * events it folded (a log cut back or rewritten below a state's position makes the state stale).
 * Anything that does not check out is refused with the reason, and the engine folds from zero.
 *
 * Layout: "samlogg/state/v2\n" | header length (u32 LE) | header JSON | state | HMAC (32 bytes).
 */
const MAGIC = Buffer.from('samlogg/state/v2\n', 'ascii');
const MAC_BYTES = 32;
/** Bytes of a state hashed in one turn of the event loop (a few ms). */
const MAC_SLICE = 4 * 1024 * 1024;
const KEY_FILE = '.mac-key';

interface StateHeader {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly savedAt: string;
  readonly logId: string;
  /** Hex of the log's chain hash at `position` (the genesis value at position 0). */
  readonly chainHash: string;
  /** The code lists the state was encoded with (Projection.fingerprint), under the MAC with the rest. */
  readonly fingerprint?: string;
}

export interface FileProjectionStateOptions {
  /** The log's chain hash at a position, or undefined when the log has no event there. */
  readonly chainHashAt: (position: number) => Uint8Array | undefined;
  /** Told why a state file was not trusted (the engine then folds from zero). */
  readonly onRefused?: (name: string, reason: string) => void;
  /** The clock that stamps savedAt. */
  readonly now?: () => Date;
}

const warnOnStderr = (name: string, reason: string) =>
  process.stderr.write(`samlogg: projektionsläget ${name} litas inte på / the projection state ${name} is not trusted (${reason}); it is rebuilt from the log\n`);

const fileOf = (dir: string, name: string) => join(dir, `${encodeURIComponent(name)}.state`);

function readKey(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The folder's MAC key, made on first use; `create: false` only reads (undefined when there is none). */
function macKey(dir: string, create: boolean): Buffer | undefined {
  const path = join(dir, KEY_FILE);
  let key = readKey(path);
  if (key === undefined && create) {
    try {
      // 'wx': two processes opening the same log at once keep one key between them.
      writeFileSync(path, randomBytes(MAC_BYTES), { flag: 'wx', mode: PRIVATE_FILE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(path, PRIVATE_FILE);
    key = readKey(path);
  }
  if (key !== undefined && key.length !== MAC_BYTES) {
    if (!create) return undefined;
    throw new Error(`the projection states' key ${path} is not ${MAC_BYTES} bytes; delete the folder ${dir} and the states are rebuilt`);
  }
  return key;
}

const macOf = (key: Buffer, bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest();

/**
 * The same MAC, a few megabytes at a time with the event loop let run between them: a state of a
 * million events is tens of megabytes, and hashing it at once would hold up every other request.
 */
async function macInSlices(key: Buffer, bytes: Uint8Array): Promise<Buffer> {
  const hmac = createHmac('sha256', key);
  for (let at = 0; at < bytes.byteLength; at += MAC_SLICE) {
    hmac.update(bytes.subarray(at, Math.min(bytes.byteLength, at + MAC_SLICE)));
    if (at + MAC_SLICE < bytes.byteLength) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return hmac.digest();
}

type Opened = { readonly ok: true; readonly header: StateHeader; readonly state: Buffer } | { readonly ok: false; readonly reason: string };

/** Reads a state file's header and state if its MAC checks out under `key`; the reason otherwise. */
function openStateFile(bytes: Buffer, key: Buffer, mac: (key: Buffer, body: Uint8Array) => Uint8Array = macOf): Opened {
  if (bytes.length < MAGIC.length + 4 + MAC_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: 'the file has no MAC (torn, foreign or written by an older version)' };
  }
  const body = bytes.subarray(0, bytes.length - MAC_BYTES);
  if (!timingSafeEqual(mac(key, body), bytes.subarray(bytes.length - MAC_BYTES))) return { ok: false, reason: 'its MAC does not check out: the file was changed' };
  const headerLength = body.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + headerLength > body.length) return { ok: false, reason: 'its header is cut short' };
  try {
    const header = JSON.parse(body.toString('utf8', start, start + headerLength)) as StateHeader;
    return { ok: true, header, state: body.subarray(start + headerLength) };
  } catch {
    return { ok: false, reason: 'its header is not JSON' };
  }
}

export function openFileProjectionStates(dir: string, logId: string, options: FileProjectionStateOptions): ProjectionStateStore {
  privateFolder(dir);
  tightenFilesIn(dir);
  const key = macKey(dir, true) as Buffer;
  const refused = options.onRefused ?? warnOnStderr;
  const now = options.now ?? (() => new Date());
  const hex = (position: number) => {
    const hash = options.chainHashAt(position);
    return hash ? Buffer.from(hash).toString('hex') : undefined;
  };
  return {
    async load(name) {
      let bytes: Buffer;
      try {
        bytes = await readFile(fileOf(dir, name));
      } catch {
        return undefined;
      }
      // The MAC is computed in slices first; the check itself is the same as a verify's.
      const computed = bytes.length > MAGIC.length + 4 + MAC_BYTES ? await macInSlices(key, bytes.subarray(0, bytes.length - MAC_BYTES)) : undefined;
      const opened = openStateFile(bytes, key, (k, body) => computed ?? macOf(k, body));
      const refuse = (reason: string) => {
        refused(name, reason);
        return undefined;
      };
      if (!opened.ok) return refuse(opened.reason);
      const { header, state } = opened;
      if (header.logId !== logId) return refuse('it was folded from another log');
      if (header.name !== name) return refuse(`it is the state of ${JSON.stringify(String(header.name).slice(0, 40))}`);
      if (!Number.isSafeInteger(header.position) || header.position < 0) return refuse('its position is not a position');
      const atPosition = hex(header.position);
      if (atPosition === undefined) return refuse(`it was saved at position ${header.position}, past the end of the log`);
      if (atPosition !== header.chainHash) return refuse(`the log's chain hash at position ${header.position} is not the one it was folded at`);
      const fingerprint = typeof header.fingerprint === 'string' ? { fingerprint: header.fingerprint } : {};
      return { name, version: header.version, ...fingerprint, position: header.position, savedAt: header.savedAt, state };
    },
    async save(saved) {
      const chainHash = hex(saved.position);
      if (chainHash === undefined) throw new Error(`a projection state at position ${saved.position} cannot be saved: the log has no event there`);
      const fingerprint = saved.fingerprint !== undefined ? { fingerprint: saved.fingerprint } : {};
      const header: StateHeader = { name: saved.name, version: saved.version, ...fingerprint, position: saved.position, savedAt: now().toISOString(), logId, chainHash };
      const head = Buffer.from(JSON.stringify(header));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(head.length, 0);
      // A state is tens of MB at a million events, and the server saves while it serves: the MAC is
      // taken a slice per turn of the event loop and the file written by libuv's threads, so a save
      // never holds the loop for long. No copy of the state: the parts are written as they are.
      const parts = [MAGIC, length, head, saved.state];
      const mac = createHmac('sha256', key);
      for (const part of parts) {
        for (let at = 0; at < part.length; at += MAC_SLICE) {
          mac.update(part.subarray(at, at + MAC_SLICE));
          if (part.length > MAC_SLICE) await new Promise((resolve) => setImmediate(resolve));
        }
      }
      // Its own temporary per save: a save still being written never shares a file with the next.
      const temporary = `${fileOf(dir, saved.name)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      const file = await open(temporary, 'w', PRIVATE_FILE);
      try {
        const written = await file.writev([...parts, mac.digest()]);
        const expected = parts.reduce((n, part) => n + part.length, MAC_BYTES);
        if (written.bytesWritten !== expected) throw new Error(`the projection state ${saved.name} was written short (${written.bytesWritten} of ${expected} bytes)`);
      } finally {
        await file.close();
      }
      chmodSync(temporary, PRIVATE_FILE);
      renameSync(temporary, fileOf(dir, saved.name));
    },
    close: async () => {},
  };
}

/** A state file whose MAC checks out, as verify sees it: which log, which position, which chain hash. */
export interface StateWitness {
  readonly name: string;
  readonly logId: string;
  readonly position: number;
  readonly chainHash: string;
}

/**
 * The authenticated states in `dir`, read only (no key is made, nothing is written): each is a witness
 * that the log once held `chainHash` at `position`, which `samlogg verify` holds the log to.
 */
export function stateWitnesses(dir: string): StateWitness[] {
  let key: Buffer | undefined;
  let names: string[];
  try {
    key = macKey(dir, false);
    names = readdirSync(dir).filter((n) => n.endsWith('.state'));
  } catch {
    return [];
  }
  if (!key) return [];
  const witnesses: StateWitness[] = [];
  for (const file of names) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, file));
    } catch {
      continue;
    }
    const opened = openStateFile(bytes, key);
    if (!opened.ok) continue;
    const { name, logId, position, chainHash } = opened.header;
    if (typeof logId === 'string' && Number.isSafeInteger(position) && position > 0 && typeof chainHash === 'string') {
      witnesses.push({ name: String(name), logId, position, chainHash });
    }
  }
  return witnesses;
}

/** For a log that lives only in memory. */
export function memoryProjectionStates(): ProjectionStateStore {
  const saved = new Map<string, SavedProjection>();
  return {
    load: async (name) => saved.get(name),
    save: async (s) => {
      saved.set(s.name, { ...s, savedAt: new Date().toISOString() });
    },
    close: async () => {},
  };
}
