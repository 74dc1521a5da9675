import { GraphQLError } from 'graphql';
import { agreementRegister, agreementsOn, connectedOn, encounterAgreementStatus, pendingNotifications, type AgreementRegister } from '../../projections/agreements.js';
import { outreachRegister, outreachSummary } from '../../projections/outreach.js';
import { passRegister } from '../../projections/pass-register.js';
import { openSafeguardingActions } from '../../projections/safeguarding.js';
import type { StatisticsContext } from '../../projections/statistics.js';
import { trainingRegister, trainingSummary } from '../../projections/trainings.js';
import { recordCommands } from '../application/record-commands.js';
import type { CountyCommandType } from '../domain/commands.js';
import { countyBase, costShare, type CostShareBase } from '../domain/cost-share.js';
import { countyKommun, OFFER_KOMMUNER, QUOTED_CONNECTED_MAY_2024 } from '../domain/county-offer.js';
import { domainError } from '../domain/errors.js';
import { passStreamId } from '../domain/events.js';
import { KOMMUNER } from '../domain/kommun.js';
import { stockholmDate } from '../domain/time.js';
import { foldAsOf } from '../projections/engine.js';
import type { ApiContext } from './context.js';
import { toGraphQLError } from './errors.js';
import type { MutationResolvers, QueryResolvers, RecordedCommand, Resolvers } from './generated/resolvers.js';

/**
 * The county offer (agreements, notifications, cost share), safeguarding of minors, trainings and
 * online outreach. Each resolver says who may call it, for the sign-in and roles being added.
 */

const kommunRef = (code: string) => ({ code, name: countyKommun(code)?.name ?? KOMMUNER.get(code)?.name ?? code });
const today = () => stockholmDate(new Date());

/** The agreements as they stand, or as they stood at `asOf`, as the statistics read them. */
export async function agreementStatusContext(context: ApiContext, asOf: Date | null | undefined): Promise<StatisticsContext> {
  const register = asOf ? await foldAsOf(context.store, agreementRegister, asOf) : context.engine.state(agreementRegister);
  return { agreementStatus: (homeKommun, passDate) => encounterAgreementStatus(register, homeKommun, passDate) };
}

function shareOf(args: { totalSek: number; populationYear: number; base: CostShareBase; on?: string | null }, agreements: AgreementRegister) {
  if (args.base === 'COUNTY' && args.on) throw toGraphQLError(domainError('BAD_USER_INPUT', 'on', 'is used only with base CONNECTED: the county-wide base does not depend on agreements'));
  const on = args.base === 'CONNECTED' ? (args.on ?? today()) : undefined;
  const kommuner = on === undefined ? countyBase() : connectedOn(agreements, on);
  const result = costShare(args.totalSek, args.populationYear, args.base, kommuner, on);
  if (!result.ok) throw toGraphQLError(result.error);
  return result.share;
}

export const countyOfferQuery: QueryResolvers = {
  // access: projektledare
  agreements(_parent, args, context) {
    const on = args.on ?? today();
    const result = agreementsOn(context.engine.state(agreementRegister), on);
    const refs = (list: typeof result.connected) => list.map((k) => ({ code: k.code, name: k.name }));
    return {
      on,
      connected: refs(result.connected),
      notConnected: refs(result.notConnected),
      unknown: refs(result.unknown),
      offeredTo: OFFER_KOMMUNER.length,
      quotedMay2024: { ...QUOTED_CONNECTED_MAY_2024 },
    };
  },
  // access: projektledare
  pendingKommunNotifications(_parent, _args, context) {
    return pendingNotifications(context.engine.state(agreementRegister), context.engine.state(passRegister)).map((p) => ({ ...p, kommun: kommunRef(p.kommun) }));
  },
  // access: projektledare
  costShare(_parent, args, context) {
    return shareOf(args, context.engine.state(agreementRegister)).rows;
  },
  // access: projektledare
  costShareReport(_parent, args, context) {
    const share = shareOf(args, context.engine.state(agreementRegister));
    return { ...share, on: share.on ?? null };
  },
  // access: field users of the recording org, projektledare
  openSafeguardingActions(_parent, _args, context) {
    return openSafeguardingActions(context.engine.state(passRegister), new Date()).map((a) => ({ ...a, since: new Date(a.since) }));
  },
  // access: projektledare
  trainingSummary(_parent, args, context) {
    const from = args.from ?? '2021-01-01';
    const to = args.to ?? today();
    if (from > to) throw toGraphQLError(domainError('BAD_USER_INPUT', args.to ? 'to' : 'from', args.to ? 'must not be before from' : 'must not be after today'));
    const summary = trainingSummary(context.engine.state(trainingRegister), { from, to });
    return {
      ...summary,
      firstPhysical: summary.firstPhysical ?? null,
      kommunerRepresented: summary.kommunerRepresented.map(kommunRef),
    };
  },
  // access: projektledare
  outreachSummary(_parent, args, context) {
    if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) {
      throw toGraphQLError(domainError('BAD_USER_INPUT', 'year', 'must be a year from 2000 to 2100'));
    }
    return outreachSummary(context.engine.state(outreachRegister), context.engine.state(passRegister), args.year);
  },
};

export const countyOfferTypes: Pick<Resolvers, 'OpenSafeguardingAction'> = {
  OpenSafeguardingAction: {
    // Who recorded an encounter is in its event's metadata, which projections do not fold: read the
    // one pass stream, for open actions only, and only when asked.
    async recordedByOrg(action, _args, context) {
      const events = await context.store.readStream(passStreamId(action.passId));
      const encountered = events.find((e) => e.type === 'PersonEncountered' && (e.data as { encounterId?: string }).encounterId === action.encounterId);
      return (encountered?.metadata as { actor?: { org?: string } } | undefined)?.actor?.org ?? null;
    },
  },
};

/** GraphQL sends explicit nulls and null-prototype objects; a command is plain JSON without them. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

async function runCountyCommand(type: CountyCommandType, input: object, expectedRevision: number | null | undefined, context: ApiContext): Promise<RecordedCommand> {
  const command = { type, ...(plain(input) as object) };
  const result = await recordCommands(
    context.store,
    [command],
    {
      // Until sign-in exists every caller is the same anonymous actor; the request id ties the event to its request.
      actor: { userId: 'anonymous', org: 'NONE', role: 'none' },
      correlationId: context.requestId,
      requestId: context.requestId,
      now: new Date(),
    },
    expectedRevision === null || expectedRevision === undefined ? {} : { expectedRevision },
  );
  if (!result.ok) {
    const [first, ...rest] = result.failures.flatMap((f) => f.errors);
    if (!first) throw new GraphQLError('the command was refused', { extensions: { code: 'BAD_USER_INPUT' } });
    const error = toGraphQLError({ ...first, field: first.field === 'expectedRevision' ? first.field : `input.${first.field}` });
    if (rest.length > 0) error.extensions.others = rest.map((e) => ({ code: e.code, field: `input.${e.field}`, rule: e.rule }));
    throw error;
  }
  const [outcome] = result.outcomes;
  if (!outcome) throw new Error('a recorded command has an outcome');
  await context.engine.waitFor(outcome.position);
  return { commandId: outcome.commandId, streamId: outcome.streamId, revision: outcome.revision };
}

export const countyOfferMutation: MutationResolvers = {
  // access: projektledare
  signAgreement: (_p, args, context) => runCountyCommand('SignAgreement', args.input, args.expectedRevision, context),
  // access: projektledare
  endAgreement: (_p, args, context) => runCountyCommand('EndAgreement', args.input, args.expectedRevision, context),
  // access: projektledare
  confirmNotConnected: (_p, args, context) => runCountyCommand('ConfirmNotConnected', args.input, args.expectedRevision, context),
  // access: projektledare
  notifyKommun: (_p, args, context) => runCountyCommand('NotifyKommun', args.input, args.expectedRevision, context),
  // access: projektledare
  recordTraining: (_p, args, context) => runCountyCommand('RecordTraining', args.input, args.expectedRevision, context),
  // access: projektledare
  registerAccount: (_p, args, context) => runCountyCommand('RegisterAccount', args.input, args.expectedRevision, context),
  // access: projektledare
  discloseOrganisation: (_p, args, context) => runCountyCommand('DiscloseOrganisation', args.input, args.expectedRevision, context),
  // access: projektledare
  blockAccount: (_p, args, context) => runCountyCommand('BlockAccount', args.input, args.expectedRevision, context),
  // access: projektledare
  recordOutreachSession: (_p, args, context) => runCountyCommand('RecordOutreachSession', args.input, args.expectedRevision, context),
};
