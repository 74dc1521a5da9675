import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { USER_ROLES } from '../../auth/principal.js';
import { Unauthenticated, type DevTokenIssuer, type TokenVerifier } from '../../auth/token-verifier.js';
import { bearerOf } from '../../http/bearer.js';
import { refuse } from '../../http/refuse.js';

function unauthenticated(res: express.Response, message: string): void {
  res.setHeader('www-authenticate', 'Bearer realm="samlogg"');
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/**
 * Failed sign-ins counted per address, in fixed windows. Only failures count, and the count only ever
 * refuses further unverified attempts: a token that verifies is let through whatever others behind
 * the same address (a proxy, a NAT, an office) have tried, so nobody can lock out a valid user.
 */
export interface FailedSignInLimit {
  /** Whether this address has used up its failed attempts for the window. */
  isBlocked(address: string): boolean;
  /** Counts one failed attempt from this address. */
  recordFailure(address: string): void;
  /** Seconds until the address's window ends (for Retry-After). */
  retryAfterSeconds(address: string): number;
}

const MAX_ADDRESSES = 100_000;

export function failedSignInLimit(limit: number, windowMs = 15 * 60_000, now: () => number = Date.now): FailedSignInLimit {
  // Insertion order is window order (a new window is deleted and set again), so the oldest are first:
  // expired windows are swept from the front, and when full the oldest gives way, in constant time each.
  const windows = new Map<string, { count: number; endsAt: number }>();
  const current = (address: string) => {
    const window = windows.get(address);
    if (window && window.endsAt > now()) return window;
    if (window) windows.delete(address);
    return undefined;
  };
  const sweep = () => {
    const at = now();
    for (const [address, window] of windows) {
      if (window.endsAt > at && windows.size < MAX_ADDRESSES) break;
      windows.delete(address);
    }
  };
  return {
    isBlocked: (address) => (current(address)?.count ?? 0) >= limit,
    recordFailure(address) {
      const window = current(address);
      if (window) {
        window.count += 1;
        return;
      }
      sweep();
      windows.set(address, { count: 1, endsAt: now() + windowMs });
    },
    retryAfterSeconds: (address) => Math.max(1, Math.ceil(((current(address)?.endsAt ?? now()) - now()) / 1000)),
  };
}

/** The address failures are counted by: Express's req.ip, which honours `trust proxy` (off unless set). */
function addressOf(req: express.Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * Every request past this point has a verified principal in `res.locals.principal`; the rest hear
 * 401, or 429 once their address has failed too often. A request without any credentials is not an
 * attempt and is not counted; a presented credential that does not verify is.
 */
export function authenticate(verifier: TokenVerifier, limit: FailedSignInLimit): RequestHandler {
  const failed = (req: express.Request, res: express.Response, message: string) => {
    const address = addressOf(req);
    if (limit.isBlocked(address)) {
      res.setHeader('retry-after', String(limit.retryAfterSeconds(address)));
      refuse(res, 429, 'too many failed sign-ins from this address: wait a while and try again');
      return;
    }
    limit.recordFailure(address);
    unauthenticated(res, message);
  };
  return async (req, res, next) => {
    const header = req.headers.authorization;
    const token = bearerOf(header);
    if (header === undefined) {
      unauthenticated(res, 'sign-in required: send Authorization: Bearer <token>');
      return;
    }
    if (!token) {
      failed(req, res, 'the Authorization header must be: Bearer <token>');
      return;
    }
    try {
      res.locals.principal = await verifier.verify(token);
    } catch (error) {
      if (error instanceof Unauthenticated) {
        failed(req, res, error.message);
        return;
      }
      next(error);
      return;
    }
    next();
  };
}

const devTokenRequest = z.strictObject({
  role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }),
  org: z.string({ error: 'must be given' }),
  sub: z.string().optional(),
});

/** Development sign-in: POST /auth/dev-token {role, org[, sub]} → {token}. Never mounted in production or with OIDC. */
export function devSignInRouter(issuer: DevTokenIssuer): Router {
  const router = express.Router();
  router.post('/dev-token', express.json({ limit: '2kb' }), async (req, res) => {
    const parsed = devTokenRequest.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      res.status(400).json({ errors: [{ message: `${field}: ${issue?.message ?? 'is not valid'}`, extensions: { code: 'BAD_USER_INPUT', field, rule: issue?.message } }] });
      return;
    }
    try {
      res.json({ token: await issuer.issue(parsed.data, '8h'), expiresIn: 8 * 3600 });
    } catch (error) {
      if (!(error instanceof Unauthenticated)) throw error;
      const [field, ...rule] = error.message.split(': ');
      res.status(400).json({ errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT', field, rule: rule.join(': ') } }] });
    }
  });
  return router;
}
