import { resolve } from 'node:path';
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

/** Opens the store a `SAMLOGG_STORE` URL names: `sqlite:<path>` (the embedded default). */
export function openStore(url: string = DEFAULT_STORE_URL): OpenedStore {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path.length === 0) throw new BadStoreUrlError('store URL sqlite: needs a file path, e.g. sqlite:./data/samlogg.db');
    const store = openSqliteStore(path === ':memory:' ? path : resolve(path));
    const dataKeys = openDataKeys(process.env.SAMLOGG_DATA_KEYS ?? (path === ':memory:' ? path : `${resolve(path)}${DEFAULT_DATA_KEYS_SUFFIX}`));
    return { store, projectionStates: store.projectionStates, dataKeys, description: `sqlite:${store.path}` };
  }
  throw new BadStoreUrlError(
    `store URL must start with "sqlite:" (e.g. sqlite:./data/samlogg.db); got "${url.split(':')[0]}:…"`,
  );
}
