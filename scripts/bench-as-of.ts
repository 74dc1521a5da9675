/**
 * Phase 7 of `npm run bench`: the as-of report the first time it is asked after a restart. A server is
 * started in a process of its own (not the one that generated the log and has it in its heap) on the
 * bench's log, with the projection states and as-of snapshots an earlier server left beside it, and is
 * asked `tertialReport(asOf:)` once at once (the cold, honest figure), then for another instant (warm)
 * and once with PUBLIC disclosure (the disclosure plan, then and now). The longest event-loop block in
 * that process is measured from the moment it listens.
 */
import { jsonFromChild } from './bench-child.js';
import { warmUpBenchClient } from './bench-http.js';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LoopWatch, type Stall } from './bench-loop-watch.js';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from '../src/server/app.js';
import { loadOrCreateDevSigningKey } from '../src/auth/dev-signing-key.js';
import { devTokenIssuer, devVerifier } from '../src/auth/token-verifier.js';
import { openDataKeys } from '../src/store/data-keys.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

interface AsOfRestartOptions {
  readonly storePath: string;
  readonly signingKeyPath: string;
  readonly dataKeysPath: string;
  /** The instant asked about (an event's recordedAt). */
  readonly asOf: string;
  readonly tertial: string;
}

interface AsOfRestartResult {
  /** From opening the store to listening: loading the saved projection states. */
  readonly startMs: number;
  readonly coldMs: number;
  readonly warmMs: number;
  readonly publicMs: number;
  readonly maxEventLoopBlockMs: number;
  readonly stall: { longest: Stall; busiest: Stall };
  readonly jointPasses: number;
}

const ENV = 'SAMLOGG_BENCH_AS_OF';

/** Runs the phase in a child process and answers what it measured. */
export function asOfAfterRestart(options: AsOfRestartOptions): Promise<AsOfRestartResult> {
  return jsonFromChild('the as-of server', ['--import', 'tsx', fileURLToPath(import.meta.url)], { [ENV]: JSON.stringify(options) });
}

async function reportOnce(url: string, authorization: string, asOf: string, tertial: string, disclosure: string): Promise<{ ms: number; jointPasses: number }> {
  const query = `{ tertialReport(tertial: "${tertial}", asOf: "${asOf}", disclosure: ${disclosure}) { summary { current { jointPasses } } changedSince { measure then now } } }`;
  const t = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  const text = await response.text();
  const ms = performance.now() - t;
  const parsed = JSON.parse(text) as { data?: { tertialReport?: { summary: { current: { jointPasses: number | null } } } }; errors?: unknown };
  if (response.status !== 200 || parsed.errors || !parsed.data?.tertialReport) throw new Error(`tertialReport: HTTP ${response.status}: ${text.slice(0, 1000)}`);
  return { ms, jointPasses: parsed.data.tertialReport.summary.current.jointPasses ?? -1 };
}

async function child(options: AsOfRestartOptions): Promise<AsOfRestartResult> {
  const started = performance.now();
  const store = openSqliteStore(options.storePath);
  const key = await loadOrCreateDevSigningKey(options.signingKeyPath);
  const authorization = `Bearer ${await devTokenIssuer(key).issue({ role: 'beredningsgrupp', org: 'BENCH' })}`;
  const samlogg = await createApp({
    store,
    projectionStates: store.projectionStates,
    dataKeys: openDataKeys(options.dataKeysPath),
    log: pino({ level: 'silent' }),
    signIn: { verifier: devVerifier(key) },
  });
  const server = await samlogg.listen(0, '127.0.0.1');
  const startMs = performance.now() - started;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  await warmUpBenchClient(url, authorization);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const watch = new LoopWatch();
  watch.start();
  try {
    const cold = await reportOnce(url, authorization, options.asOf, options.tertial, 'INTERNAL');
    const later = (ms: number) => new Date(Date.parse(options.asOf) + ms).toISOString();
    const warm = await reportOnce(url, authorization, later(1), options.tertial, 'INTERNAL');
    const pub = await reportOnce(url, authorization, later(2), options.tertial, 'PUBLIC');
    loop.disable();
    const stall = watch.stop();
    return { startMs, coldMs: cold.ms, warmMs: warm.ms, publicMs: pub.ms, maxEventLoopBlockMs: loop.max / 1e6, stall, jointPasses: cold.jointPasses };
  } finally {
    await new Promise((resolvePromise) => {
      server.close(resolvePromise);
      server.closeAllConnections();
    });
    await samlogg.close();
    await store.close();
  }
}

if (process.env[ENV] && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await child(JSON.parse(process.env[ENV]) as AsOfRestartOptions))}\n`);
}
