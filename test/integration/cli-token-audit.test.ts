import { expect } from 'chai';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { createApp } from '../../src/server/app.js';
import { loadOrCreateDevSigningKey } from '../../src/auth/dev-signing-key.js';
import { devVerifier } from '../../src/auth/token-verifier.js';
import { openDataKeys } from '../../src/store/data-keys.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { pino } from 'pino';
import type { AddressInfo } from 'node:net';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

describe('samlogg token and samlogg audit', function () {
  this.timeout(60_000);
  const temp = tempDir();
  const keyPath = join(temp.dir, 'data', 'dev-signing-key.json');
  const dbPath = join(temp.dir, 'samlogg.db');
  const env = { SAMLOGG_DEV_KEY: keyPath, SAMLOGG_STORE: `sqlite:${dbPath}`, SAMLOGG_OIDC_ISSUER: '', SAMLOGG_OIDC_AUDIENCE: '', SAMLOGG_OIDC_JWKS_URL: '', NODE_ENV: 'test', SAMLOGG_DEV_SIGN_IN: '1' };
  after(() => temp.remove());

  it('prints a token as its last line that the server accepts, and records who read what for the audit export', async () => {
    const run = await runCli(['token', '--role', 'field', '--org', 'KAST', '--user', 'kast-42', '--ttl', '2h'], env);
    expect(run.code, run.stderr).to.equal(0);
    const token = run.stdout.trim().split('\n').pop() as string;
    const claims = decodeJwt(token);
    expect(claims).to.deep.include({ sub: 'kast-42', role: 'field', org: 'KAST', iss: 'samlogg-dev', aud: 'samlogg' });
    expect((claims.exp as number) - (claims.iat as number)).to.equal(7200);

    // The server signs in with the key the command made; its reads land in the log the audit reads.
    const store = openSqliteStore(dbPath);
    const dataKeys = openDataKeys(`${dbPath}.keys`);
    const samlogg = await createApp({ store, projectionStates: store.projectionStates, dataKeys, log: pino({ level: 'silent' }), signIn: { verifier: devVerifier(await loadOrCreateDevSigningKey(keyPath)) } });
    const server = await samlogg.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-cli-audit-1' },
        body: JSON.stringify({ query: '{ passes { totalCount } }' }),
      });
      expect(await response.json()).to.deep.equal({ data: { passes: { totalCount: 0 } } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await samlogg.close();
      await store.close();
      dataKeys.close();
    }
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const audit = await runCli(['audit', '--from', today, '--to', today], env);
    expect(audit.code, audit.stderr).to.equal(0);
    const lines = audit.stdout.trim().split('\r\n');
    expect(lines[0]).to.equal('at,sub,org,role,operation,passIds,requestId');
    expect(lines).to.have.length(2);
    expect(lines[1]).to.match(/^"\d{4}-\d\d-\d\dT[^"]+","kast-42","KAST","field","passes","","req-cli-audit-1"$/);
    const nobody = await runCli(['audit', '--from', today, '--to', today, '--user', 'someone-else'], env);
    expect(nobody.stdout.trim()).to.equal('at,sub,org,role,operation,passIds,requestId');
  });

  it('refuses a bad role, organisation, user id or lifetime with exit code 2, naming the option', async () => {
    for (const [args, named] of [
      [['--role', 'admin', '--org', 'KAST'], '--role'],
      [['--role', 'field', '--org', 'SOCTJ'], '--org'],
      [['--role', 'field', '--org', 'KAST', '--user', 'anna@example.se'], '--user'],
      [['--role', 'field', '--org', 'KAST', '--ttl', '30y'], '--ttl'],
      [['--role', 'field', '--org', 'KAST', '--ttl', '8d'], '--ttl'],
    ] as const) {
      const run = await runCli(['token', ...args], env);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.stderr, args.join(' ')).to.include(named);
      expect(run.stdout).to.equal('');
    }
    const audit = await runCli(['audit', '--from', '2020-01-01', '--to', '2022-01-01'], env);
    expect(audit.code).to.equal(2);
    expect(audit.stderr).to.include('--to: must be at most 366 days');
  });

  it('refuses to make a token without an explicit opt-in, and in production whatever NODE_ENV’s spelling, saying how to sign in', async () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['NODE_ENV unset, no opt-in', { NODE_ENV: '', SAMLOGG_DEV_SIGN_IN: '' }, /sign-in is not configured: set SAMLOGG_OIDC_ISSUER.*--dev-sign-in/],
      ['NODE_ENV=test, no opt-in', { SAMLOGG_DEV_SIGN_IN: '0' }, /sign-in is not configured/],
      ['NODE_ENV=Production, opted in', { NODE_ENV: 'Production' }, /must be set in production; development sign-in .* is refused there/],
      ['NODE_ENV=prod, opted in', { NODE_ENV: 'prod' }, /counts as production/],
      ['a value that is not on or off', { SAMLOGG_DEV_SIGN_IN: 'maybe' }, /SAMLOGG_DEV_SIGN_IN: must be 1 \(on\) or 0 \(off\)/],
    ];
    for (const [what, over, message] of cases) {
      const run = await runCli(['token', '--role', 'auditor', '--org', 'BG'], { ...env, ...over });
      expect(run.code, what).to.equal(2);
      expect(run.stderr, what).to.match(message);
      expect(run.stdout, what).to.equal('');
    }
    const flag = await runCli(['token', '--role', 'auditor', '--org', 'BG', '--dev-sign-in'], { ...env, NODE_ENV: '', SAMLOGG_DEV_SIGN_IN: '' });
    expect(flag.code, flag.stderr).to.equal(0);
    const development = await runCli(['token', '--role', 'auditor', '--org', 'BG'], { ...env, NODE_ENV: 'Development', SAMLOGG_DEV_SIGN_IN: '' });
    expect(development.code, development.stderr).to.equal(0);
  });

  it('refuses to make a token where an identity provider is configured', async () => {
    const run = await runCli(['token', '--role', 'field', '--org', 'KAST'], {
      ...env,
      SAMLOGG_OIDC_ISSUER: 'https://login.example.se',
      SAMLOGG_OIDC_AUDIENCE: 'samlogg',
      SAMLOGG_OIDC_JWKS_URL: 'https://login.example.se/jwks',
    });
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/refused where OIDC is configured/);
    expect(run.stdout).to.equal('');
  });
});
