import express, { type RequestHandler, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { USER_ROLES } from '../../auth/principal.js';
import { Unauthenticated, type DevTokenIssuer, type TokenVerifier } from '../../auth/token-verifier.js';
import { refuse } from './graphql-http.js';

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function unauthenticated(res: express.Response, message: string): void {
  res.setHeader('www-authenticate', 'Bearer realm="samlogg"');
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/** Every request past this point has a verified principal in `res.locals.principal`; the rest hear 401. */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    const token = bearerOf(header);
    if (header && !token) {
      unauthenticated(res, 'the Authorization header must be: Bearer <token>');
      return;
    }
    try {
      res.locals.principal = await verifier.verify(token);
    } catch (error) {
      if (error instanceof Unauthenticated) {
        unauthenticated(res, error.message);
        return;
      }
      next(error);
      return;
    }
    next();
  };
}

/**
 * Slows down guessing: failed sign-ins (401) from one address are counted, and past the limit the
 * address is refused for the rest of the window. Signed-in requests do not count.
 */
export interface FailedSignInLimit {
  readonly middleware: RequestHandler;
  /** Whether an address is refused now: the cached-answer fast path asks before it answers. */
  isBlocked(address: string | undefined): boolean;
}

export function failedSignInLimit(limit: number, windowMs = 15 * 60_000): FailedSignInLimit {
  const blockedUntil = new Map<string, number>();
  const middleware = rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (req, res) => {
      if (req.ip) blockedUntil.set(req.ip, Date.now() + windowMs);
      refuse(res, 429, 'too many failed sign-ins from this address: wait a while and try again');
    },
  });
  return {
    middleware,
    isBlocked(address) {
      if (address === undefined || blockedUntil.size === 0) return false;
      const until = blockedUntil.get(address);
      if (until === undefined) return false;
      if (until > Date.now()) return true;
      blockedUntil.delete(address);
      return false;
    },
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
