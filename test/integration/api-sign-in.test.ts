import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { loadOrCreateDevSigningKey } from '../../src/auth/dev-signing-key.js';
import { failedSignInLimit } from '../../src/api/http/authentication.js';
import { devTokenIssuer } from '../../src/auth/token-verifier.js';
import { startServer, type RunningServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const RECORD_PASS = 'mutation ($input: RecordPassInput!) { recordPass(input: $input) { revision } }';

async function post(server: RunningServer, headers: Record<string, string>, query = '{ steeringFigures { jointPasses } }', variables?: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

describe('Sign-in: bearer tokens, 401 and UNAUTHENTICATED', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer(undefined, { failedSignInLimit: 1000 });
  });
  after(async () => server.stop());

  it('refuses a request without a token, or with a malformed one or one signed by another key, with 401, appending nothing', async () => {
    const head = await server.store.headPosition();
    const input = { commandId: randomUUID(), passId: randomUUID(), date: '2022-05-10', kind: 'RAID', units: ['POLIS', 'MIKA'] };
    const foreignKey = await generateKeyPair('EdDSA');
    const foreign = await new SignJWT({ role: 'field', org: 'MIKA' }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('x').setIssuer('samlogg-dev').setAudience('samlogg').setExpirationTime('1h').sign(foreignKey.privateKey);
    const temp = tempDir();
    try {
      // Same issuer and audience, another development key: as if copied from another machine.
      const otherKey = await loadOrCreateDevSigningKey(join(temp.dir, 'other.json'));
      const fromOtherMachine = await devTokenIssuer(otherKey).issue({ role: 'field', org: 'MIKA' });
      const cases: Array<[string, Record<string, string>, RegExp]> = [
        ['no token', {}, /sign-in required/],
        ['not a bearer header', { authorization: 'Basic dXNlcjpwYXNz' }, /Bearer <token>/],
        ['garbage', { authorization: 'Bearer not.a.token' }, /not valid/],
        ['a foreign key', { authorization: `Bearer ${foreign}` }, /not valid/],
        ['another machine’s dev key', { authorization: `Bearer ${fromOtherMachine}` }, /not valid/],
      ];
      for (const [what, headers, message] of cases) {
        const answer = await post(server, headers, RECORD_PASS, { input });
        expect(answer.status, what).to.equal(401);
        expect(answer.headers.get('www-authenticate'), what).to.match(/^Bearer/);
        expect(answer.body.errors?.[0]?.extensions?.code, what).to.equal('UNAUTHENTICATED');
        expect(answer.body.errors?.[0]?.message, what).to.match(message);
      }
    } finally {
      temp.remove();
    }
    expect(await server.store.headPosition()).to.equal(head);
  });

  it('refuses an expired token and a token whose role claim is unknown, naming the claim', async () => {
    const key = server.signingKey;
    const expired = await devTokenIssuer(key).issue({ role: 'beredningsgrupp', org: 'BG' }, '-1m');
    const answer = await post(server, { authorization: `Bearer ${expired}` });
    expect(answer.status).to.equal(401);
    expect(answer.body.errors?.[0]?.message).to.equal('the token has expired: sign in again');
    const admin = await new SignJWT({ role: 'admin', org: 'BG' }).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).setSubject('u1').setIssuer('samlogg-dev').setAudience('samlogg').setExpirationTime('1h').sign(key.privateKey);
    const refused = await post(server, { authorization: `Bearer ${admin}` });
    expect(refused.status).to.equal(401);
    expect(refused.body.errors?.[0]?.message).to.match(/^the token's role claim must be one of field, beredningsgrupp/);
  });

  it('answers the same query 200 with a valid token', async () => {
    const answer = await post(server, await server.authorization());
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal({ data: { steeringFigures: { jointPasses: 0 } } });
  });

  it('issues development tokens from /auth/dev-token and refuses a bad request naming the field', async () => {
    const ok = await fetch(`${server.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'field', org: 'KAST' }) });
    expect(ok.status).to.equal(200);
    const { token } = (await ok.json()) as { token: string };
    const answer = await post(server, { authorization: `Bearer ${token}` }, '{ passes { totalCount } }');
    expect(answer.body).to.deep.equal({ data: { passes: { totalCount: 0 } } });
    for (const [body, field] of [
      [{ role: 'admin', org: 'KAST' }, 'role'],
      [{ role: 'field', org: 'SOCTJ' }, 'org'],
      [{ role: 'field', org: 'KAST', sub: 'anna.andersson@example.se' }, 'sub'],
    ] as const) {
      const refused = await fetch(`${server.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(refused.status, field).to.equal(400);
      const text = await refused.text();
      expect(JSON.parse(text).errors[0].extensions, field).to.deep.include({ code: 'BAD_USER_INPUT', field });
      expect(text).not.to.include('anna.andersson');
    }
  });

  it('sends security headers and no CORS permission to another origin', async () => {
    const answer = await post(server, await server.authorization());
    expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(answer.headers.get('content-security-policy')).to.include("default-src 'none'");
    expect(answer.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
    expect(answer.headers.get('x-powered-by')).to.equal(null);
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
    const simple = await post(server, { ...(await server.authorization()), origin: 'https://elsewhere.example' });
    expect(simple.headers.get('access-control-allow-origin')).to.equal(null);
  });
});

describe('Sign-in: failed attempts are limited per address', function () {
  this.timeout(60_000);
  const wrong = { authorization: 'Bearer wrong' };

  it('counts only failed attempts, and never refuses a valid token, whoever failed before it from the same address', async () => {
    const server = await startServer(undefined, { failedSignInLimit: 3 });
    try {
      const good = await server.authorization();
      for (let i = 0; i < 5; i += 1) expect((await post(server, good)).status).to.equal(200);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await post(server, wrong)).status);
      expect(statuses).to.deep.equal([401, 401, 401, 429]);
      const refused = await post(server, wrong);
      expect(refused.status).to.equal(429);
      expect(refused.body.errors?.[0]?.message).to.match(/too many failed sign-ins/);
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 900);
      // Behind the same address: a user signed in before, and one whose token this server never saw.
      const hitsBefore = server.samlogg.answers.hits;
      expect((await post(server, good)).status).to.equal(200);
      expect(server.samlogg.answers.hits, 'a cached answer for a valid token').to.equal(hitsBefore + 1);
      expect((await post(server, await server.authorization({ role: 'field', org: 'KAST' }), '{ passes { totalCount } }')).status).to.equal(200);
      expect((await post(server, await server.authorization({ role: 'auditor', org: 'REVISIONEN' }), '{ __typename }')).status).to.equal(200);
      // No credentials at all is not an attempt: told to sign in, not to wait.
      expect((await post(server, {})).status).to.equal(401);
    } finally {
      await server.stop();
    }
  });

  it('counts by the socket address unless SAMLOGG_TRUST_PROXY says which proxy to believe', async () => {
    const untrusting = await startServer(undefined, { failedSignInLimit: 2 });
    try {
      // A forged X-Forwarded-For does not buy new attempts.
      const statuses: number[] = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await post(untrusting, { ...wrong, 'x-forwarded-for': client })).status);
      expect(statuses).to.deep.equal([401, 401, 429]);
    } finally {
      await untrusting.stop();
    }
    const behindProxy = await startServer(undefined, { failedSignInLimit: 2, trustProxy: ['loopback'] });
    try {
      const from = (client: string) => ({ ...wrong, 'x-forwarded-for': client });
      const first: number[] = [];
      for (let i = 0; i < 3; i += 1) first.push((await post(behindProxy, from('203.0.113.1'))).status);
      expect(first).to.deep.equal([401, 401, 429]);
      expect((await post(behindProxy, from('203.0.113.2'))).status, 'another client behind the proxy').to.equal(401);
      expect((await post(behindProxy, { ...(await behindProxy.authorization()), 'x-forwarded-for': '203.0.113.1' })).status).to.equal(200);
    } finally {
      await behindProxy.stop();
    }
  });

  it('puts report downloads behind the same sign-in and the same count; the report page stays a page', async () => {
    const server = await startServer(undefined, { failedSignInLimit: 2 });
    try {
      const download = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/reports/tertial/${path}`, { headers });
      const statuses: number[] = [];
      for (const path of ['2022-T2.csv', '2022-T2.xlsx', '2022-T2.csv']) statuses.push((await download(path, wrong)).status);
      expect(statuses).to.deep.equal([401, 401, 429]);
      expect((await post(server, wrong)).status, 'the same count as /graphql').to.equal(429);
      expect((await download('2022-T2%2Ecsv', wrong)).status, 'an encoded dot').to.equal(429);
      const good = await server.authorization();
      const csv = await download('2022-T2.csv', good);
      expect(csv.status).to.equal(200);
      expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
      expect((await download('2022-T2.xlsx', good)).status).to.equal(200);
      expect((await download('2022-T2')).status).to.equal(200);
      expect((await download('2022-T2.csv')).status, 'no token: asked to sign in').to.equal(401);
    } finally {
      await server.stop();
    }
  });
});

describe('Sign-in: the count of failures, in-process', () => {
  it('forgets an address when its window ends, and keeps a bounded number of addresses', () => {
    let now = 1_000_000;
    const limit = failedSignInLimit(2, 60_000, () => now);
    limit.recordFailure('198.51.100.7');
    expect(limit.isBlocked('198.51.100.7')).to.equal(false);
    limit.recordFailure('198.51.100.7');
    expect(limit.isBlocked('198.51.100.7')).to.equal(true);
    expect(limit.isBlocked('198.51.100.8'), 'another address').to.equal(false);
    expect(limit.retryAfterSeconds('198.51.100.7')).to.equal(60);
    now += 59_999;
    expect(limit.isBlocked('198.51.100.7')).to.equal(true);
    now += 1;
    expect(limit.isBlocked('198.51.100.7'), 'a new window').to.equal(false);
    // A flood of addresses pushes out the oldest rather than growing without end.
    limit.recordFailure('198.51.100.9');
    limit.recordFailure('198.51.100.9');
    for (let i = 0; i < 100_000; i += 1) limit.recordFailure(`2001:db8::${i.toString(16)}`);
    expect(limit.isBlocked('198.51.100.9')).to.equal(false);
    limit.recordFailure('2001:db8::1');
    expect(limit.isBlocked('2001:db8::1')).to.equal(true);
  });
});

describe('Production mode: no explorer, no introspection, no development sign-in', function () {
  this.timeout(30_000);
  it('serves GraphQL to a signed-in caller and nothing for newcomers to poke at', async () => {
    const server = await startServer(undefined, { production: true });
    try {
      expect((await fetch(`${server.url}/explorer/`)).status).to.equal(404);
      const devToken = await fetch(`${server.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'field', org: 'KAST' }) });
      expect(devToken.status).to.equal(404);
      const introspection = await post(server, await server.authorization(), '{ __schema { queryType { name } } }');
      expect(introspection.body.errors?.[0]?.message).to.match(/introspection/i);
      const figures = await post(server, await server.authorization());
      expect(figures.status).to.equal(200);
    } finally {
      await server.stop();
    }
  });
});
