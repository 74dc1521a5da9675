import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp, type SamloggApp } from '../../src/api/app.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from './temp.js';

export interface RunningServer {
  readonly url: string;
  readonly store: SqliteEventStore;
  readonly samlogg: SamloggApp;
  /** POSTs a GraphQL request as JSON; answers the HTTP status and the parsed body. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphQLBody }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The real HTTP server on a free port over a real SQLite file; `prepare` may fill the log first. */
export async function startServer(prepare?: (store: SqliteEventStore) => Promise<void>): Promise<RunningServer> {
  const temp = tempDir();
  const store = openSqliteStore(join(temp.dir, 'samlogg.db'), { pollIntervalMs: 20 });
  if (prepare) await prepare(store);
  const samlogg = await createApp({ store, projectionStates: store.projectionStates, log: pino({ level: 'silent' }) });
  const server: Server = await new Promise((resolve) => {
    const s = samlogg.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    samlogg,
    async graphql(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await samlogg.close();
      await store.close();
      temp.remove();
    },
  };
}
