import type { Server } from 'node:http';
import { Command } from 'commander';
import { pino } from 'pino';
import { startSettings, type StartFlags } from '../api/start-settings.js';
import { clockFromEnv, type Clock } from '../application/clock.js';
// Loaded by start-settings.ts already (it reads the OIDC settings).
import { signInFromEnv } from '../auth/token-verifier.js';

const options = new Command('samlogg-server')
  .description('Samlogg GraphQL server on the log SAMLOGG_STORE names (default sqlite:./data/samlogg.db)')
  .option('--demo', 'append the synthetic demo log first (a no-op when it is already there); implies --dev-sign-in where no OIDC is configured')
  .option('--dev-sign-in', 'development sign-in: tokens from a local key for anyone who asks (env SAMLOGG_DEV_SIGN_IN=1); never in production')
  .option('--port <port>', 'port to listen on (env PORT, default 4000)')
  .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1: this machine only)')
  .parse(process.argv)
  .opts<StartFlags>();

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'samlogg' } });
// Decided before the log is touched: a start that is refused leaves no file behind.
const decided = startSettings(options, process.env);
if (!decided.ok) {
  process.stderr.write(`samlogg: ${decided.message}\n`);
  process.exit(2);
}
const settings = decided.settings;

let clock: Clock;
try {
  clock = clockFromEnv();
} catch (error) {
  process.stderr.write(`samlogg: ${(error as Error).message}\n`);
  process.exit(2);
}
// The store, the app and their libraries are some 550 modules: loaded only once the start is allowed,
// so a refused start answers in a fraction of the time.
const [{ recordCommands }, { demoCommands }, { DEFAULT_STORE_URL, openStore }, { createApp }, { loadOrCreateReportKey }, { startBanner }] = await Promise.all([
  import('../application/record-commands.js'),
  import('../demo/demo-log.js'),
  import('../store/index.js'),
  import('./app.js'),
  import('../application/report-key.js'),
  import('../api/start-banner.js'),
]);
let signIn;
try {
  signIn = await signInFromEnv(settings.signIn);
} catch (error) {
  process.stderr.write(`samlogg: ${(error as Error).message}\n`);
  process.exit(2);
}
const opened = await openStore(process.env.SAMLOGG_STORE ?? DEFAULT_STORE_URL, {
  onRetry: (attempt, delayMs, error) => log.warn({ attempt, delayMs, err: error }, 'store unavailable: retrying'),
  now: clock,
  create: true,
});
if (settings.demo) {
  const result = await recordCommands(opened.store, demoCommands(), {
    actor: { userId: 'demo', org: 'DEMO', role: 'demo' },
    correlationId: 'demo-2021-2022',
    now: clock(),
    synthetic: true,
  }, { dataKeys: opened.dataKeys });
  log.info({ appended: result.ok ? result.appended : 0 }, 'demo log (synthetic data)');
}
if (signIn.devIssuer) log.warn('development sign-in is on: anyone who reaches this server may ask /auth/dev-token for a token (`npx samlogg token --dev-sign-in` prints one); set SAMLOGG_OIDC_* for real sign-in');
const corsOrigins = (process.env.SAMLOGG_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
const samlogg = await createApp({
  store: opened.store,
  projectionStates: opened.projectionStates,
  dataKeys: opened.dataKeys,
  log,
  signIn,
  corsOrigins,
  development: settings.environment === 'development',
  production: settings.environment === 'production',
  trustProxy: settings.trustProxy,
  clock,
  reportKey: await loadOrCreateReportKey(),
});
const server: Server = await samlogg.listen(settings.port, settings.host);
const address = server.address();
const actual = typeof address === 'object' && address ? address.port : settings.port;
log.info({ host: settings.host, port: actual, store: opened.description }, `samlogg listening: API explorer http://localhost:${actual}/explorer/, GraphQL http://localhost:${actual}/graphql`);
process.stderr.write(startBanner({ origin: `http://localhost:${actual}`, store: opened.description, devSignIn: Boolean(signIn.devIssuer), production: settings.environment === 'production', demo: Boolean(options.demo) }));

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, 'shutting down');
  server.close();
  await samlogg.close();
  await opened.store.close();
  opened.dataKeys.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
