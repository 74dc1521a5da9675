/**
 * The bench's HTTP client: one GraphQL request that must succeed, and autocannon repeating one body,
 * in a child process so the load generator has its own event loop.
 */
import { readFileSync } from 'node:fs';
import { autocannonInChild } from './bench-uncached.js';

export const FIGURES_QUERY =
  '{ steeringFigures(from: "2021-04-01", to: "2026-12-31") { jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport } }';
export const STATISTICS_QUERY =
  '{ statistics(filter: { tertial: "2022-T2" }, groupBy: [UNIT, AGE_BAND]) { rows { key { dimension value } passes encounters } total { passes encounters } } }';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

/** One POST; refuses (throws) anything but HTTP 200 with data and no `errors`. Answers the data and the round trip. */
/**
 * A process's first fetches load and compile the HTTP client (undici), and its first POST with a body
 * its body and JSON paths: 30–60 ms of the bench's own work on the thread a server shares with it,
 * done before the loop is watched. Both go to /healthz, so the server's GraphQL path stays as its
 * start left it.
 */
export async function warmUpBenchClient(graphqlUrl: string, authorization: string): Promise<void> {
  const healthz = graphqlUrl.replace('/graphql', '/healthz');
  await (await fetch(healthz)).text();
  await (await fetch(healthz, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: '{"query":"{ __typename }"}' })).text();
}

export async function graphqlOnce(url: string, authorization: string, body: string, name: string): Promise<{ data: Record<string, unknown>; ms: number }> {
  const t = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
  const text = await response.text();
  const ms = performance.now() - t;
  let parsed: GraphQLResponse;
  try {
    parsed = JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new Error(`${name}: HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
  }
  if (response.status !== 200 || parsed.errors || !parsed.data) {
    throw new Error(`${name}: HTTP ${response.status}, the query failed — nothing to measure: ${text.slice(0, 1000)}`);
  }
  return { data: parsed.data, ms };
}

/** The fields of autocannon's result this bench reads (latencies in ms, as autocannon records them: whole ms). */
export interface LoadResult {
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
  readonly latency: { readonly average: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly requests: { readonly average: number; readonly total: number; readonly sent: number };
}

/**
 * autocannon's programmatic API, run in a child Node process so the load generator has its own event
 * loop (it still shares the machine's cores with the server). The child prints autocannon's result as JSON.
 */
const LOAD_CHILD = `
const { default: autocannon } = await import(process.env.SAMLOGG_BENCH_AUTOCANNON);
const result = await autocannon(JSON.parse(process.env.SAMLOGG_BENCH_LOAD));
process.stdout.write(JSON.stringify(result));
`;

export function runLoad(url: string, authorization: string, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const options = { url, method: 'POST', headers: { 'content-type': 'application/json', authorization }, body, connections, duration: seconds, pipelining: 1 };
  return autocannonInChild<LoadResult>(LOAD_CHILD, options);
}

export function readAutocannonVersion(): string {
  try {
    const path = new URL('package.json', import.meta.resolve('autocannon'));
    return `v${(JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version}`;
  } catch {
    return '(version unknown)';
  }
}
