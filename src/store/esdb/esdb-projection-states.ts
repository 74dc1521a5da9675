import { openFileProjectionStates, memoryProjectionStates } from '../file-projection-states.js';
import type { ProjectionStateStore } from '../port.js';

/**
 * Projection states for an app instance on EventStoreDB: the same files (and checks) as beside a
 * SQLite log, in this instance's own folder, each with the EventStoreDB position it reflects, so a
 * restart catches up from there instead of folding the whole log again.
 *
 * The log id that ties the files to one log is only known once the server answers (the id of the
 * first record of $all: the epoch of the database's first start), so the folder is opened on first
 * use. A log with nothing in it yet has no id: its states are kept in memory.
 */
export function esdbProjectionStates(dir: string, logId: () => Promise<string | undefined>): ProjectionStateStore {
  let opened: Promise<ProjectionStateStore> | undefined;
  const open = () => (opened ??= logId().then((id) => (id ? openFileProjectionStates(dir, `esdb:${id}`) : memoryProjectionStates())));
  return {
    load: async (name) => (await open()).load(name),
    save: async (saved) => (await open()).save(saved),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
