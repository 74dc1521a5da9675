import type { Server } from 'node:http';
import { Command } from 'commander';
import { pino } from 'pino';
import { recordCommands } from '../application/record-commands.js';
import { demoCommands } from '../demo/demo-log.js';
import { DEFAULT_STORE_URL, openStore } from '../store/index.js';
import { signInFromEnv } from '../auth/token-verifier.js';
import { createApp } from './app.js';
import { clockFromEnv, type Clock } from '../application/clock.js';
import { startBanner } from './start-banner.js';

const options = new Command('samlogg-server')
  .description('Samlogg GraphQL server on the log SAMLOGG_STORE names (default sqlite:./data/samlogg.db)')
  .option('--demo', 'append the synthetic demo log first (a no-op when it is already there)')
  .option('--port <port>', 'port to listen on (env PORT, default 4000)')
  .parse(process.argv)
  .opts<{ demo?: boolean; port?: string }>();

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'samlogg' } });
const port = Number(options.port ?? process.env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('samlogg: --port / PORT: must be a whole number from 0 to 65535\n');
  process.exit(2);
}

let clock: Clock;
try {
  clock = clockFromEnv();
} catch (error) {
  process.stderr.write(`samlogg: ${(error as Error).message}\n`);
  process.exit(2);
}
const opened = openStore(process.env.SAMLOGG_STORE ?? DEFAULT_STORE_URL, {
  onRetry: (attempt, delayMs, error) => log.warn({ attempt, delayMs, err: error }, 'store unavailable: retrying'),
  now: clock,
});
if (options.demo) {
  const result = await recordCommands(opened.store, demoCommands(), {
    actor: { userId: 'demo', org: 'DEMO', role: 'demo' },
    correlationId: 'demo-2021-2022',
    now: clock(),
    synthetic: true,
  }, { dataKeys: opened.dataKeys });
  log.info({ appended: result.ok ? result.appended : 0 }, 'demo log (synthetic data)');
}
let signIn;
try {
  signIn = await signInFromEnv();
} catch (error) {
  process.stderr.write(`samlogg: ${(error as Error).message}\n`);
  process.exit(2);
}
if (signIn.devIssuer) log.warn('development sign-in: tokens from ./data/dev-signing-key.json (`npx samlogg token`); set SAMLOGG_OIDC_* for production');
const corsOrigins = (process.env.SAMLOGG_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
const samlogg = await createApp({
  store: opened.store,
  projectionStates: opened.projectionStates,
  dataKeys: opened.dataKeys,
  log,
  signIn,
  corsOrigins,
  development: process.env.NODE_ENV === 'development',
  production: process.env.NODE_ENV === 'production',
  clock,
});
const server: Server = await samlogg.listen(port);
const address = server.address();
const actual = typeof address === 'object' && address ? address.port : port;
log.info({ port: actual, store: opened.description }, `samlogg listening: API explorer http://localhost:${actual}/explorer/, GraphQL http://localhost:${actual}/graphql`);
process.stderr.write(startBanner({ origin: `http://localhost:${actual}`, store: opened.description, devSignIn: Boolean(signIn.devIssuer), production: process.env.NODE_ENV === 'production', demo: Boolean(options.demo) }));

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
