import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevSigningKey, type DevSigningKey } from './dev-signing-key.js';
import { findIdentifyingText } from '../domain/identity-guard.js';
import { principalFromClaims, type ClaimsResult, type Principal, type UserRole } from './principal.js';
import type { SignInMode } from './sign-in-choice.js';

/** Why a request is not signed in; the message is safe to show (it never quotes the token). */
export class Unauthenticated extends Error {
  readonly code = 'UNAUTHENTICATED';
}

interface OidcSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export interface TokenVerifier {
  readonly mode: 'oidc' | 'development';
  /** The principal of a bearer token; throws Unauthenticated when it is missing, bad or expired. */
  verify(token: string | undefined): Promise<Principal>;
  /** The principal of a token verified before and not yet expired, without cryptography; else undefined. */
  known(token: string): Principal | undefined;
}

export interface DevTokenIssuer {
  issue(claims: { role: UserRole; org: string; sub?: string }, ttl?: string): Promise<string>;
}

/** OIDC settings from the environment; all three or none (a half-configured provider is a mistake to stop at). */
export function oidcFromEnv(env: NodeJS.ProcessEnv = process.env): OidcSettings | undefined {
  const issuer = env.SAMLOGG_OIDC_ISSUER;
  const audience = env.SAMLOGG_OIDC_AUDIENCE;
  const jwksUrl = env.SAMLOGG_OIDC_JWKS_URL;
  if (!issuer && !audience && !jwksUrl) return undefined;
  const missing = [
    ['SAMLOGG_OIDC_ISSUER', issuer],
    ['SAMLOGG_OIDC_AUDIENCE', audience],
    ['SAMLOGG_OIDC_JWKS_URL', jwksUrl],
  ].filter(([, value]) => !value);
  if (missing.length > 0) throw new Error(`${missing.map(([name]) => name).join(', ')}: must be set with the other OIDC settings`);
  return { issuer: issuer as string, audience: audience as string, jwksUrl: jwksUrl as string };
}

const MAX_REMEMBERED = 10_000;

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The principal of verified claims. The subject goes into every audit record, so one that is a
 * personal identity number (an identity provider configured to send it) is refused at sign-in; a
 * UUID is what providers send as an opaque id and is never read as one.
 */
function claimsOf(payload: unknown): ClaimsResult {
  const claims = principalFromClaims(payload);
  if (!claims.ok || UUID_SHAPE.test(claims.principal.sub)) return claims;
  const kind = findIdentifyingText(claims.principal.sub);
  if (kind === 'personnummer' || kind === 'samordningsnummer') {
    return { ok: false, field: 'sub', rule: 'must be a pseudonymous user id, not a personal identity number' };
  }
  return claims;
}

function verifierOver(mode: TokenVerifier['mode'], key: CryptoKeyLike, issuer: string, audience: string): TokenVerifier {
  // Verified tokens are remembered until they expire: a signature check costs more than the answer
  // to a cached query. Cleared wholesale when full, which only costs a re-verification.
  const remembered = new Map<string, { principal: Principal; expiresAt: number }>();
  const known = (token: string) => {
    const entry = remembered.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.principal;
    remembered.delete(token);
    return undefined;
  };
  return {
    mode,
    known,
    async verify(token) {
      if (!token) throw new Unauthenticated('sign-in required: send Authorization: Bearer <token>');
      const already = known(token);
      if (already) return already;
      let payload;
      try {
        ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, { issuer, audience, requiredClaims: ['exp', 'sub'] }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw new Unauthenticated('the token has expired: sign in again');
        if (error instanceof joseErrors.JWTClaimValidationFailed) throw new Unauthenticated(`the token's ${error.claim} claim is not accepted`);
        throw new Unauthenticated('the token is not valid');
      }
      const claims = claimsOf(payload);
      if (!claims.ok) throw new Unauthenticated(`the token's ${claims.field} claim ${claims.rule}`);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(token, { principal: claims.principal, expiresAt: (payload.exp as number) * 1000 });
      return claims.principal;
    },
  };
}

type CryptoKeyLike = JWTVerifyGetKey | DevSigningKey['publicKey'];

export function oidcVerifier(settings: OidcSettings): TokenVerifier {
  return verifierOver('oidc', createRemoteJWKSet(new URL(settings.jwksUrl)), settings.issuer, settings.audience);
}

export function devVerifier(key: DevSigningKey): TokenVerifier {
  return verifierOver('development', key.publicKey, DEV_ISSUER, DEV_AUDIENCE);
}

/** Mints development tokens; the claims are checked as a verifier would, so no token is made that would be refused. */
export function devTokenIssuer(key: DevSigningKey): DevTokenIssuer {
  return {
    async issue(claims, ttl = '8h') {
      const full = { sub: claims.sub ?? `dev-${claims.role}-${claims.org.toLowerCase()}`, role: claims.role, org: claims.org };
      const checked = claimsOf(full);
      if (!checked.ok) throw new Unauthenticated(`${checked.field}: ${checked.rule}`);
      return new SignJWT({ role: full.role, org: full.org })
        .setProtectedHeader({ alg: DEV_ALGORITHM, kid: key.kid })
        .setSubject(full.sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(key.privateKey);
    },
  };
}

/** What the browser pages need to sign in with the identity provider (authorization code + PKCE, a public client). */
export interface BrowserSignIn {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

export interface SignIn {
  readonly verifier: TokenVerifier;
  /** Only where no identity provider is configured. */
  readonly devIssuer?: DevTokenIssuer;
  /** Where the identity provider has a client for the pages (SAMLOGG_OIDC_CLIENT_ID). */
  readonly browser?: BrowserSignIn;
}

/**
 * The sign-in `chooseSignIn` decided on: OIDC from its settings, or development tokens signed by the
 * local key (made on first use). Nothing here decides whether development sign-in is allowed.
 */
export async function signInFromEnv(mode: SignInMode, env: NodeJS.ProcessEnv = process.env): Promise<SignIn> {
  if (mode === 'oidc') {
    const oidc = oidcFromEnv(env);
    if (!oidc) throw new Error('SAMLOGG_OIDC_ISSUER, SAMLOGG_OIDC_AUDIENCE, SAMLOGG_OIDC_JWKS_URL: must be set for OIDC sign-in');
    const clientId = env.SAMLOGG_OIDC_CLIENT_ID;
    return { verifier: oidcVerifier(oidc), ...(clientId ? { browser: { issuer: oidc.issuer, clientId, scope: env.SAMLOGG_OIDC_SCOPE ?? 'openid' } } : {}) };
  }
  const key = await loadOrCreateDevSigningKey(env.SAMLOGG_DEV_KEY);
  return { verifier: devVerifier(key), devIssuer: devTokenIssuer(key) };
}
