import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recordCommands } from '../../src/application/record-commands.js';
import { DEMO_FIGURES } from '../../src/demo/demo-log.js';
import { passWithEncounters } from '../support/commands.js';
import { recordDemo } from '../support/demo.js';
import { startServer, type RunningServer } from '../support/server.js';

const FIGURES = 'jointPasses exposed exposedUnder18 suspectedBuyers suspectedBuyersUnder18 offeredSupport';
const ZERO = { jointPasses: 0, exposed: 0, exposedUnder18: 0, suspectedBuyers: 0, suspectedBuyersUnder18: 0, offeredSupport: 0 };
const demoContext = () => ({ actor: { userId: 'demo', org: 'DEMO', role: 'demo' }, correlationId: 'demo', now: new Date(), synthetic: true });

describe('GraphQL server (real HTTP on a free port)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  let beforeDemo: string;

  before(async () => {
    server = await startServer(async (store) => {
      beforeDemo = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      await recordDemo(store);
    });
  });
  after(async () => server.stop());

  it('answers /healthz, and /readyz once the projections have caught up with the log', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).to.equal(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).to.equal(200);
    const body = (await ready.json()) as { position: number; head: number };
    expect(body.position).to.equal(body.head);
    expect(body.head).to.equal(await server.store.headPosition());
  });

  it('gives the steering figures of the demo log for the report period', async () => {
    const { status, body } = await server.graphql(`{ steeringFigures(from: "2021-04-01", to: "2022-08-31") { from to tertial asOf ${FIGURES} } }`);
    expect(status).to.equal(200);
    expect(body.data?.steeringFigures).to.deep.equal({ from: '2021-04-01', to: '2022-08-31', tertial: null, asOf: null, ...DEMO_FIGURES });
  });

  it('takes a tertial, and as of an instant counts only what was recorded by then', async () => {
    const t2 = await server.graphql(`{ steeringFigures(tertial: "2022-T2") { from to tertial } }`);
    expect(t2.body.data?.steeringFigures).to.deep.equal({ from: '2022-05-01', to: '2022-08-31', tertial: '2022-T2' });
    const then = await server.graphql(`query ($asOf: DateTime) { steeringFigures(to: "2022-08-31", asOf: $asOf) { asOf ${FIGURES} } }`, { asOf: beforeDemo });
    expect(then.body.data?.steeringFigures).to.deep.equal({ asOf: beforeDemo, ...ZERO });
  });

  it('summarises a tertial for the styrgrupp: cumulative 201/364/18/306/3, with previous, last year and changes', async () => {
    const { body } = await server.graphql(`{ tertialSummary(tertial: "2022-T2") {
      tertial
      current { tertial from to ${FIGURES} }
      previous { tertial from to ${FIGURES} }
      sameTertialLastYear { tertial from to ${FIGURES} }
      cumulative { from to ${FIGURES} }
      changeFromPrevious { ${FIGURES} }
      changeFromSameTertialLastYear { ${FIGURES} }
    } }`);
    const summary = body.data?.tertialSummary as Record<string, Record<string, number | string>>;
    expect(summary.tertial).to.equal('2022-T2');
    expect(summary.cumulative).to.deep.equal({ from: '2021-04-01', to: '2022-08-31', ...DEMO_FIGURES });
    expect(summary.previous).to.deep.include({ tertial: '2022-T1', from: '2022-01-01', to: '2022-04-30' });
    expect(summary.sameTertialLastYear).to.deep.include({ tertial: '2021-T2', from: '2021-05-01', to: '2021-08-31' });
    for (const key of Object.keys(DEMO_FIGURES)) {
      const current = summary.current as Record<string, number>;
      expect(summary.changeFromPrevious?.[key], key).to.equal((current[key] as number) - ((summary.previous as Record<string, number>)[key] as number));
      expect(summary.changeFromSameTertialLastYear?.[key], key).to.equal((current[key] as number) - ((summary.sameTertialLastYear as Record<string, number>)[key] as number));
    }
  });

  it('refuses bad input as BAD_USER_INPUT naming the field and the rule, never echoing the value', async () => {
    const cases: Array<[string, string]> = [
      ['{ steeringFigures(tertial: "2022-T7") { jointPasses } }', 'tertial'],
      ['{ steeringFigures(tertial: "2022-T2", from: "2022-01-01") { jointPasses } }', 'tertial'],
      ['{ steeringFigures(from: "2022-09-01", to: "2022-08-31") { jointPasses } }', 'to'],
      ['{ tertialSummary(tertial: "last") { tertial } }', 'tertial'],
    ];
    for (const [query, field] of cases) {
      const { body } = await server.graphql(query);
      expect(body.data ?? null, query).to.equal(null);
      expect(body.errors?.[0]?.extensions, query).to.deep.include({ code: 'BAD_USER_INPUT', field });
      expect(body.errors?.[0]?.extensions).not.to.have.property('stacktrace');
    }
    const badDate = await server.graphql('query ($from: Date) { steeringFigures(from: $from) { jointPasses } }', { from: '2022-02-30' });
    expect(badDate.body.errors?.[0]?.extensions?.code).to.equal('BAD_USER_INPUT');
    expect(badDate.body.errors?.[0]?.message).to.equal('from: must be a real date written YYYY-MM-DD');
    expect(badDate.body.errors?.[0]?.extensions?.field).to.equal('from');
    expect(JSON.stringify(badDate.body)).not.to.include('2022-02-30');
  });

  it('sees what is appended to the log after it started, once the projections reach its position', async () => {
    const result = await recordCommands(server.store, passWithEncounters(2, 1, { date: '2022-06-15' }), demoContext());
    if (!result.ok) throw new Error('refused');
    await server.samlogg.engine.waitFor(result.position);
    const figures = (await server.graphql(`{ steeringFigures(tertial: "2022-T2") { jointPasses exposed } }`)).body;
    const summary = (await server.graphql(`{ tertialSummary(tertial: "2022-T2") { cumulative { jointPasses } } }`)).body;
    expect(figures.data?.steeringFigures).to.deep.include({ jointPasses: 50 });
    expect((summary.data?.tertialSummary as { cumulative: { jointPasses: number } }).cumulative.jointPasses).to.equal(202);
  });
});

describe('resolver types', () => {
  it('are generated from schema.graphql and current', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/codegen.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).to.equal(0);
  });

  it('install without an EBADENGINE warning: every locked package runs on the oldest Node that engines allows', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const require = createRequire(import.meta.url);
    // semver is npm's own rule for engines (a dependency of many packages here, not of ours directly).
    const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(pkg.engines.node)?.version as string;
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node && !semver.satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing, `Node ${oldest}`).to.deep.equal([]);
  });
});
