import { passPage } from '../../projections/pass-pages.js';
import { passRegister } from '../../projections/pass-register.js';
import { passView } from '../../projections/pass-views.js';
import { dateNumber, KIND, unitBits } from '../../projections/pass-register-rows.js';
import { statistics } from '../../queries/statistics.js';
import { steeringFigures } from '../../queries/steering-figures.js';
import { tertialSummary } from '../../queries/tertial-summary.js';
import { discloseSummary } from '../../queries/disclosed-figures.js';
import { planDisclosure } from '../../queries/report-disclosure.js';
import { discloseStatistics, STATISTICS_MEASURES, type DisclosedCounts } from '../../queries/disclosure.js';
import { domainError } from '../domain/errors.js';
import { passStreamId } from '../domain/events.js';
import { KOMMUNER } from '../domain/kommun.js';
import { legalBasisOn } from '../domain/legal-basis.js';
import { parseTertial } from '../domain/time.js';
import { isJoint, isUnder18 } from '../domain/vocabulary.js';
import { openText } from '../application/free-text.js';
import { auditPeriodError, recordRead, readsBetween } from '../application/read-audit.js';
import { POLICE_WITHHELD_REASON, SOCIAL_SERVICES_ONLY_EVENT_TYPES } from '../auth/access-policy.js';
import { fieldUnitOf, isPolice } from '../auth/principal.js';
import { passAccess, passStateOf } from '../application/pass-access.js';
import type { RecordedEvent } from '../store/port.js';
import type { Unit } from '../domain/vocabulary.js';
import { forbidden } from './access.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import { commandMutations } from './mutations.js';
import { agreementStatusContext, countyOfferQuery, countyOfferTypes } from './resolvers-county-offer.js';
import type { Resolvers } from './generated/resolvers.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { SMALL_CELL_THRESHOLD } from '../reports/small-cells.js';
import { reportQuery } from './resolvers-report.js';
import { statisticsQueryOf } from './statistics-query.js';
import { periodOf, registerAt } from './query-inputs.js';
import { explainQuery } from './resolvers-explain.js';

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

/** Opaque page cursors: the sort key of the last pass on the page. */
const cursorOf = (date: number, id: string) => Buffer.from(JSON.stringify([date, id])).toString('base64url');
function afterCursor(cursor: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through to the refusal below
  }
  throw toGraphQLError(domainError('BAD_USER_INPUT', 'after', 'must be a cursor from a previous page'));
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
      const register = await registerAt(context, args.asOf);
      // PUBLIC: the plan every report uses, so this summary and any report mask the same cells.
      const plan = args.disclosure === 'PUBLIC' ? planDisclosure(register, await agreementStatusContext(context, args.asOf), tertial, SMALL_CELL_THRESHOLD) : null;
      const summary = discloseSummary(tertialSummary(register, tertial), plan);
      return { ...summary, disclosure: args.disclosure, asOf: args.asOf ?? null };
    },
    async statistics(_parent, args, context) {
      const filter = args.filter ?? {};
      const period = periodOf(context, filter, 'filter');
      const groupBy = args.groupBy ?? [];
      if (new Set(groupBy).size !== groupBy.length) throw toGraphQLError(domainError('BAD_USER_INPUT', 'groupBy', 'must not name a dimension twice'));
      const register = await registerAt(context, filter.asOf);
      const result = statistics(register, statisticsQueryOf(filter, period, groupBy), groupBy.includes('AGREEMENT_STATUS') ? await agreementStatusContext(context, filter.asOf) : undefined);
      const shown = discloseStatistics(result, args.disclosure, { threshold: SMALL_CELL_THRESHOLD });
      const counts = (disclosed: DisclosedCounts) => ({
        ...Object.fromEntries(STATISTICS_MEASURES.map((measure) => [measure, disclosed[measure].value])),
        masked: STATISTICS_MEASURES.flatMap((measure) => (disclosed[measure].reason ? [{ measure, reason: disclosed[measure].reason === 'small' ? ('SMALL' as const) : ('COMPLEMENTARY' as const) }] : [])),
      }) as Record<(typeof STATISTICS_MEASURES)[number], number | null> & { masked: Array<{ measure: string; reason: 'SMALL' | 'COMPLEMENTARY' }> };
      return {
        from: period.from,
        to: period.to,
        asOf: filter.asOf ?? null,
        disclosure: args.disclosure,
        threshold: SMALL_CELL_THRESHOLD,
        groupBy,
        rows: shown.rows.map((row) => ({ key: row.key, ...counts(row.counts) })),
        total: { key: [], ...counts(shown.total) },
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
      if (!Number.isInteger(first) || first < 1 || first > 100) throw toGraphQLError(domainError('BAD_USER_INPUT', 'first', 'must be a whole number from 1 to 100'));
      const given = filter.from || filter.to || filter.tertial;
      const period = given ? periodOf(context, filter, 'filter') : { from: '0001-01-01', to: '9999-12-31' };
      const [from, to] = [dateNumber(period.from), dateNumber(period.to)];
      // The list is the register's: caught up with the log as it stands now, so no pass changed elsewhere is listed as it was.
      await context.engine.waitFor(await context.store.headPosition());
      const register = context.engine.state(passRegister);
      const c = register.passes.cols;
      // The register's own code for the kind (its index in PASS_KINDS), so the filter cannot drift from the fold.
      const kind = filter.kind === null || filter.kind === undefined ? -1 : (KIND.get(filter.kind) as number);
      const { rows: page, totalCount, hasNextPage } = passPage(register, {
        from,
        to,
        kind,
        units: unitBits(filter.units ?? []),
        // A field user sees the passes their own unit took part in, whatever the filter asks.
        own: unitBits([context.principal.org as Unit]),
        includeRetracted: Boolean(filter.includeRetracted),
        ...(args.after ? { after: afterCursor(args.after) } : {}),
        first,
      });
      const idOf = (row: number) => register.passIds[row] as string;
      const edges = page.map((row) => ({ cursor: cursorOf(c.date[row] as number, idOf(row)), node: passView(register, idOf(row)) as NonNullable<ReturnType<typeof passView>> }));
      await recordRead(context.store, context.principal, 'passes', page.map(idOf), context.requestId, context.clock());
      return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges[edges.length - 1]?.cursor ?? null } };
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
      const police = isPolice(context.principal);
      // Numbered over what the caller sees: the police are shown no gap where an event is withheld.
      return events.filter((event) => !(police && SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(event.type))).map((event, shown) => {
        const metadata = event.metadata as { occurredAt?: string; commandId?: string; actor?: { userId: string; org: string; role: string } };
        return {
          position: event.position,
          revision: police ? shown : event.revision,
          type: event.type,
          occurredAt: metadata.occurredAt ?? null,
          recordedAt: new Date(event.recordedAt),
          commandId: metadata.commandId ?? null,
          actor: metadata.actor ?? null,
        };
      });
    },
  },
  Pass: {
    joint: (pass) => isJoint(pass.units),
    area: (pass, _args, context) => openedText(context, pass.id, pass.area),
    textErased: (pass, _args, context) => context.dataKeys.destroyed(passStreamId(pass.id)),
    // The police count revisions over the events they may see, as their writes are checked (record-commands.ts).
    async revision(pass, _args, context) {
      if (!isPolice(context.principal)) return pass.revision;
      const events = await context.store.readStream(passStreamId(pass.id));
      let shown = -1;
      for (const event of events) {
        if (event.revision > pass.revision) break;
        if (!SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(event.type)) shown += 1;
      }
      return shown;
    },
  },
  Encounter: {
    under18: (encounter) => isUnder18(encounter.ageBand),
    supportOfferedBy: (encounter, _args, context) => (isPolice(context.principal) ? null : encounter.supportOfferedBy),
    guardianContactedOn: (encounter, _args, context) => (isPolice(context.principal) ? null : (encounter.guardianContactedOn ?? null)),
    concernReport: (encounter, _args, context) => (isPolice(context.principal) ? null : (encounter.concernReport ?? null)),
    withheldReason: (_encounter, _args, context) => (isPolice(context.principal) ? POLICE_WITHHELD_REASON : null),
  },
  ConcernReport: {
    legalBasis: (report) => legalBasisOn('concern-report', report.on)?.provision ?? null,
  },
  StatisticsKey: {
    label: (key) => (key.dimension === 'HOME_KOMMUN' ? (KOMMUNER.get(key.value)?.name ?? null) : null),
  },
  Mutation: commandMutations,

};
