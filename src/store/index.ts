import { dirname, join, resolve } from 'node:path';
import { BadStoreUrlError } from './errors.js';
import { DEFAULT_DATA_KEYS_SUFFIX, openDataKeys, type DataKeyStore } from './data-keys.js';
import type { EventStore, ProjectionStateStore } from './port.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export * from './port.js';
export * from './errors.js';

export const DEFAULT_STORE_URL = 'sqlite:./data/samlogg.db';

export interface OpenedStore {
  readonly store: EventStore;
  readonly projectionStates: ProjectionStateStore;
  /** The data keys free text is sealed with: a local file beside the log (SAMLOGG_DATA_KEYS), whatever the store. */
  readonly dataKeys: DataKeyStore;
  /** A description safe to print: engine and location, never credentials. */
  readonly description: string;
}

interface OpenStoreOptions {
  /** Told when a transient failure of a remote store is retried (attempt, delay). */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  /** The clock that stamps recordedAt on SQLite (EventStoreDB stamps with the server's own). */
  readonly now?: () => Date;
  /** Where SAMLOGG_DATA_KEYS and SAMLOGG_PROJECTION_STATES are read: the process's environment unless a caller (the CLI run) has its own. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Whether there may be no log yet, to be started here (default false). Only what writes (import,
   * demo, the server) says true; a command that reads refuses a path with no log (NoLogError), so a
   * typo never prints the zeros of an empty log.
   */
  readonly create?: boolean;
}

const warnOnStderr = (attempt: number, delayMs: number, error: unknown) =>
  process.stderr.write(`samlogg: lagret svarar inte / the store is unavailable (${(error as Error).message?.split('\n')[0] ?? error}); försök / attempt ${attempt}, igen om / again in ${delayMs} ms\n`);

/**
 * Opens the store a `SAMLOGG_STORE` URL names: `sqlite:<path>` (the embedded default), or
 * `esdb://host:2113?tls=true&tlsCAFile=…` / `esdb+discover://…` for EventStoreDB. With EventStoreDB each
 * instance keeps its projection states in a folder of its own (beside the data keys, or
 * SAMLOGG_PROJECTION_STATES), and the data keys stay a local file (SAMLOGG_DATA_KEYS): instances that
 * serve the same log must share that file.
 *
 * The EventStoreDB adapter is loaded only for an esdb URL: its gRPC client is a third of what a
 * command or the server loads at start (0.4 s of CPU), and most of them run on SQLite.
 */
export async function openStore(url: string = DEFAULT_STORE_URL, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (url.startsWith('esdb://') || url.startsWith('esdb+discover://')) {
    const [{ openEsdbStore }, { esdbProjectionStates }] = await Promise.all([import('./esdb/esdb-store.js'), import('./esdb/esdb-projection-states.js')]);
    const store = openEsdbStore(url, { onRetry: options.onRetry ?? warnOnStderr });
    const env = options.env ?? process.env;
    const dataKeysPath = env.SAMLOGG_DATA_KEYS ?? resolve('./data/samlogg.keys');
    // This instance's projection states, beside its data keys (SAMLOGG_PROJECTION_STATES to choose).
    const statesDir = env.SAMLOGG_PROJECTION_STATES ?? join(dirname(dataKeysPath), 'esdb.projections');
    return { store, projectionStates: esdbProjectionStates(statesDir, () => store.logId()), dataKeys: openDataKeys(dataKeysPath), description: store.description };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path.length === 0) throw new BadStoreUrlError('store URL sqlite: needs a file path, e.g. sqlite:./data/samlogg.db');
    const store = openSqliteStore(path === ':memory:' ? path : resolve(path), { create: options.create ?? false, ...(options.now ? { now: options.now } : {}) });
    const dataKeys = openDataKeys((options.env ?? process.env).SAMLOGG_DATA_KEYS ?? (path === ':memory:' ? path : `${resolve(path)}${DEFAULT_DATA_KEYS_SUFFIX}`));
    return { store, projectionStates: store.projectionStates, dataKeys, description: `sqlite:${store.path}` };
  }
  throw new BadStoreUrlError(
    `store URL must start with "sqlite:" (e.g. sqlite:./data/samlogg.db), "esdb://" or "esdb+discover://"; got "${url.split(':')[0]}:…"`,
  );
}
