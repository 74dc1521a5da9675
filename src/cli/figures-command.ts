import { Command } from 'commander';
import { steeringFigures } from '../../projections/steering-figures.js';
import { describeError } from '../domain/errors.js';
import { resolvePeriod } from '../domain/period.js';
import { parseInstant } from '../domain/time.js';
import { withStore, type GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { figuresTable } from './figures-table.js';
import { passRegisterFor } from './read-model.js';
import type { CliIo } from './io.js';

interface FiguresOptions {
  from?: string;
  to?: string;
  tertial?: string;
  asOf?: string;
  json?: boolean;
}

export function figuresCommand(io: CliIo): Command {
  return new Command('figures')
    .description('styrgruppens nyckeltal för en period av passdatum / the steering figures for a period of pass dates')
    .option('--from <date>', 'first pass date, YYYY-MM-DD (default 2021-04-01, the agreement with the police)')
    .option('--to <date>', 'last pass date, YYYY-MM-DD (default today in Stockholm)')
    .option('--tertial <tertial>', 'a tertial instead of dates, e.g. 2022-T2 (T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec)')
    .option('--as-of <instant>', 'count only events recorded at or before this ISO-8601 instant (no offset = Stockholm time)')
    .option('--json', 'print one JSON object as the last line')
    .action(async (options: FiguresOptions, command: Command) => {
      const now = io.now();
      const resolved = resolvePeriod(options, now);
      if (!resolved.ok) throw new UsageError(describeError({ ...resolved.error, field: `--${resolved.error.field}` }));
      let asOf: Date | undefined;
      if (options.asOf !== undefined) {
        asOf = parseInstant(options.asOf);
        if (!asOf) throw new UsageError('--as-of: must be an ISO-8601 instant, e.g. 2022-09-15T12:00:00+02:00');
      }
      const globals = command.optsWithGlobals<GlobalOptions>();
      const register = await withStore(io, globals, (opened) => passRegisterFor(io, opened, asOf));
      const figures = steeringFigures(register, resolved.period);
      const asOfText = asOf?.toISOString();
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ ...figures, tertial: resolved.period.tertial ?? null, asOf: asOfText ?? null })}\n`);
      } else {
        io.stdout.write(`${figuresTable(figures, { ...(resolved.period.tertial ? { tertial: resolved.period.tertial } : {}), ...(asOfText ? { asOf: asOfText } : {}) })}\n`);
      }
    });
}
