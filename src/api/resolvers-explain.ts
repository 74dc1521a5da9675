import { statisticsCellMembers, steeringFigureMembers, type FigureMember, type StatisticsMeasure as MeasureName, type SteeringFigureName } from '../../queries/figure-members.js';
import { unitBits, type PassRegister } from '../../projections/pass-register-rows.js';
import { STATISTICS_MEASURES } from '../../queries/disclosure.js';
import { FIGURE_FIELDS } from '../../queries/tertial-summary.js';
import { explainPage, type PageRequest } from '../application/explain-figure.js';
import { recordRead } from '../application/read-audit.js';
import { fieldUnitOf, isPolice } from '../auth/principal.js';
import { passAccess, passStateOf } from '../application/pass-access.js';
import type { RecordedEvent } from '../store/port.js';
import { domainError } from '../domain/errors.js';
import { AGREEMENT_START, parseTertial, previousTertial, tertialRange } from '../domain/time.js';
import type { Unit } from '../domain/vocabulary.js';
import { forbidden } from './access.js';
import { byEnumName } from './enum-names.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type { QueryResolvers, SteeringFigure, StatisticsMeasure, SummaryScope } from './generated/resolvers.js';
import { agreementStatusContext } from './resolvers-county-offer.js';
import { statisticsQueryOf } from './statistics-query.js';
import { periodOf, registerAt, statisticsRegisterAt } from './query-inputs.js';

/** What a figure counts, for whoever may read the figure (src/auth/access-policy.ts), audited as pass-level data. */

const FIGURE_OF = byEnumName<SteeringFigure, SteeringFigureName>(FIGURE_FIELDS);
const MEASURE_OF = byEnumName<StatisticsMeasure, MeasureName>(STATISTICS_MEASURES);

const SUPPORT_WITHHELD = 'is social services’ work, not open to POLIS';

/** The period of one part of a tertial summary, as tertialSummary computes it. */
function scopePeriod(tertialText: string | null | undefined, scope: SummaryScope): { from: string; to: string } {
  const tertial = tertialText ? parseTertial(tertialText) : undefined;
  if (!tertial) throw toGraphQLError(domainError('BAD_USER_INPUT', 'tertial', 'must be given with scope, written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2'));
  switch (scope) {
    case 'CURRENT':
      return tertialRange(tertial);
    case 'PREVIOUS':
      return tertialRange(previousTertial(tertial));
    case 'SAME_TERTIAL_LAST_YEAR':
      return tertialRange({ year: tertial.year - 1, number: tertial.number });
    case 'CUMULATIVE':
      return { from: AGREEMENT_START, to: tertialRange(tertial).to };
  }
}

/** Field users: only the passes their own unit took part in (as every pass-level read). */
function ownRows(context: ApiContext, register: PassRegister, members: FigureMember[]): { members: FigureMember[]; restricted: boolean } {
  if (context.principal.role !== 'field') return { members, restricted: false };
  const bit = unitBits([context.principal.org as Unit]);
  const units = register.passes.cols.units;
  return { members: members.filter((m) => ((units[m.passRow] as number) & bit) !== 0), restricted: true };
}

async function answer(context: ApiContext, operation: string, register: PassRegister, all: FigureMember[], period: { from: string; to: string }, args: { asOf?: Date | null; first?: number | null; after?: string | null }) {
  const { members, restricted } = ownRows(context, register, all);
  const unit = fieldUnitOf(context.principal);
  const request: PageRequest = {
    first: args.first ?? 100,
    after: args.after ?? null,
    asOf: args.asOf ?? null,
    withoutSocialServicesFacts: isPolice(context.principal),
    ...(unit ? { mayRead: (events: readonly RecordedEvent[]) => passAccess(unit, passStateOf(events)) === undefined } : {}),
  };
  const page = await explainPage(context.store, register, members, request);
  if ('code' in page) throw toGraphQLError(page);
  await recordRead(context.store, context.principal, operation, [...new Set(page.members.map((m) => m.passId))], context.requestId, context.clock());
  const shown = page.members.map((m) => ({ ...m, events: m.events.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) })) }));
  return { ...page, members: shown, from: period.from, to: period.to, asOf: args.asOf ?? null, restricted };
}


export const explainQuery: QueryResolvers = {
  async explainFigure(_parent, args, context) {
    const figure = FIGURE_OF[args.figure];
    if (figure === 'offeredSupport' && isPolice(context.principal)) throw forbidden('explainFigure', SUPPORT_WITHHELD);
    const period = args.scope ? scopePeriod(args.tertial, args.scope) : periodOf(context, args);
    if (args.scope && (args.from || args.to)) throw toGraphQLError(domainError('BAD_USER_INPUT', args.from ? 'from' : 'to', 'must not be given with scope: the scope names the period'));
    const register = await registerAt(context, args.asOf);
    const members = steeringFigureMembers(register, figure, period, { includeExcluded: args.includeExcluded ?? false });
    return answer(context, 'explainFigure', register, members, period, args);
  },
  async explainStatistics(_parent, args, context) {
    const measure = MEASURE_OF[args.measure];
    if (measure === 'offeredSupport' && isPolice(context.principal)) throw forbidden('explainStatistics', SUPPORT_WITHHELD);
    const filter = args.filter ?? {};
    const period = periodOf(context, filter, 'filter');
    const groupBy = args.groupBy ?? [];
    if (new Set(groupBy).size !== groupBy.length) throw toGraphQLError(domainError('BAD_USER_INPUT', 'groupBy', 'must not name a dimension twice'));
    const key = args.key ?? [];
    const keyed = key.map((k) => k.dimension);
    if (new Set(keyed).size !== keyed.length || (key.length > 0 && (key.length !== groupBy.length || !groupBy.every((d) => keyed.includes(d))))) {
      throw toGraphQLError(domainError('BAD_USER_INPUT', 'key', 'must give one value for each grouped dimension (or none, for the total)'));
    }
    const register = await statisticsRegisterAt(context, filter.asOf);
    const query = statisticsQueryOf(filter, period, groupBy);
    const agreements = groupBy.includes('AGREEMENT_STATUS') ? await agreementStatusContext(context, filter.asOf) : undefined;
    const members = statisticsCellMembers(register, query, { key, measure }, agreements, { includeExcluded: args.includeExcluded ?? false });
    return answer(context, 'explainStatistics', register, members, period, { asOf: filter.asOf ?? null, first: args.first ?? null, after: args.after ?? null });
  },
};
