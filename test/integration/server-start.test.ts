import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentOf } from '../../src/application/environment.js';
import { startSettings, trustProxyOf } from '../../src/api/start-settings.js';
import { tempDir } from '../support/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OIDC = { SAMLOGG_OIDC_ISSUER: 'https://login.example.se', SAMLOGG_OIDC_AUDIENCE: 'samlogg', SAMLOGG_OIDC_JWKS_URL: 'https://login.example.se/jwks' };

describe('Server start: the decision, in-process', () => {
  it('reads NODE_ENV case-insensitively and counts a value it does not know as production', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'unset'],
      ['', 'unset'],
      ['development', 'development'],
      [' Development ', 'development'],
      ['test', 'test'],
      ['production', 'production'],
      ['Production', 'production'],
      ['PRODUCTION', 'production'],
      ['prod', 'production'],
      ['staging', 'production'],
      ['developmnet', 'production'],
    ];
    for (const [value, environment] of cases) expect(environmentOf(value), String(value)).to.equal(environment);
  });

  it('hands out development tokens only when asked for, never in production or beside OIDC, and otherwise says how to sign in', () => {
    const refused: Array<[string, Parameters<typeof startSettings>[0], NodeJS.ProcessEnv, RegExp]> = [
      ['plain npm start', {}, {}, /^sign-in is not configured: set SAMLOGG_OIDC_ISSUER, SAMLOGG_OIDC_AUDIENCE and SAMLOGG_OIDC_JWKS_URL .*--dev-sign-in .*SAMLOGG_DEV_SIGN_IN=1/],
      ['NODE_ENV=test', {}, { NODE_ENV: 'test' }, /^sign-in is not configured/],
      ['NODE_ENV=production', {}, { NODE_ENV: 'production' }, /must be set in production/],
      ['NODE_ENV=Production', {}, { NODE_ENV: 'Production' }, /must be set in production/],
      ['NODE_ENV=prod', {}, { NODE_ENV: 'prod' }, /must be set in production \(NODE_ENV is not development, test or production, so it counts as production\)/],
      ['NODE_ENV=Production --dev-sign-in', { devSignIn: true }, { NODE_ENV: 'Production' }, /is refused there/],
      ['NODE_ENV=prod SAMLOGG_DEV_SIGN_IN=1', {}, { NODE_ENV: 'prod', SAMLOGG_DEV_SIGN_IN: '1' }, /is refused there/],
      ['NODE_ENV=production --demo', { demo: true }, { NODE_ENV: 'production' }, /is refused there/],
      ['OIDC and --dev-sign-in', { devSignIn: true }, OIDC, /refused where OIDC is configured/],
      ['half the OIDC settings', {}, { SAMLOGG_OIDC_ISSUER: 'https://login.example.se' }, /SAMLOGG_OIDC_AUDIENCE, SAMLOGG_OIDC_JWKS_URL: must be set/],
      ['SAMLOGG_DEV_SIGN_IN=yes please', {}, { SAMLOGG_DEV_SIGN_IN: 'yes please' }, /SAMLOGG_DEV_SIGN_IN: must be 1/],
      ['a port that is not one', { port: '4000x', devSignIn: true }, {}, /--port \/ PORT/],
      ['a host that is not one', { host: 'a b', devSignIn: true }, {}, /--host \/ HOST/],
    ];
    for (const [what, flags, env, message] of refused) {
      const decision = startSettings(flags, env);
      expect(decision.ok, what).to.equal(false);
      if (!decision.ok) expect(decision.message, what).to.match(message);
    }
    const allowed: Array<[string, Parameters<typeof startSettings>[0], NodeJS.ProcessEnv, string]> = [
      ['npm start -- --demo', { demo: true }, {}, 'development'],
      ['--dev-sign-in', { devSignIn: true }, {}, 'development'],
      ['SAMLOGG_DEV_SIGN_IN=1', {}, { SAMLOGG_DEV_SIGN_IN: '1' }, 'development'],
      ['NODE_ENV=development', {}, { NODE_ENV: 'development' }, 'development'],
      ['NODE_ENV=test --dev-sign-in', { devSignIn: true }, { NODE_ENV: 'test' }, 'development'],
      ['OIDC', {}, { ...OIDC, NODE_ENV: 'production' }, 'oidc'],
      ['OIDC wins over the demo', { demo: true }, OIDC, 'oidc'],
      ['OIDC wins over NODE_ENV=development', {}, { ...OIDC, NODE_ENV: 'development' }, 'oidc'],
    ];
    for (const [what, flags, env, mode] of allowed) {
      const decision = startSettings(flags, env);
      expect(decision.ok, what).to.equal(true);
      if (decision.ok) expect(decision.settings.signIn, what).to.equal(mode);
    }
  });

  it('listens on 127.0.0.1 unless HOST or --host says otherwise, --host first', () => {
    const host = (flags: Parameters<typeof startSettings>[0], env: NodeJS.ProcessEnv) => {
      const decision = startSettings({ devSignIn: true, ...flags }, env);
      return decision.ok ? decision.settings.host : decision.message;
    };
    expect(host({}, {})).to.equal('127.0.0.1');
    expect(host({}, { HOST: '' })).to.equal('127.0.0.1');
    expect(host({}, { HOST: '0.0.0.0' })).to.equal('0.0.0.0');
    expect(host({ host: '::1' }, { HOST: '0.0.0.0' })).to.equal('::1');
    expect(host({ host: 'localhost' }, {})).to.equal('localhost');
  });

  it('has the container images say HOST=0.0.0.0 out loud, since the default is this machine only', () => {
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).to.match(/^ENV HOST=0\.0\.0\.0$/m);
    expect(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).to.match(/^ {4}HOST: 0\.0\.0\.0$/m);
  });

  it('reads SAMLOGG_TRUST_PROXY as Express’s trust proxy, off unless set, refusing what it cannot read', () => {
    expect(trustProxyOf(undefined)).to.deep.equal({ ok: true, trust: false });
    expect(trustProxyOf('false')).to.deep.equal({ ok: true, trust: false });
    expect(trustProxyOf('0')).to.deep.equal({ ok: true, trust: false });
    expect(trustProxyOf('true')).to.deep.equal({ ok: true, trust: true });
    expect(trustProxyOf('2')).to.deep.equal({ ok: true, trust: 2 });
    expect(trustProxyOf('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7')).to.deep.equal({ ok: true, trust: ['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7'] });
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example', '1,2', '-1', '10.0.0.0/8,']) {
      const read = trustProxyOf(bad);
      expect(read.ok, bad).to.equal(false);
      if (!read.ok) expect(read.message, bad).to.match(/^SAMLOGG_TRUST_PROXY: must be/);
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** An address of this machine other than loopback, to see whether the server answers there. */
function outsideAddress(): string | undefined {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return undefined;
}

interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  stderr(): string;
}

/** `npm start` as a user runs it: src/server/main.ts in its own process, with only the environment given here. */
function startMain(args: readonly string[], env: Record<string, string>): Started {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && name !== 'HOST' && !name.startsWith('SAMLOGG_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'warn', SAMLOGG_REPORT_KEY: join(tmpdir(), `samlogg-test-report-key-${process.pid}.json`), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, exited, stderr: () => stderr };
}

async function waitUntilUp(url: string, started: Started, deadlineMs = 90_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (Date.now() < until) {
    if (exited) throw new Error(`the server exited: ${started.stderr()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not come up: ${started.stderr()}`);
}

/** How the process ended, or a refusal that never came: still running after `ms` (then it is stopped). */
async function exitWithin(started: Started, ms: number): Promise<{ code: number | null | 'still running'; stderr: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([started.exited, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return outcome;
  started.child.kill('SIGTERM');
  await started.exited;
  return { code: 'still running', stderr: started.stderr() };
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    return true;
  } catch {
    return false;
  }
}

async function devToken(url: string): Promise<number> {
  const response = await fetch(`${url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'auditor', org: 'BG' }) });
  return response.status;
}

describe('Server start: the real src/server/main.ts', function () {
  this.timeout(180_000);
  let temp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    temp = tempDir();
    env = { SAMLOGG_STORE: `sqlite:${join(temp.dir, 'data', 'samlogg.db')}`, SAMLOGG_DEV_KEY: join(temp.dir, 'data', 'dev-signing-key.json') };
  });
  afterEach(() => temp.remove());

  it('refuses to start without sign-in configured (NODE_ENV unset, prod, Production), saying how, touching no file', async () => {
    // The four starts are independent (none may create a file, none listens), so they run at once:
    // each child spends most of its start loading modules, and one after the other that took 4 × 2–4 s.
    const nodeEnvs = [undefined, 'prod', 'Production'] as const;
    const refusing = nodeEnvs.map(async (nodeEnv) => exitWithin(startMain([], { ...env, PORT: String(await freePort()), ...(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv }) }), 60_000));
    const optedInProduction = (async () => {
      const started = startMain(['--dev-sign-in'], { ...env, NODE_ENV: 'Production', PORT: String(await freePort()) });
      return { code: (await exitWithin(started, 60_000)).code, stderr: started.stderr() };
    })();
    const refused = await Promise.all(refusing);
    for (const [index, nodeEnv] of nodeEnvs.entries()) {
      const { code, stderr } = refused[index] as Awaited<(typeof refusing)[number]>;
      expect(code, `${nodeEnv}: ${stderr}`).to.equal(2);
      expect(stderr, String(nodeEnv)).to.match(/SAMLOGG_OIDC_ISSUER, SAMLOGG_OIDC_AUDIENCE/);
      if (nodeEnv === undefined) expect(stderr).to.match(/--dev-sign-in/);
      expect(existsSync(join(temp.dir, 'data')), String(nodeEnv)).to.equal(false);
    }
    const optedIn = await optedInProduction;
    expect(optedIn.code).to.equal(2);
    expect(optedIn.stderr).to.match(/is refused there/);
  });

  it('with --dev-sign-in hands out tokens, on 127.0.0.1 only; HOST=0.0.0.0 opens it to the network', async () => {
    // The two servers start at once, each on a log and keys of its own.
    const outside = outsideAddress();
    const port = await freePort();
    const started = startMain(['--dev-sign-in'], { ...env, PORT: String(port) });
    const openPort = outside ? await freePort() : undefined;
    const openDir = join(temp.dir, 'open');
    const open = openPort === undefined ? undefined : startMain([], { SAMLOGG_STORE: `sqlite:${join(openDir, 'samlogg.db')}`, SAMLOGG_DEV_KEY: join(openDir, 'dev-signing-key.json'), SAMLOGG_REPORT_KEY: join(openDir, 'report-signing-key.json'), SAMLOGG_DEV_SIGN_IN: '1', HOST: '0.0.0.0', PORT: String(openPort) });
    try {
      try {
        await waitUntilUp(`http://127.0.0.1:${port}`, started);
        expect(await devToken(`http://127.0.0.1:${port}`)).to.equal(200);
        if (outside) expect(await reachable(`http://${outside}:${port}`), `${outside}:${port}`).to.equal(false);
      } finally {
        started.child.kill('SIGTERM');
        await started.exited;
      }
      if (!outside || !open) return;
      await waitUntilUp(`http://127.0.0.1:${openPort}`, open);
      expect(await reachable(`http://${outside}:${openPort}`)).to.equal(true);
    } finally {
      open?.child.kill('SIGTERM');
      await open?.exited;
    }
  });

  it('keeps README’s first command working: npm start -- --demo signs the explorer in and serves the demo figures', async () => {
    const port = await freePort();
    const started = startMain(['--demo'], { ...env, PORT: String(port) });
    try {
      await waitUntilUp(`http://127.0.0.1:${port}`, started, 150_000);
      const issued = await fetch(`http://127.0.0.1:${port}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'beredningsgrupp', org: 'BEREDNINGSGRUPPEN' }) });
      expect(issued.status).to.equal(200);
      const { token } = (await issued.json()) as { token: string };
      const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ steeringFigures(from: "2021-04-01", to: "2022-08-31") { jointPasses } }' }),
      });
      expect(await answer.json()).to.deep.equal({ data: { steeringFigures: { jointPasses: 201 } } });
      expect((await fetch(`http://127.0.0.1:${port}/explorer/`)).status).to.equal(200);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
    }
  });
});
