import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE, privateFolder, tightenFilesIn } from './private-files.js';
import type { ProjectionStateStore, SavedProjection } from './port.js';

/**
 * Projection states as plain files in a folder beside the log: one file per projection, the header
 * (name, version, position, log id) and the state bytes together, replaced atomically by rename.
 * A state is derived from the log, so no fsync: a power cut that loses the newest save costs a
 * catch-up, never a fact. The log id ties a state to the log it was folded from, so a state left
 * behind by a deleted or replaced log is never trusted.
 */
export function openFileProjectionStates(dir: string, logId: string): ProjectionStateStore {
  privateFolder(dir);
  tightenFilesIn(dir);
  const fileOf = (name: string) => join(dir, `${encodeURIComponent(name)}.state`);
  return {
    async load(name) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(fileOf(name));
      } catch {
        return undefined;
      }
      if (bytes.length < 4) return undefined;
      const headLength = bytes.readUInt32LE(0);
      try {
        const head = JSON.parse(bytes.toString('utf8', 4, 4 + headLength)) as Omit<SavedProjection, 'state'> & { logId: string };
        if (head.logId !== logId || head.name !== name) return undefined;
        return { name, version: head.version, position: head.position, savedAt: head.savedAt, state: bytes.subarray(4 + headLength) };
      } catch {
        // A torn or foreign file: fold again from the log rather than trust it.
        return undefined;
      }
    },
    async save(saved) {
      const head = Buffer.from(JSON.stringify({ name: saved.name, version: saved.version, position: saved.position, savedAt: new Date().toISOString(), logId }));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(head.length, 0);
      const temporary = `${fileOf(saved.name)}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat([length, head, saved.state]), { mode: PRIVATE_FILE });
      chmodSync(temporary, PRIVATE_FILE);
      renameSync(temporary, fileOf(saved.name));
    },
    close: async () => {},
  };
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
