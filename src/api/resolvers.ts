import { passPage } from '../../projections/pass-pages.js';
import { dateNumber, passRegister, passView, unitBits, type PassRegister } from '../../projections/pass-register.js';
import { statistics } from '../../projections/statistics.js';
import { steeringFigures } from '../../projections/steering-figures.js';
import { tertialSummary } from '../../projections/tertial-summary.js';
import { discloseSummary } from '../../projections/disclosed-figures.js';
import { discloseStatistics, STATISTICS_MEASURES, type DisclosedCounts } from '../../projections/disclosure.js';
import { domainError } from '../domain/errors.js';
import { resolvePeriod } from '../domain/period.js';
import { passStreamId } from '../domain/events.js';
import { KOMMUNER } from '../domain/kommun.js';
import { legalBasisOn } from '../domain/legal-basis.js';
import { parseTertial } from '../domain/time.js';
import { isJoint, isMinor } from '../domain/vocabulary.js';
import { foldAsOf } from '../projections/engine.js';
import { openText } from '../application/free-text.js';
import { auditPeriodError, recordRead, readsBetween } from '../application/read-audit.js';
import { POLICE_WITHHELD_REASON, SOCIAL_SERVICES_ONLY_EVENT_TYPES } from '../auth/access-policy.js';
import { isPolice } from '../auth/principal.js';
import type { Unit } from '../domain/vocabulary.js';
import { forbidden } from './access.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import { runCommand } from './mutations.js';
import { agreementStatusContext, countyOfferMutation, countyOfferQuery, countyOfferTypes } from './resolvers-county-offer.js';
import type { Resolvers } from './generated/resolvers.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { SMALL_CELL_THRESHOLD } from './small-cells.js';
import { reportQuery } from './resolvers-report.js';

/** Free text as it can be read now: null once retention has destroyed the pass's key. */
function openedText(context: ApiContext, passId: string, value: string | null | undefined): string | null {
  if (!value) return null;
  const opened = openText(context.dataKeys, passStreamId(passId), value);
  return 'text' in opened ? opened.text : null;
}

const OWN_PASSES_ONLY = 'is open only for passes your own unit took part in';

/** The register as it stands, or as it stood at `asOf` (folded afresh: "as presented then"). */
function registerAt(context: ApiContext, asOf: Date | null | undefined): Promise<PassRegister> | PassRegister {
  return asOf ? foldAsOf(context.store, passRegister, asOf) : context.engine.state(passRegister);
}

/** The period an argument or input object names; errors name the field under `prefix` (e.g. filter.to). */
function periodOf(context: ApiContext, input: { from?: string | null; to?: string | null; tertial?: string | null }, prefix?: string) {
  const resolved = resolvePeriod({ from: input.from ?? undefined, to: input.to ?? undefined, tertial: input.tertial ?? undefined }, context.clock());
  if (!resolved.ok) throw toGraphQLError({ ...resolved.error, field: prefix ? `${prefix}.${resolved.error.field}` : resolved.error.field });
  return resolved.period;
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
    async steeringFigures(_parent, args, context) {
      const period = periodOf(context, args);
      const register = await registerAt(context, args.asOf);
      return { ...steeringFigures(register, period), tertial: period.tertial ?? null, asOf: args.asOf ?? null, masked: [] };
    },
    async tertialSummary(_parent, args, context) {
      const tertial = parseTertial(args.tertial);
      if (!tertial) throw toGraphQLError(domainError('BAD_USER_INPUT', 'tertial', 'must be written YYYY-Tn with n 1, 2 or 3, e.g. 2022-T2'));
      const summary = discloseSummary(tertialSummary(await registerAt(context, args.asOf), tertial), args.disclosure, SMALL_CELL_THRESHOLD);
      return { ...summary, disclosure: args.disclosure, asOf: args.asOf ?? null };
    },
    async statistics(_parent, args, context) {
      const filter = args.filter ?? {};
      const period = periodOf(context, filter, 'filter');
      const groupBy = args.groupBy ?? [];
      if (new Set(groupBy).size !== groupBy.length) throw toGraphQLError(domainError('BAD_USER_INPUT', 'groupBy', 'must not name a dimension twice'));
      const register = await registerAt(context, filter.asOf);
      const nonNull = <T>(value: T | null | undefined) => value ?? undefined;
      const result = statistics(register, {
        from: period.from,
        to: period.to,
        groupBy,
        jointOnly: filter.jointOnly ?? false,
        units: nonNull(filter.units),
        passKinds: nonNull(filter.passKinds),
        raidLocationTypes: nonNull(filter.raidLocationTypes),
        roles: nonNull(filter.roles),
        ageBands: nonNull(filter.ageBands),
        under18: nonNull(filter.under18),
        genders: nonNull(filter.genders),
        homeKommuner: nonNull(filter.homeKommuner),
      }, groupBy.includes('AGREEMENT_STATUS') ? await agreementStatusContext(context, filter.asOf) : undefined);
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
      const view = passView(context.engine.state(passRegister), args.id);
      if (!view) return null;
      if (!view.units.includes(context.principal.org as Unit)) throw forbidden('pass', OWN_PASSES_ONLY);
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
      const register = context.engine.state(passRegister);
      const c = register.passes.cols;
      const kind = filter.kind === null || filter.kind === undefined ? -1 : ['SURVEILLANCE', 'RAID'].indexOf(filter.kind);
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
      const events = await context.store.readStream(passStreamId(args.id));
      if (events.length === 0) throw toGraphQLError(domainError('NOT_FOUND', 'id', 'must name a recorded pass'));
      const view = passView(context.engine.state(passRegister), args.id);
      if (view && !view.units.includes(context.principal.org as Unit)) throw forbidden('passHistory', OWN_PASSES_ONLY);
      await recordRead(context.store, context.principal, 'passHistory', [args.id], context.requestId, context.clock());
      const police = isPolice(context.principal);
      return events.filter((event) => !(police && SOCIAL_SERVICES_ONLY_EVENT_TYPES.has(event.type))).map((event) => {
        const metadata = event.metadata as { occurredAt?: string; commandId?: string; actor?: { userId: string; org: string; role: string } };
        return {
          position: event.position,
          revision: event.revision,
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
  },
  Encounter: {
    under18: (encounter) => isMinor(encounter.ageBand),
    supportOfferedBy: (encounter, _args, context) => (isPolice(context.principal) ? null : encounter.supportUnits),
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
  Mutation: {
    ...countyOfferMutation,
    recordPass: (_p, args, context) => runCommand('RecordPass', args.input, args.expectedRevision, context),
    recordRaid: (_p, args, context) => runCommand('RecordRaid', args.input, args.expectedRevision, context),
    recordEncounter: (_p, args, context) => runCommand('RecordEncounter', args.input, args.expectedRevision, context),
    offerSupport: (_p, args, context) => runCommand('OfferSupport', args.input, args.expectedRevision, context),
    contactGuardian: (_p, args, context) => runCommand('ContactGuardian', args.input, args.expectedRevision, context),
    fileConcernReport: (_p, args, context) => runCommand('FileConcernReport', args.input, args.expectedRevision, context),
    correctEncounter: (_p, args, context) => runCommand('CorrectEncounter', args.input, args.expectedRevision, context),
    retractEncounter: (_p, args, context) => runCommand('RetractEncounter', args.input, args.expectedRevision, context),
    correctPass: (_p, args, context) => runCommand('CorrectPass', args.input, args.expectedRevision, context),
    retractPass: (_p, args, context) => runCommand('RetractPass', args.input, args.expectedRevision, context),
  },
};
