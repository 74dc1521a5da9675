import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A small OpenID Connect provider for tests only: discovery, authorization code with PKCE (S256),
 * a token endpoint and its JWKS. It signs in whoever `nextUser` names, without asking: what is
 * tested is samlogg's side of the exchange, not a login form.
 */
export interface FakeOidc {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly clientId: string;
  nextUser: { sub: string; role: string; org: string };
  /** Token requests refused, and why: a test can say the exchange was correct. */
  readonly refusals: string[];
  stop(): Promise<void>;
}

export async function startFakeOidc(audience: string): Promise<FakeOidc> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; user: FakeOidc['nextUser'] }>();
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeOidc = {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId: 'samlogg-pages',
    nextUser: { sub: 'user-1', role: 'field', org: 'KAST' },
    refusals: [],
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  app.use((_req, res, next) => {
    res.setHeader('access-control-allow-origin', '*');
    next();
  });
  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: fake.jwksUrl, code_challenge_methods_supported: ['S256'] });
  });
  app.get('/jwks', (_req, res) => res.json({ keys: [jwk] }));
  app.get('/authorize', (req, res) => {
    const q = req.query as Record<string, string>;
    if (q.client_id !== fake.clientId || q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge || !q.redirect_uri) {
      res.status(400).send('bad authorization request');
      return;
    }
    const code = randomUUID();
    codes.set(code, { challenge: q.code_challenge, redirectUri: q.redirect_uri, user: { ...fake.nextUser } });
    const back = new URL(q.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.state ?? '');
    res.redirect(302, back.href);
  });
  app.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string>;
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    const verifierHash = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
    const refusal = !grant ? 'unknown code' : body.client_id !== fake.clientId ? 'wrong client' : body.redirect_uri !== grant.redirectUri ? 'wrong redirect_uri' : verifierHash !== grant.challenge ? 'PKCE verifier does not match' : undefined;
    if (refusal || !grant) {
      fake.refusals.push(refusal ?? 'unknown code');
      res.status(400).json({ error: 'invalid_grant' });
      return;
    }
    const accessToken = await new SignJWT({ role: grant.user.role, org: grant.user.org })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(grant.user.sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
  });
  return fake;
}
