import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import { statistics } from '../../queries/statistics.js';
import { pageSizeError, passList } from '../../queries/pass-list.js';
import { historySeenBy, policeRevision, withheldFromPolice } from '../../queries/police-view.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { tertialSummary } from '../../queries/tertial-summary.js';
import { discloseSummary } from '../../queries/disclosed-figures.js';
import { statisticsAnswer } from '../../queries/statistics-answer.js';
import { domainError } from '../domain/errors.js';
import { passStreamId } from '../domain/events.js';
import { KOMMUNER } from '../domain/kommun.js';
import { legalBasisOn } from '../domain/legal-basis.js';
import { parseTertial } from '../domain/time.js';
import { isJoint, isUnder18 } from '../domain/vocabulary.js';
import { openText } from '../application/free-text.js';
import { auditPeriodError, recordRead, readsBetween } from '../application/read-audit.js';
import { POLICE_WITHHELD_REASON } from '../auth/access-policy.js';
import { fieldUnitOf, isPolice } from '../auth/principal.js';
import { passAccess, passStateOf } from '../application/pass-access.js';
import type { RecordedEvent } from '../store/port.js';
import type { Unit } from '../domain/vocabulary.js';
import { forbidden } from './access.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import { listInTurns } from './list-in-turns.js';
import { commandMutations } from './mutations.js';
import { agreementStatusContext, countyOfferQuery, countyOfferTypes } from './resolvers-county-offer.js';
import type { Resolvers } from './generated/resolvers.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { SMALL_CELL_THRESHOLD } from '../reports/small-cells.js';
import { reportQuery } from './resolvers-report.js';
import { statisticsQueryOf } from './statistics-query.js';
import { periodOf, registerAt, statisticsRegisterAt } from './query-inputs.js';
import { explainQuery } from './resolvers-explain.js';
import { tertialPlan } from '../reports/report-source.js';

/** Free text as it can be read now: null once retention has destroyed the pass's key. */
function openedText(context: ApiContext, passId: string, value: string | null | undefined): string | null {
  if (!value) return null;
  const opened = openText(context.dataKeys, passStreamId(passId), value);
  return 'text' in opened ? opened.text : null;
}

/**
 * A pass's events, once the caller may see them: decided on the stream as it stands (pass-access.ts),
 * not on the register, which may not know yet a pass another process wrote.
 */
async function readablePass(context: ApiContext, passId: string, operation: string): Promise<RecordedEvent[]> {
  const events = await context.store.readStream(passStreamId(passId));
  const unit = fieldUnitOf(context.principal);
  const denied = unit ? passAccess(unit, passStateOf(events)) : domainError('FORBIDDEN', 'passId', 'is open to field users only');
  if (denied) throw forbidden(operation, denied.rule);
  return events;
}

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...countyOfferTypes,
  Query: {
    ...countyOfferQuery,
    ...reportQuery,
    ...explainQuery,
    async steeringFigures(_parent, args, context) {
      const period = periodOf(context, args);
      const register = await registerAt(context, args.asOf);
      return { ...steeringFigures(register, period), tertial: period.tertial ?? null, asOf: args.asOf ?? null, masked: [] };
    },
    async tertialSummary(_parent, args, context) {
      const tertial = parseTertial(args.tertial);
      if (!tertial) throw toGraphQLError(domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2'));
      // PUBLIC: the plan every report uses (kept per log prefix), so this summary and any report mask the same cells.
      const planned = args.disclosure === 'PUBLIC' ? await tertialPlan(context, tertial, args.asOf ?? null, SMALL_CELL_THRESHOLD) : null;
      const register = planned ? planned.state.register : await registerAt(context, args.asOf);
      const summary = discloseSummary(tertialSummary(register, tertial), planned?.plan ?? null);
      return { ...summary, disclosure: args.disclosure, asOf: args.asOf ?? null };
    },
    async statistics(_parent, args, context) {
      const filter = args.filter ?? {};
      const period = periodOf(context, filter, 'filter');
      const groupBy = args.groupBy ?? [];
      if (new Set(groupBy).size !== groupBy.length) throw toGraphQLError(domainError('BAD_USER_INPUT', 'groupBy', 'must not name a dimension twice'));
      const register = await statisticsRegisterAt(context, filter.asOf);
      const result = statistics(register, statisticsQueryOf(filter, period, groupBy), groupBy.includes('AGREEMENT_STATUS') ? await agreementStatusContext(context, filter.asOf) : undefined);
      return {
        from: period.from,
        to: period.to,
        asOf: filter.asOf ?? null,
        disclosure: args.disclosure,
        threshold: SMALL_CELL_THRESHOLD,
        groupBy,
        ...statisticsAnswer(result, args.disclosure, SMALL_CELL_THRESHOLD),
      };
    },
    async pass(_parent, args, context) {
      const events = await readablePass(context, args.id, 'pass');
      // The register shows the pass once it has folded the stream as read: it may lag another writer.
      await context.engine.waitFor((events[events.length - 1] as RecordedEvent).position);
      const view = passView(context.engine.state(passRegister), args.id);
      if (!view) return null;
      await recordRead(context.store, context.principal, 'pass', [view.id], context.requestId, context.clock());
      return view;
    },
    async passes(_parent, args, context) {
      const filter = args.filter ?? {};
      const first = args.first ?? 20;
      const tooMany = pageSizeError(first);
      if (tooMany) throw toGraphQLError(tooMany);
      const given = filter.from || filter.to || filter.tertial;
      const period = given ? periodOf(context, filter, 'filter') : undefined;
      // The list is the register's: caught up with the log as it stands now, so no pass changed elsewhere is listed as it was.
      await context.engine.waitFor(await context.store.headPosition());
      const list = passList(context.engine.state(passRegister), {
        ...(period ? { period } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        units: filter.units ?? [],
        ownUnit: context.principal.org as Unit,
        includeRetracted: Boolean(filter.includeRetracted),
        ...(args.after ? { after: args.after } : {}),
        first,
      });
      if ('code' in list) throw toGraphQLError(list);
      await recordRead(context.store, context.principal, 'passes', list.passIds, context.requestId, context.clock());
      return { edges: list.edges, totalCount: list.totalCount, pageInfo: list.pageInfo };
    },
    async auditLog(_parent, args, context) {
      const period = periodOf(context, { from: args.from, to: args.to });
      const tooLong = auditPeriodError(period.from, period.to);
      if (tooLong) throw toGraphQLError(tooLong);
      const reads = await readsBetween(context.store, period.from, period.to, args.user ?? undefined);
      return reads.map((read) => ({ ...read, passIds: [...read.passIds], at: new Date(read.at) }));
    },
    async passHistory(_parent, args, context) {
      const events = await readablePass(context, args.id, 'passHistory');
      await recordRead(context.store, context.principal, 'passHistory', [args.id], context.requestId, context.clock());
      return historySeenBy(events, isPolice(context.principal));
    },
  },
  Pass: {
    joint: (pass) => isJoint(pass.units),
    area: (pass, _args, context) => openedText(context, pass.id, pass.area),
    textErased: (pass, _args, context) => context.dataKeys.destroyed(passStreamId(pass.id)),
    // The police count revisions over the events they may see, as their writes are checked (record-commands.ts).
    async revision(pass, _args, context) {
      if (!isPolice(context.principal)) return pass.revision;
      return policeRevision(await context.store.readStream(passStreamId(pass.id)), pass.revision);
    },
  },
  Encounter: {
    under18: (encounter) => isUnder18(encounter.ageBand),
    supportOfferedBy: (encounter, _args, context) => withheldFromPolice(isPolice(context.principal), encounter.supportOfferedBy),
    guardianContactedOn: (encounter, _args, context) => withheldFromPolice(isPolice(context.principal), encounter.guardianContactedOn ?? null),
    concernReport: (encounter, _args, context) => withheldFromPolice(isPolice(context.principal), encounter.concernReport ?? null),
    withheldReason: (_encounter, _args, context) => (isPolice(context.principal) ? POLICE_WITHHELD_REASON : null),
  },
  ConcernReport: {
    legalBasis: (report) => legalBasisOn('concern-report', report.on)?.provision ?? null,
  },
  Statistics: {
    // graphql-js takes a list of promises as well as a list: the generated type knows only the latter.
    rows: (answer) => listInTurns(answer.rows) as typeof answer.rows,
  },
  StatisticsKey: {
    label: (key) => (key.dimension === 'HOME_KOMMUN' ? (KOMMUNER.get(key.value)?.name ?? null) : null),
  },
  Mutation: commandMutations,

};
