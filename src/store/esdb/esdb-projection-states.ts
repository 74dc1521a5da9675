import { createHash } from 'node:crypto';
import { memoryProjectionStates, openFileProjectionStates } from '../file-projection-states.js';
import type { ProjectionStateStore } from '../port.js';

/**
 * Projection states for an app instance on EventStoreDB: the same authenticated files as beside a
 * SQLite log, in this instance's own folder, each with the EventStoreDB position it reflects, so a
 * restart catches up from there instead of folding the whole log again.
 *
 * The log id that ties the files to one log is only known once the server answers (the id of the
 * first record of $all: the epoch of the database's first start), so the folder is opened on first
 * use. A log with nothing in it yet has no id: its states are kept in memory.
 *
 * EventStoreDB keeps no hash chain: where SQLite's files name the chain hash at their position, these
 * name a hash of (log id, position). The log id names the database, and its log is never cut back
 * (a scavenge removes deleted streams' events, not positions); a position past the head is refused by
 * the engine.
 */
export function esdbProjectionStates(dir: string, logId: () => Promise<string | undefined>, onRefused?: (name: string, reason: string) => void): ProjectionStateStore {
  let opened: Promise<ProjectionStateStore> | undefined;
  const open = () =>
    (opened ??= logId().then((id) => {
      if (!id) return memoryProjectionStates();
      const log = `esdb:${id}`;
      const chainHashAt = (position: number) => createHash('sha256').update(`${log}@${position}`).digest();
      return openFileProjectionStates(dir, log, { chainHashAt, ...(onRefused ? { onRefused } : {}) });
    }));
  return {
    load: async (name) => (await open()).load(name),
    save: async (saved) => (await open()).save(saved),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
