/**
 * Sign-in with the organisation's identity provider from the browser: OpenID Connect authorization
 * code with PKCE, as a public client (no secret in a page). The provider sends the user back to
 * /sign-in with a code, which is exchanged for tokens; the access token is the bearer for /graphql.
 */
export interface OidcClient {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const PENDING = 'samlogg.oidc';
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length)));

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the identity provider's configuration could not be read (HTTP ${response.status})`);
  return (await response.json()) as Discovery;
}

export const redirectUri = () => `${window.location.origin}/sign-in`;

/** Off to the provider; `next` is where to come back to after sign-in. */
export async function beginSignIn(client: OidcClient, next: string): Promise<void> {
  const discovery = await discover(client.issuer);
  const verifier = random(32);
  const state = random(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, next }));
  const url = new URL(discovery.authorization_endpoint);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: client.clientId, redirect_uri: redirectUri(), scope: client.scope, state, code_challenge: challenge, code_challenge_method: 'S256' })) {
    url.searchParams.set(name, value);
  }
  window.location.assign(url.href);
}

interface SignedIn {
  readonly token: string;
  readonly role: string;
  readonly org: string;
  readonly expiresAt: number;
  readonly next: string;
}

/** Back from the provider with ?code&state: the tokens, or an error that says what went wrong. */
export async function completeSignIn(client: OidcClient, params: URLSearchParams): Promise<SignedIn> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; next: string } | null;
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`the identity provider refused: ${params.get('error')}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in answer does not belong to this sign-in: start again');
  const discovery = await discover(client.issuer);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: redirectUri(), client_id: client.clientId, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`the identity provider did not give a token (HTTP ${response.status})`);
  const tokens = (await response.json()) as { access_token?: string };
  const token = tokens.access_token;
  if (!token) throw new Error('the identity provider gave no access token');
  // Read, not verified: the server verifies every request; the page only needs to know whom it shows.
  const claims = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { role?: string; org?: string; exp?: number };
  if (!claims.role || !claims.org || !claims.exp) throw new Error('the token names no role or organisation: ask the administration to set them up');
  return { token, role: claims.role, org: claims.org, expiresAt: claims.exp * 1000, next: pending.next };
}
