import { randomUUID } from 'node:crypto';
import type { RecordContext } from '../application/actor.js';
import { DEFAULT_STORE_URL, openStore, type OpenedStore } from '../store/index.js';
import type { CliIo } from './io.js';

export interface GlobalOptions {
  readonly store?: string;
  readonly debug?: boolean;
}

/** `--store` wins over `SAMLOGG_STORE`, which wins over the embedded default. */
export function storeUrl(io: CliIo, options: GlobalOptions): string {
  return options.store ?? io.env.SAMLOGG_STORE ?? DEFAULT_STORE_URL;
}

/** Opens the log for one command; only a command that writes says `create: true`, the rest refuse a path with no log. */
export async function withStore<T>(io: CliIo, options: GlobalOptions, work: (opened: OpenedStore) => Promise<T>, access: { readonly create?: boolean } = {}): Promise<T> {
  const opened = await openStore(storeUrl(io, options), { now: () => io.now(), env: io.env, create: access.create ?? false });
  try {
    return await work(opened);
  } finally {
    await opened.store.close();
    opened.dataKeys.close();
  }
}

/** Commands from the command line are recorded as the CLI user; SAMLOGG_USER names who ran it. */
export function cliContext(io: CliIo, role: string, extra: Partial<RecordContext> = {}): RecordContext {
  return {
    actor: { userId: io.env.SAMLOGG_USER ?? 'cli', org: 'CLI', role },
    correlationId: randomUUID(),
    now: io.now(),
    ...extra,
  };
}
