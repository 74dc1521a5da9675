import { Command } from 'commander';
import { agreementRegister, connectedOn } from '../../projections/agreements.js';
import { COST_SHARE_BASES, countyBase, costShare, type CostShare, type CostShareBase } from '../domain/cost-share.js';
import { describeError } from '../domain/errors.js';
import { isLocalDate, stockholmDate } from '../domain/time.js';
import { openProjectionEngine } from '../projections/engine.js';
import { PROJECTIONS } from '../projections/registry.js';
import { withStore, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

interface CostShareOptions {
  total: string;
  populationYear: string;
  base: string;
  on?: string;
  json?: boolean;
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag}: must be a whole number, zero or more`);
  return Number(value);
}

function table(share: CostShare): string {
  const width = Math.max(...share.rows.map((r) => r.kommun.name.length)) + 2;
  const kr = (n: number) => n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
  return [
    `Kostnadsfördelning efter folkmängd / cost share by population: ${kr(share.totalSek)} kr`,
    `Folkmängd / population 31 dec ${share.populationYear}; bas / base ${share.base === 'COUNTY' ? 'hela länet / the whole county' : `anslutna kommuner / connected kommuner ${share.on}`} (${kr(share.population)} invånare / inhabitants)`,
    '',
    ...share.rows.map((r) => `${r.kommun.code} ${r.kommun.name.padEnd(width)}${kr(r.population).padStart(10)}${kr(r.amountSek).padStart(14)} kr`),
    `${'Summa / total'.padEnd(width + 5)}${kr(share.population).padStart(10)}${kr(share.rows.reduce((n, r) => n + r.amountSek, 0)).padStart(14)} kr`,
  ].join('\n');
}

export function costShareCommand(io: CliIo): Command {
  return new Command('cost-share')
    .description('fördela en kostnad efter folkmängd, i hela kronor som summerar exakt / share a cost by population in whole kronor that sum exactly')
    .requiredOption('--total <sek>', 'the cost in whole kronor, e.g. 4000000')
    .requiredOption('--population-year <year>', 'the year of the SCB population (31 December), e.g. 2018')
    .option('--base <base>', 'county (all of Stockholms län) or connected (the kommuner connected on --on)', 'county')
    .option('--on <date>', 'for --base connected: the date whose agreements count, YYYY-MM-DD (default today)')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: CostShareOptions, command: Command) => {
      const total = wholeNumber('--total', options.total);
      const year = wholeNumber('--population-year', options.populationYear);
      const base = options.base.toUpperCase() as CostShareBase;
      if (!COST_SHARE_BASES.includes(base)) throw new UsageError(`--base: must be ${COST_SHARE_BASES.map((b) => b.toLowerCase()).join(' or ')}`);
      if (options.on !== undefined && !isLocalDate(options.on)) throw new UsageError('--on: must be a real date written YYYY-MM-DD');
      if (options.on !== undefined && base === 'COUNTY') throw new UsageError('--on: is used only with --base connected');
      let on: string | undefined;
      let kommuner = countyBase();
      if (base === 'CONNECTED') {
        on = options.on ?? stockholmDate(io.now());
        const date = on;
        kommuner = await withStore(io, command.optsWithGlobals<GlobalOptions>(), async (opened) => {
          const engine = await openProjectionEngine(opened.store, opened.projectionStates, PROJECTIONS);
          try {
            await engine.catchUp();
            return connectedOn(engine.state(agreementRegister), date);
          } finally {
            await engine.close();
          }
        });
      }
      const result = costShare(total, year, base, kommuner, on);
      if (!result.ok) {
        const flag = { totalSek: '--total', populationYear: '--population-year', base: '--base' }[result.error.field] ?? result.error.field;
        throw new UsageError(describeError({ ...result.error, field: flag }));
      }
      io.stdout.write(`${table(result.share)}\n`);
      if (options.json) io.stdout.write(`${JSON.stringify(result.share)}\n`);
    });
}
