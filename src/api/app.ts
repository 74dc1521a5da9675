import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { openProjectionEngine, type ProjectionEngine } from '../projections/engine.js';
import { PROJECTIONS } from '../projections/registry.js';
import type { EventStore, ProjectionStateStore } from '../store/port.js';
import type { ApiContext } from './context.js';
import { explorerRedirect, explorerRouter } from './explorer/router.js';
import { formatErrorForCaller } from './format-error.js';
import { BODY_LIMIT, graphqlRequestGuard, jsonErrorHandler, jsonNotFound } from './http/graphql-http.js';
import { queryLimits } from './query-limits.js';
import { resolvers } from './resolvers.js';

export const SCHEMA = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

export interface AppOptions {
  readonly store: EventStore;
  readonly projectionStates: ProjectionStateStore;
  readonly log: Logger;
  /** Stack traces in error responses only where NODE_ENV is development. */
  readonly development?: boolean;
}

export interface SamloggApp {
  readonly app: Express;
  readonly engine: ProjectionEngine;
  close(): Promise<void>;
}

/** A request id the caller sent, if it looks like one; otherwise a new one. Never anything free-form in logs. */
function requestIdOf(header: string | undefined): string {
  return header && /^[A-Za-z0-9-]{8,64}$/.test(header) ? header : randomUUID();
}

/**
 * The HTTP side: GraphQL at /graphql, the API explorer at /explorer/, liveness at /healthz, readiness
 * at /readyz. The projections are caught up before the app is returned and then follow the log, so
 * queries answer from memory.
 *
 * /graphql follows GraphQL-over-HTTP: POST application/json, GET for queries only (a mutation by GET
 * is 405), application/graphql-response+json when the client accepts it. Apollo's CSRF prevention
 * stays on: a GET needs a header a browser cannot send cross-site without a preflight
 * (`apollo-require-preflight` or `x-apollo-operation-name`), and a POST must be application/json.
 */
export async function createApp(options: AppOptions): Promise<SamloggApp> {
  const { store, log } = options;
  const engine = await openProjectionEngine(store, options.projectionStates, PROJECTIONS);
  const caughtUp = await engine.catchUp();
  log.info({ events: caughtUp.events, position: caughtUp.position, ms: Math.round(caughtUp.ms) }, 'projections caught up');
  engine.follow((error) => log.error({ err: error }, 'projection subscription failed'));

  const apollo = new ApolloServer<ApiContext>({
    typeDefs: SCHEMA,
    resolvers,
    includeStacktraceInErrorResponses: options.development ?? false,
    formatError: formatErrorForCaller(options.development ?? false),
    validationRules: [queryLimits()],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        // The caller sees only that something failed; the log keeps what, with the request id.
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                if (!error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR') {
                  contextValue?.log?.error({ err: error.originalError ?? error }, 'internal error');
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const requestId = requestIdOf(req.header('x-request-id'));
    const started = performance.now();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    // Method, path and status only: bodies and query strings may hold what must never reach a log.
    res.on('finish', () => log.info({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const head = await store.headPosition();
    const ready = engine.position >= head;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'catching up', position: engine.position, head });
  });
  app.use('/explorer', explorerRouter(log));
  app.use(
    '/graphql',
    explorerRedirect('/explorer/'),
    graphqlRequestGuard(),
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = res.locals.requestId as string;
        return { store, engine, requestId, log: log.child({ requestId }) };
      },
    }),
  );

  app.use(jsonNotFound());
  // Express's own handler writes stack traces into the page outside production; ours answers in JSON.
  app.use(jsonErrorHandler(log));

  return {
    app,
    engine,
    async close() {
      await apollo.stop();
      await engine.close();
    },
  };
}
