import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import { Kind } from 'graphql';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { openProjectionEngine, type ProjectionEngine } from '../projections/engine.js';
import { PROJECTION_CATEGORIES, PROJECTIONS } from '../projections/registry.js';
import { warmUpQueries } from '../projections/query-warm-up.js';
import { passRegister } from '../../projections/pass-register.js';
import type { DataKeyStore } from '../store/data-keys.js';
import type { EventStore, ProjectionStateStore } from '../store/port.js';
import type { Principal } from '../auth/principal.js';
import type { SignIn } from '../auth/token-verifier.js';
import { guardResolvers } from '../api/access.js';
import type { ApiContext } from '../api/context.js';
import { systemClock, type Clock } from '../application/clock.js';
import { AnswerCache, CACHEABLE_ROOT_FIELDS } from '../api/http/answer-cache.js';
import { authenticate, devSignInRouter, failedSignInLimit } from '../api/http/authentication.js';
import { BODY_ERROR, captureAnswer, IN_TURN, requestIdOf, withCachedAnswers } from '../api/http/cached-answers.js';
import { turns } from '../application/event-loop-turns.js';
import { explorerRedirect, explorerRouter } from '../api/explorer/router.js';
import { formatErrorForCaller } from '../api/format-error.js';
import { storeBusyAnswers } from '../api/store-busy.js';
import { BODY_LIMIT, graphqlRequestGuard, jsonErrorHandler, jsonNotFound } from '../api/http/graphql-http.js';
import { directRoute, expressMessages } from '../api/http/direct-route.js';
import { fixedHeaders } from '../http/fixed-headers.js';
import { mainThreadFirst, type MainThreadFirst } from './main-thread-first.js';
import { queryLimits } from '../api/query-limits.js';
import { documentStore } from '../api/document-store.js';
import { servedOperations } from '../api/served-operations.js';
import { resolvers } from '../api/resolvers.js';
import { webRouter } from '../web/router.js';
import { reportRouter } from '../web/report/router.js';
import { prepareAsOf } from '../reports/log-prefix.js';
import type { ReportSigningKey } from '../application/report-key.js';

// A report page, or the page saying there is no such period: never data. A name with a dot or an escape (a download) is signed in.
const REPORT_PAGE = /^\/(?:tertial|year)\/[A-Za-z0-9-]{1,20}\/?$/;

const SCHEMA = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

interface AppOptions {
  readonly store: EventStore;
  readonly projectionStates: ProjectionStateStore;
  /** Keys that seal and open free text (crypto-shredding). */
  readonly dataKeys: DataKeyStore;
  readonly log: Logger;
  /** How callers sign in: OIDC, or in development a local key (and the dev sign-in page). */
  readonly signIn: SignIn;
  /** Stack traces in error responses only where NODE_ENV is development. */
  readonly development?: boolean;
  /** NODE_ENV=production: no introspection, no API explorer, no development sign-in. */
  readonly production?: boolean;
  /** Origins allowed to call the API from a browser (SAMLOGG_CORS_ORIGINS); none by default. */
  readonly corsOrigins?: readonly string[];
  /**
   * Express's `trust proxy` (SAMLOGG_TRUST_PROXY; default off): which proxies' X-Forwarded-For names
   * the caller's address, the address failed sign-ins are counted by.
   */
  readonly trustProxy?: boolean | number | readonly string[];
  /** Failed sign-ins (401) one address may make in 15 minutes before it is refused (default 30). */
  readonly failedSignInLimit?: number;
  /** What now is (default the host's clock); tests and SAMLOGG_NOW set it. */
  readonly clock?: Clock;
  /** The key reports are signed with; without one, no signed report is served. */
  readonly reportKey?: ReportSigningKey;
}

export interface SamloggApp {
  readonly app: Express;
  /** The HTTP handler to serve: cached answers first, then the Express app. */
  readonly listener: RequestListener;
  /** Answers to aggregate queries kept per log position. */
  readonly answers: AnswerCache;
  /** Listens on a port (0 for any free one) and resolves once it does. */
  listen(port: number, host?: string): Promise<Server>;
  readonly engine: ProjectionEngine;
  close(): Promise<void>;
}

/** What the first questions after a start would otherwise compute in one block, prepared in slices between requests. */
function prepareInBackground(store: EventStore, engine: ProjectionEngine, log: Logger): void {
  // A long log without as-of snapshots (a first start) gets them in the background, yielding between pages.
  void prepareAsOf(store).catch((error: unknown) => log.warn({ err: error }, 'as-of snapshots not prepared'));
  // The statistics' encounter index (some 85 ms at 1M events): a statistics question meanwhile awaits
  // it. Then the queries' first, slow runs, one question a turn, before a user's question runs them.
  void warmUpQueries(engine.state(passRegister)).catch((error: unknown) => log.warn({ err: error }, 'encounter index not prepared, or the queries not warmed up'));
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
  const clock = options.clock ?? systemClock;
  const engine = await followingEngine(options);
  const production = options.production ?? false;
  const apollo = await startApollo(production, options.development ?? false);
  const answers = new AnswerCache();
  const app = expressApp(options.trustProxy ?? false);
  const { everyAnswer, corsHeaders } = everyAnswerHandlers(options.corsOrigins, log);
  app.use(...everyAnswer);
  healthRoutes(app, store, engine);
  // Every route behind a bearer token goes through this one gate and its one count of failures.
  const signedIn = authenticate(options.signIn.verifier, failedSignInLimit(options.failedSignInLimit ?? 30));
  const devIssuer = production ? undefined : options.signIn.devIssuer;
  if (devIssuer) app.use('/auth', devSignInRouter(devIssuer));
  if (!production) app.use('/explorer', explorerRouter(log, { devSignIn: devIssuer !== undefined }));
  const graphql = graphqlHandlers({ apollo, answers, signedIn, production, engine, clock, options });
  app.use('/graphql', ...graphql);

  // The field app, the sign-in page and (in their own router) the reports: pages for browsers.
  // A report page is a page for anyone (its script asks /graphql, signed in); the rest there are downloads.
  app.use('/reports', (req, res, next) => (REPORT_PAGE.test(req.path) ? next() : signedIn(req, res, next)));
  app.use(reportRouter({ store, engine, clock, ...(options.reportKey ? { reportKey: options.reportKey } : {}) }, options.signIn.verifier, log));
  app.use(webRouter(log, { devSignIn: devIssuer !== undefined, ...(options.signIn.browser ? { oidc: options.signIn.browser } : {}) }));
  const notFound = jsonNotFound();
  app.use(notFound);
  // Express's own handler writes stack traces into the page outside production; ours answers in JSON.
  const onError = jsonErrorHandler(log);
  app.use(onError);

  const listener = withCachedAnswers(app, {
    // A GraphQL POST the front door has read and signed in: the same handlers, without the router's walk.
    graphql: directRoute(app, [...everyAnswer, ...graphql], onError, notFound),
    cache: answers,
    verifier: options.signIn.verifier,
    position: () => engine.position,
    cors: corsHeaders,
    log,
    newRequestId: randomUUID,
    clock,
  });
  const serving = listening(app, listener);
  return {
    app,
    listener,
    answers,
    listen: serving.listen,
    engine,
    async close() {
      serving.stop();
      await apollo.stop();
      await engine.close();
    },
  };
}

/** Serves the app; once it listens, the process's other threads yield the main one, which answers every request, a core. */
function listening(app: Express, listener: RequestListener): { listen: SamloggApp['listen']; stop(): void } {
  let threads: MainThreadFirst | undefined;
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const server = createServer(expressMessages(app), listener);
        server.once('error', reject);
        server.listen(port, host, () => {
          threads ??= mainThreadFirst();
          resolve(server);
        });
      }),
    stop: () => threads?.stop(),
  };
}

function expressApp(trustProxy: NonNullable<AppOptions['trustProxy']>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  return app;
}

/** What every answer gets, GraphQL's through the front door too (direct-route.ts): security headers, CORS, a request id and a log line. */
function everyAnswerHandlers(corsOrigins: readonly string[] | undefined, log: Logger): { everyAnswer: express.RequestHandler[]; corsHeaders: ReturnType<typeof cors> } {
  // One CORS decision for every answer, the cached ones included: made per request, never stored.
  const corsHeaders = cors({ origin: corsOrigins && corsOrigins.length > 0 ? [...corsOrigins] : false });
  const everyAnswer: express.RequestHandler[] = [
    // An API answers JSON only: nothing it sends may run as a page, be framed or leak a referrer.
    fixedHeaders(helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } })),
    corsHeaders,
    requestLog(log),
  ];
  return { everyAnswer, corsHeaders };
}

/** The projections, caught up before anything is served and then following the log. */
async function followingEngine({ store, projectionStates, log }: AppOptions): Promise<ProjectionEngine> {
  const engine = await openProjectionEngine(store, projectionStates, PROJECTIONS, { categories: PROJECTION_CATEGORIES });
  const caughtUp = await engine.catchUp();
  log.info({ events: caughtUp.events, position: caughtUp.position, ms: Math.round(caughtUp.ms) }, 'projections caught up');
  engine.follow((error) => log.error({ err: error }, 'projection subscription failed'));
  prepareInBackground(store, engine, log);
  return engine;
}

async function startApollo(production: boolean, development: boolean): Promise<ApolloServer<ApiContext>> {
  const apollo = new ApolloServer<ApiContext>({
    typeDefs: SCHEMA,
    documentStore: documentStore(),
    resolvers: guardResolvers(resolvers),
    introspection: !production,
    includeStacktraceInErrorResponses: development,
    formatError: formatErrorForCaller(development),
    validationRules: [queryLimits(), servedOperations()],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Its only effect here was `cache-control: no-store` (the schema has no cache hints), set below;
      // it hooked every field of every answer to get there (willResolveField), a few % of the server's CPU.
      ApolloServerPluginCacheControlDisabled(),
      // Installed otherwise to trace only a federated subgraph's requests, which this schema is not; its hooks still ran on every request.
      ApolloServerPluginInlineTraceDisabled(),
      // Before the error log below: a busy store is an answer, not an internal error.
      storeBusyAnswers<ApiContext>(),
      {
        // The caller sees only that something failed; the log keeps what, with the request id.
        async requestDidStart() {
          return {
            async willSendResponse({ operation, response, contextValue }) {
              if (operation?.operation !== 'query' || response.body.kind !== 'single' || response.body.singleResult.errors) return;
              const roots = operation.selectionSet.selections;
              if (roots.every((root) => root.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(root.name.value))) contextValue.markCacheable?.();
            },
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
  return apollo;
}

/** Each request's id and one log line when it is answered. */
function requestLog(log: Logger): express.RequestHandler {
  return (req, res, next) => {
    // The caller's request id if it looks like one, else a new one: never anything free-form in logs.
    const requestId = requestIdOf(req.header('x-request-id')) ?? randomUUID();
    const started = performance.now();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    // Method, path and status only: bodies and query strings may hold what must never reach a log.
    // The path as asked, read now: by the time the answer is sent a mounted router has cut its prefix from the URL.
    const path = req.path;
    res.on('finish', () => log.info({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    next();
  };
}

/** Liveness, and readiness once the projections have caught up with the log's head. */
function healthRoutes(app: Express, store: EventStore, engine: ProjectionEngine): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const head = await store.headPosition();
    const ready = engine.position >= head;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'catching up', position: engine.position, head });
  });
}

interface GraphqlRoute {
  readonly apollo: ApolloServer<ApiContext>;
  readonly answers: AnswerCache;
  readonly signedIn: express.RequestHandler;
  readonly production: boolean;
  readonly engine: ProjectionEngine;
  readonly clock: Clock;
  readonly options: AppOptions;
}

/** /graphql: the request guard, the sign-in gate, the body, the answer capture and a turn of its own, then Apollo. */
function graphqlHandlers({ apollo, answers, signedIn, production, engine, clock, options }: GraphqlRoute): express.RequestHandler[] {
  const { store, log } = options;
  return [
    ...(production ? [] : [explorerRedirect('/explorer/')]),
    graphqlRequestGuard(),
    signedIn,
    express.json({ limit: BODY_LIMIT }),
    (req, res, next) => {
      const bodyError = (req as { [BODY_ERROR]?: unknown })[BODY_ERROR];
      if (bodyError) return next(bodyError);
      // No GraphQL answer may be kept by a browser or a proxy: it may hold what the caller alone may see.
      res.setHeader('cache-control', 'no-store');
      captureAnswer(req, res, answers, () => res.locals.cacheable === true);
      // GraphQL's work waits for a turn of its own (event-loop-turns.ts), unless the front door queued it already.
      if ((req as { [IN_TURN]?: true })[IN_TURN]) next();
      else turns.run(() => next());
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = res.locals.requestId as string;
        const principal = res.locals.principal as Principal;
        const markCacheable = () => {
          res.locals.cacheable = true;
        };
        // The request's logger is made when something logs: a pino child per request, most of which
        // never log, was a measurable part of a mutation's CPU.
        let requestLog: Logger | undefined;
        return {
          store, engine, dataKeys: options.dataKeys, requestId, principal, markCacheable, clock,
          get log() {
            return (requestLog ??= log.child({ requestId }));
          },
        };
      },
    }),
  ];
}
