import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp, type SamloggApp } from '../../src/server/app.js';
import { loadOrCreateDevSigningKey, type DevSigningKey } from '../../src/auth/dev-signing-key.js';
import type { UserRole } from '../../src/auth/principal.js';
import { devTokenIssuer, devVerifier, type SignIn } from '../../src/auth/token-verifier.js';
import { openDataKeys, type DataKeyStore } from '../../src/store/data-keys.js';
import { openSqliteStore, type SqliteEventStore, type SqliteStoreOptions } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from './temp.js';
import { loadOrCreateReportKey, type ReportSigningKey } from '../../src/application/report-key.js';
import { clockStartingAt, systemClock } from '../../src/application/clock.js';

export interface Caller {
  readonly role: UserRole;
  readonly org: string;
  readonly sub?: string;
}

export interface ServerOptions {
  /** Who `graphql()` calls as when a test does not say (default beredningsgrupp). */
  readonly as?: Caller;
  readonly production?: boolean;
  readonly failedSignInLimit?: number;
  /** Express's trust proxy, as SAMLOGG_TRUST_PROXY sets it (default off). */
  readonly trustProxy?: boolean | number | readonly string[];
  /** Origins allowed to call from a browser, as SAMLOGG_CORS_ORIGINS sets them (default none). */
  readonly corsOrigins?: readonly string[];
  /** Sign-in other than the development key (e.g. a test identity provider). */
  readonly signIn?: SignIn;
  /** Where the server's clock starts (default the host's clock): a test that depends on today names its day. */
  readonly now?: Date;
  /** SQLite store options (e.g. how long an append waits for another process's lock). */
  readonly store?: Omit<SqliteStoreOptions, 'now'>;
  /**
   * Serve the log in this folder (`samlogg.db` and its files) instead of a fresh temp folder, which
   * the test then owns: `stop` leaves it in place, so a second server can open the same log.
   */
  readonly dir?: string;
  /** How often the server looks for events other processes appended (default 20 ms); long, to hold a lag open. */
  readonly pollIntervalMs?: number;
  /** The server's log (default silent): a test that reads the log lines gives its own. */
  readonly log?: Logger;
}

export interface RunningServer {
  readonly url: string;
  readonly store: SqliteEventStore;
  readonly dataKeys: DataKeyStore;
  readonly samlogg: SamloggApp;
  /** The development key the server verifies tokens with. */
  readonly signingKey: DevSigningKey;
  /** The key the server signs reports with (a file in the temp dir). */
  readonly reportKey: ReportSigningKey;
  /** POSTs a GraphQL request as JSON, signed in as `as` (or the server's default caller). */
  graphql(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<{ status: number; body: GraphQLBody }>;
  /** A development token for a caller, signed with this server's key. */
  token(caller?: Caller): Promise<string>;
  /** Headers with the default caller's bearer token. */
  authorization(caller?: Caller): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The real HTTP server on a free port over a real SQLite file; `prepare` may fill the log first. */
export async function startServer(prepare?: (store: SqliteEventStore) => Promise<void>, options: ServerOptions = {}): Promise<RunningServer> {
  const temp = options.dir ? { dir: options.dir, remove: () => {} } : tempDir();
  const clock = options.now ? clockStartingAt(options.now) : systemClock;
  const store = openSqliteStore(join(temp.dir, 'samlogg.db'), { pollIntervalMs: options.pollIntervalMs ?? 20, ...options.store, now: clock });
  if (prepare) await prepare(store);
  const key = await loadOrCreateDevSigningKey(join(temp.dir, 'dev-signing-key.json'));
  const issuer = devTokenIssuer(key);
  const dataKeys = openDataKeys(join(temp.dir, 'samlogg.db.keys'));
  const reportKey = await loadOrCreateReportKey(join(temp.dir, 'report-signing-key.json'));
  const samlogg = await createApp({
    store,
    projectionStates: store.projectionStates,
    dataKeys,
    log: options.log ?? pino({ level: 'silent' }),
    signIn: options.signIn ?? { verifier: devVerifier(key), devIssuer: issuer },
    production: options.production ?? false,
    failedSignInLimit: options.failedSignInLimit ?? 1000,
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    clock,
    reportKey,
  });
  const server: Server = await samlogg.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const defaultCaller: Caller = options.as ?? { role: 'beredningsgrupp', org: 'BEREDNINGSGRUPPEN' };
  const tokens = new Map<string, string>();
  const token = async (caller: Caller = defaultCaller) => {
    const key = `${caller.role}/${caller.org}/${caller.sub ?? ''}`;
    let known = tokens.get(key);
    if (!known) tokens.set(key, (known = await issuer.issue(caller)));
    return known;
  };
  const authorization = async (caller?: Caller) => ({ authorization: `Bearer ${await token(caller)}` });
  return {
    url,
    store,
    dataKeys,
    samlogg,
    signingKey: key,
    reportKey,
    token,
    authorization,
    async graphql(query, variables, as) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorization(as)) },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await samlogg.close();
      await store.close();
      dataKeys.close();
      temp.remove();
    },
  };
}
