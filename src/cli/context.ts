import { randomUUID } from 'node:crypto';
import type { RecordContext } from '../application/actor.js';
import { clockFromEnv, type Clock } from '../application/clock.js';
import { DEFAULT_STORE_URL, openStore, type OpenedStore } from '../store/index.js';

export interface GlobalOptions {
  readonly store?: string;
  readonly debug?: boolean;
}

/** The CLI's clock: the host's, or SAMLOGG_NOW outside production (read once per process). */
let clock: Clock | undefined;
export function cliNow(): Date {
  clock ??= clockFromEnv();
  return clock();
}

/** `--store` wins over `SAMLOGG_STORE`, which wins over the embedded default. */
export function storeUrl(options: GlobalOptions): string {
  return options.store ?? process.env.SAMLOGG_STORE ?? DEFAULT_STORE_URL;
}

/** Opens the log for one command; only a command that writes says `create: true`, the rest refuse a path with no log. */
export async function withStore<T>(options: GlobalOptions, work: (opened: OpenedStore) => Promise<T>, access: { readonly create?: boolean } = {}): Promise<T> {
  const opened = openStore(storeUrl(options), { now: cliNow, create: access.create ?? false });
  try {
    return await work(opened);
  } finally {
    await opened.store.close();
    opened.dataKeys.close();
  }
}

/** Commands from the command line are recorded as the CLI user; SAMLOGG_USER names who ran it. */
export function cliContext(role: string, extra: Partial<RecordContext> = {}): RecordContext {
  return {
    actor: { userId: process.env.SAMLOGG_USER ?? 'cli', org: 'CLI', role },
    correlationId: randomUUID(),
    now: cliNow(),
    ...extra,
  };
}
