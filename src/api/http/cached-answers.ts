import type { Clock } from '../../application/clock.js';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../../auth/token-verifier.js';
import { stockholmDate } from '../../domain/time.js';
import { cacheKey, type AnswerCache } from './answer-cache.js';
import { bearerOf } from '../../http/bearer.js';
import { turns } from '../../application/event-loop-turns.js';

/** What the fast path leaves for the Express app on a miss: the body it read, and the key to store under. */
interface PendingAnswer {
  readonly key: string;
  readonly position: number;
  readonly day: string;
}

/** The `cors` middleware, as the fast path calls it outside Express. */
type CorsHeaders = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export const PENDING = Symbol('samlogg.pendingAnswer');
export const BODY_ERROR = Symbol('samlogg.bodyError');
/** Set on a request whose GraphQL work already has its turn (the front door queued it). */
export const IN_TURN = Symbol('samlogg.inTurn');

type FastRequest = IncomingMessage & { body?: unknown; [PENDING]?: PendingAnswer; [BODY_ERROR]?: { status: number; type: string; body: string }; [IN_TURN]?: true };

const SMALL_BODY = 16 * 1024;
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

export function requestIdOf(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(header) ? header : undefined;
}

/** The Stockholm day, worked out at most once a second: a period without an end runs until today. */
function dayClock(clock: Clock): () => string {
  let day = stockholmDate(clock());
  let checkedAt = Date.now();
  return () => {
    const now = Date.now();
    if (now - checkedAt >= 1000) {
      day = stockholmDate(clock());
      checkedAt = now;
    }
    return day;
  };
}

/**
 * The server's front door. A small JSON POST to /graphql from a caller whose token was verified
 * before is answered from the cache when the same caller kind asked the same thing at the same log
 * position; this skips Express, body parsing, GraphQL and the projection, which is what lets one
 * core answer thousands of steering-figure requests a second. Everything else, and every miss, goes
 * to the Express app unchanged (a miss with the body already read, which body-parser then leaves be).
 */
export function withCachedAnswers(
  app: RequestListener,
  options: {
    cache: AnswerCache;
    verifier: TokenVerifier;
    position: () => number;
    /** Sets the CORS headers for this request's origin (the app's own middleware); a cached answer holds none. */
    cors: CorsHeaders;
    log: Logger;
    newRequestId: () => string;
    clock: Clock;
    /** Where a GraphQL POST read here goes on a miss (the app's /graphql handlers, see direct-route.ts); else the app. */
    graphql?: RequestListener;
  },
): RequestListener {
  const miss = options.graphql ?? app;
  const today = dayClock(options.clock);
  const answerFromCache = (req: IncomingMessage, res: ServerResponse, key: string, started: number): boolean => {
    const hit = options.cache.get(key, options.position(), today());
    if (hit) replay(req, res, hit.status, hit.headers, hit.body, options, started);
    return hit !== undefined;
  };
  return (incoming, res) => {
    const req = incoming as FastRequest;
    if (req.method !== 'POST' || req.url !== '/graphql') return app(req, res);
    const type = req.headers['content-type']?.toLowerCase();
    const length = Number(req.headers['content-length']);
    if (!type || !JSON_TYPES.has(type) || !(length > 0 && length <= SMALL_BODY) || req.headers['content-encoding']) return app(req, res);
    const token = bearerOf(req.headers.authorization);
    // A token that does not verify goes the whole way, to be counted and refused there.
    if (!token) return app(req, res);

    const started = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // A token seen before costs a map lookup; a new one is verified here once, and Express finds it known.
      const principal = options.verifier.known(token) ?? (await options.verifier.verify(token).catch(() => undefined));
      if (!principal) {
        parseForExpress(req, text);
        return app(req, res);
      }
      const key = cacheKey(principal.role, principal.org, req.headers.accept ?? '', text);
      if (answerFromCache(req, res, key, started)) return;
      // A miss is heavy (Express, Apollo, the projection): it waits for a turn of its own, so the
      // requests read in this poll phase do not run back to back. By its turn the same question, asked
      // just before, may have been answered: then it is a hit, and an identical question in flight is computed once.
      req[IN_TURN] = true;
      turns.run(() => {
        if (res.destroyed || answerFromCache(req, res, key, started)) return;
        parseForExpress(req, text);
        req[PENDING] = { key, position: options.position(), day: today() };
        miss(req, res);
      });
    });
  };
}

/** body-parser's strict JSON, as Express would have read it; a refusal goes to the same error handler. */
function parseForExpress(req: FastRequest, text: string): void {
  const first = text.trimStart()[0];
  try {
    req.body = JSON.parse(text);
    if (first !== '{' && first !== '[') req[BODY_ERROR] = { status: 400, type: 'entity.parse.failed', body: text };
  } catch {
    req[BODY_ERROR] = { status: 400, type: 'entity.parse.failed', body: text };
  }
}

function replay(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, unknown>, body: Buffer, options: { log: Logger; newRequestId: () => string; cors: CorsHeaders }, started: number): void {
  const requestId = requestIdOf(req.headers['x-request-id']) ?? options.newRequestId();
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string | string[]);
  options.cors(req, res, () => {
    res.writeHead(status, { 'x-request-id': requestId, 'content-length': String(body.length) });
    res.end(body);
    options.log.info({ requestId, method: 'POST', path: '/graphql', status, ms: Math.round(performance.now() - started), cached: true }, 'request');
  });
}

/** On a miss, keeps what the app sends, and stores it when the app marked the answer cacheable. */
export function captureAnswer(req: IncomingMessage, res: ServerResponse, cache: AnswerCache, isCacheable: () => boolean): void {
  const pending = (req as FastRequest)[PENDING];
  if (!pending) return;
  // An answer written in pieces is not kept: only a whole body sent by one end() is known to be complete.
  let streamed = false;
  const write = res.write;
  res.write = ((...args: unknown[]) => {
    streamed = true;
    return (write as (...a: unknown[]) => boolean).apply(res, args);
  }) as ServerResponse['write'];
  const end = res.end;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    // Kept as the answer is sent, in the same turn: the next queued request asking the same finds it.
    // Most answers (mutations, pass reads) are not kept: their body is not copied.
    if (!streamed && res.statusCode === 200 && isCacheable()) {
      const body = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? Buffer.from(chunk) : Buffer.alloc(0);
      cache.set(pending.key, { position: pending.position, day: pending.day, status: 200, headers: res.getHeaders(), body });
    }
    return (end as (...a: unknown[]) => ServerResponse).apply(res, [chunk, ...rest]);
  }) as ServerResponse['end'];
}
