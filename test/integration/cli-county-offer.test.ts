import { expect } from 'chai';
import { join } from 'node:path';
import { demoLogOnce, lastJson, runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

interface Share {
  totalSek: number;
  populationYear: number;
  base: string;
  on?: string;
  population: number;
  rows: Array<{ kommun: { code: string; name: string }; population: number; amountSek: number }>;
}

describe('samlogg cost-share and agreements on a real SQLite file', function () {
  this.timeout(120_000);
  let temp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;

  beforeEach(() => {
    temp = tempDir();
    env = { SAMLOGG_STORE: `sqlite:${join(temp.dir, 'samlogg.db')}` };
  });
  afterEach(() => temp.remove());
  // `samlogg demo` run once for the file; the tests that read the demo log's agreements start from a copy.
  const demo = demoLogOnce();
  after(() => demo.remove());

  it('shares 4,000,000 SEK over the county by the 2018 population: Österåker 76,499 SEK, summing exactly', async () => {
    const run = await runCli(['cost-share', '--total', '4000000', '--population-year', '2018', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/0117 Österåker\s+44 831\s+76 499 kr/);
    const share = lastJson<Share>(run.stdout);
    expect(share).to.deep.include({ totalSek: 4_000_000, populationYear: 2018, base: 'COUNTY', population: 2_344_124 });
    expect(share.rows.reduce((n, r) => n + r.amountSek, 0)).to.equal(4_000_000);
  });

  it('shares among the kommuner connected on a date, from the log', async () => {
    expect((await demo.copyInto(temp.dir)).code).to.equal(0);
    const run = await runCli(['cost-share', '--total', '4000000', '--population-year', '2019', '--base', 'connected', '--on', '2022-09-30', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const share = lastJson<Share>(run.stdout);
    expect(share).to.deep.include({ base: 'CONNECTED', on: '2022-09-30' });
    expect(share.rows).to.have.lengthOf(15);
    expect(share.rows.map((r) => r.kommun.code)).to.not.include('0117');
    expect(share.rows.reduce((n, r) => n + r.amountSek, 0)).to.equal(4_000_000);
  });

  it('samlogg agreements lists the 15 connected kommuner on 2022-09-30, quotes "19 of 25 (May 2024)" and counts the work list', async () => {
    expect((await demo.copyInto(temp.dir)).code).to.equal(0);
    const run = await runCli(['agreements', '--on', '2022-09-30', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const result = lastJson<{ connected: string[]; notConnected: string[]; unknown: string[]; pendingNotifications: number }>(run.stdout);
    expect([result.connected.length, result.notConnected.length, result.unknown]).to.deep.equal([15, 10, ['0162']]);
    expect(result.pendingNotifications).to.equal(0);
    expect(run.stdout).to.include('19 of 25 (May 2024)');
    const bad = await runCli(['agreements', '--on', 'igår'], env);
    expect([bad.code, bad.stderr.includes('--on: must be a real date')]).to.deep.equal([2, true]);
  });

  it('answers bad input with exit code 2, the flag and the rule, and no stack trace', async () => {
    for (const [args, pattern] of [
      [['--total', '-5', '--population-year', '2018'], /--total: must be a whole number/],
      [['--total', '100', '--population-year', '2017'], /--population-year: must be a year with population figures/],
      [['--total', '100', '--population-year', '2018', '--base', 'region'], /--base: must be county or connected/],
      [['--total', '100', '--population-year', '2018', '--base', 'connected', '--on', '2022-02-30'], /--on: must be a real date/],
    ] as const) {
      const run = await runCli(['cost-share', ...args], env);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr).to.match(pattern);
      expect(run.stderr).to.not.match(/\n\s+at /);
    }
  });
});
