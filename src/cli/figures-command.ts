import { Command } from 'commander';
import { steeringFigureMembers, type SteeringFigureName } from '../../queries/figure-members.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { FIGURE_FIELDS } from '../../queries/tertial-summary.js';
import { explainPage } from '../application/explain-figure.js';
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
  explain?: string;
  includeExcluded?: boolean;
}

export function figuresCommand(io: CliIo): Command {
  return new Command('figures')
    .description('styrgruppens nyckeltal för en period av passdatum / the steering figures for a period of pass dates')
    .option('--from <date>', 'first pass date, YYYY-MM-DD (default 2021-04-01, the agreement with the police)')
    .option('--to <date>', 'last pass date, YYYY-MM-DD (default today in Stockholm)')
    .option('--tertial <tertial>', 'a tertial instead of dates, e.g. 2022-T2 (T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec)')
    .option('--as-of <instant>', 'count only events recorded at or before this ISO-8601 instant (no offset = Stockholm time)')
    .option('--json', 'print one JSON object as the last line')
    .option('--explain <figure>', `list what one figure counts, with the positions of its events (${FIGURE_FIELDS.join(', ')})`)
    .option('--include-excluded', 'with --explain: also list what the period holds that the figure does not count, and why')
    .action(async (options: FiguresOptions, command: Command) => {
      const now = io.now();
      const resolved = resolvePeriod(options, now);
      if (!resolved.ok) throw new UsageError(describeError({ ...resolved.error, field: `--${resolved.error.field}` }));
      let asOf: Date | undefined;
      if (options.asOf !== undefined) {
        asOf = parseInstant(options.asOf);
        if (!asOf) throw new UsageError('--as-of: must be an ISO-8601 instant, e.g. 2022-09-15T12:00:00+02:00');
      }
      if (options.explain !== undefined && !(FIGURE_FIELDS as readonly string[]).includes(options.explain)) {
        throw new UsageError(`--explain: must be one of ${FIGURE_FIELDS.join(', ')}`);
      }
      if (options.includeExcluded && options.explain === undefined) throw new UsageError('--include-excluded: is used only with --explain');
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { register, explanation } = await withStore(io, globals, async (opened) => {
        const register = await passRegisterFor(io, opened, asOf);
        if (options.explain === undefined) return { register, explanation: undefined };
        const members = steeringFigureMembers(register, options.explain as SteeringFigureName, resolved.period, { includeExcluded: options.includeExcluded ?? false });
        const page = await explainPage(opened.store, register, members, { first: members.length, asOf: asOf ?? null }, { unbounded: true });
        if ('code' in page) throw new UsageError(describeError(page));
        return { register, explanation: page };
      });
      const figures = steeringFigures(register, resolved.period);
      const asOfText = asOf?.toISOString();
      if (explanation) {
        const figure = options.explain as SteeringFigureName;
        const listed = figure === 'jointPasses' ? 'passes' : 'encounters';
        if (!options.json) {
          io.stdout.write(`${figure}: ${explanation.count} (${resolved.period.from} – ${resolved.period.to}${asOfText ? `, as of ${asOfText}` : ''})\n`);
          for (const m of explanation.members) {
            io.stdout.write(`${m.counted ? '+' : '-'} ${m.passId}${m.encounterId ? ` ${m.encounterId}` : ''}${m.reason ? ` ${m.reason}` : ''} @ ${m.events.map((e) => `${e.position} ${e.type}`).join(', ')}\n`);
          }
        }
        io.stdout.write(`${JSON.stringify({ figure, count: explanation.count, from: resolved.period.from, to: resolved.period.to, tertial: resolved.period.tertial ?? null, asOf: asOfText ?? null, [listed]: explanation.members })}\n`);
        return;
      }
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ ...figures, tertial: resolved.period.tertial ?? null, asOf: asOfText ?? null })}\n`);
      } else {
        io.stdout.write(`${figuresTable(figures, { ...(resolved.period.tertial ? { tertial: resolved.period.tertial } : {}), ...(asOfText ? { asOf: asOfText } : {}) })}\n`);
      }
    });
}
